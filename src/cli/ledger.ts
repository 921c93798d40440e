// `ct-friendbuy ledger verify`: recomputes every stream's hash chain and reports where it breaks. Reads the
// store directly, or asks the running connector's admin API when it holds the embedded store.
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { verifyWholeLedger } from '../flows/console/on-call.js';
import { StoreLockedError } from '../store/data-dir-lock.js';
import { type ChainBreak, verifyLedger } from '../store/ledger.js';
import { adminApi } from './admin-api.js';
import type { CliContext } from './context.js';

type Verification = { events: number; breaks: ChainBreak[] };

export async function ledgerCommand(
  context: CliContext,
  args: string[],
  connectorUrl?: string,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new Error('usage: ct-friendbuy ledger verify [--stream STREAM]');
  const { values } = parseArgs({ args: rest, options: { stream: { type: 'string' } } });
  const result = await verify(context, values.stream, connectorUrl);
  if (result.breaks.length === 0) {
    process.stdout.write(`ledger intact: ${result.events} event(s) verified\n`);
    return 0;
  }
  for (const found of result.breaks) {
    process.stdout.write(`BROKEN ${found.stream} #${found.seq}: ${found.reason}\n`);
  }
  process.stdout.write(`${result.breaks.length} break(s) in ${result.events} event(s)\n`);
  return 1;
}

async function verify(
  context: CliContext,
  stream: string | undefined,
  connectorUrl: string | undefined,
): Promise<Verification> {
  let db: Awaited<ReturnType<CliContext['openDb']>>;
  try {
    db = await context.openDb();
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    const query = stream ? `?${new URLSearchParams({ stream })}` : '';
    return adminApi(context, connectorUrl).call<Verification>(`/admin/api/ledger/verify${query}`);
  }
  try {
    // A whole-ledger check is kept with its time, for the console's on-call view.
    return stream ? await verifyLedger(db, stream) : await verifyWholeLedger({ db, clock: systemClock });
  } finally {
    await db.close();
  }
}
