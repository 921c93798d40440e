// `ct-friendbuy sandbox seed-referrals [--count 10000]`: fills the running sandbox's store with referred orders,
// rewards, funnel steps and review cases over the last 90 days (src/sandbox/seed-referrals.ts), batch by batch
// through the sandbox's seeding route, so the console's queue and dashboard can be tried and timed at volume.
import { randomUUID } from 'node:crypto';
import type { CliContext } from './context.js';
import { createProgress } from './progress.js';

const BATCH = 250;
const DEFAULT_COUNT = 10_000;

export async function sandboxSeedReferralsCommand(
  context: CliContext,
  args: string[],
  connectorUrl: string,
): Promise<number> {
  if (context.config.mode !== 'sandbox')
    throw new Error('`sandbox seed-referrals` only runs against a sandbox connector');
  const at = args.indexOf('--count');
  const count = at >= 0 ? Number(args[at + 1]) : DEFAULT_COUNT;
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000)
    throw new Error('--count: a whole number of referrals from 1 to 1000000');
  const run = randomUUID().replaceAll('-', '').slice(0, 8);
  const progress = createProgress(count, 'referrals');
  const totals = { referrals: 0, held: 0, rejected: 0, rewards: 0 };
  for (let from = 0; from < count; from += BATCH) {
    const response = await fetch(`${connectorUrl}/sandbox/referrals/seed`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${context.config.inbound.adminToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ run, from, count: Math.min(BATCH, count - from) }),
    });
    if (!response.ok) {
      progress.finish();
      process.stderr.write(`seeding stopped: ${response.status} ${await response.text()}\n`);
      return 1;
    }
    const tally = (await response.json()) as typeof totals;
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += tally[key];
    progress.update(Math.min(count, from + BATCH));
  }
  progress.finish();
  process.stdout.write(
    `seeded run ${run}: ${totals.referrals} referrals (${totals.held} held for review, ${totals.rejected} rejected), ` +
      `${totals.rewards} advocate rewards, over the last 90 days.\n` +
      `  dashboard: ${connectorUrl}/admin/api/dashboard?bucket=week&from=<90 days ago>\n` +
      `  queue:     ${connectorUrl}/admin/api/reviews?status=open\n`,
  );
  return 0;
}
