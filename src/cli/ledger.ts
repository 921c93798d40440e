// `ct-friendbuy ledger verify`: recomputes every stream's hash chain and reports where it breaks.
import { parseArgs } from 'node:util';
import { verifyLedger } from '../store/ledger.js';
import type { CliContext } from './context.js';

export async function ledgerCommand(context: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new Error('usage: ct-friendbuy ledger verify [--stream STREAM]');
  const { values } = parseArgs({ args: rest, options: { stream: { type: 'string' } } });
  const db = await context.openDb();
  try {
    const result = await verifyLedger(db, values.stream);
    if (result.breaks.length === 0) {
      process.stdout.write(`ledger intact: ${result.events} event(s) verified\n`);
      return 0;
    }
    for (const found of result.breaks) {
      process.stdout.write(`BROKEN ${found.stream} #${found.seq}: ${found.reason}\n`);
    }
    process.stdout.write(`${result.breaks.length} break(s) in ${result.events} event(s)\n`);
    return 1;
  } finally {
    await db.close();
  }
}
