// Eligibility evaluation over the fraud benchmark's seeded history: the store reads the evaluation makes for
// one order (its ledger stream, its referral, the advocate's rewards for caps), and the pure decision
// `evaluateEligibility(orderFactsFromLedger(events, details), policy, now)` over the streams read.
import { performance } from 'node:perf_hooks';
import { capHistorySince } from '../src/domain/advocate-caps.js';
import { evaluateEligibility } from '../src/domain/eligibility.js';
import type { Money } from '../src/domain/money.js';
import type { OrderDetails } from '../src/domain/order-facts.js';
import { orderFactsFromLedger } from '../src/domain/order-facts-from-ledger.js';
import type { RewardPolicy } from '../src/domain/policy.js';
import { pastAdvocateRewards, rewardMoney } from '../src/domain/reward-value.js';
import type { Db } from '../src/store/db.js';
import { type LedgerEvent, readStream } from '../src/store/ledger.js';
import { findReferral } from '../src/store/referrals.js';
import { listAdvocateRewards, type RewardRow } from '../src/store/rewards.js';
import { CAMPAIGN_ID, HISTORY_END } from './fraud-history.js';
import { type LatencySummary, round, summarize } from './stats.js';

export interface OrderRead {
  orderId: string;
  events: LedgerEvent[];
  rewards: RewardRow[];
}

export interface EligibilityReads {
  orders: number;
  eventsPerStream: number;
  rewardsPerOrder: number;
  latencyMs: LatencySummary;
}

const WARM_UP = 200;
const usd = (centAmount: number): Money => ({ centAmount, currencyCode: 'USD', fractionDigits: 2 });

/** Orders with a ledger stream, spread over the history (hashing the name picks them without a pattern). */
export async function sampleOrders(db: Db, count: number): Promise<string[]> {
  const result = await db.query<{ stream: string }>(
    `SELECT stream FROM ledger WHERE seq = 1 ORDER BY hashtext(stream) LIMIT $1`,
    [count + WARM_UP],
  );
  return result.rows.map((row) => row.stream.slice('order:'.length));
}

/** What the evaluation reads for each order, timed per order; the first few warm up and are not counted. */
export async function timeEligibilityReads(
  db: Db,
  orderIds: readonly string[],
  policy: RewardPolicy,
): Promise<{ summary: EligibilityReads; reads: OrderRead[] }> {
  const samples: number[] = [];
  const reads: OrderRead[] = [];
  for (const [i, orderId] of orderIds.entries()) {
    const started = performance.now();
    const events = await readStream(db, `order:${orderId}`);
    const referral = await findReferral(db, orderId);
    // As the evaluation reads them: only as far back as the longest cap period before the order.
    const since = referral ? capHistorySince(policy.advocateCaps, referral.placedAt) : undefined;
    const rewards =
      referral && since !== undefined
        ? await listAdvocateRewards(
            db,
            { customerId: referral.advocateCustomerId, emailHash: referral.advocateEmailHash },
            since,
          )
        : [];
    if (i < WARM_UP) continue;
    samples.push(performance.now() - started);
    reads.push({ orderId, events, rewards });
  }
  const mean = (f: (read: OrderRead) => number) =>
    round(reads.reduce((sum, read) => sum + f(read), 0) / Math.max(1, reads.length), 1);
  return {
    reads,
    summary: {
      orders: reads.length,
      eventsPerStream: mean((read) => read.events.length),
      rewardsPerOrder: mean((read) => read.rewards.length),
      latencyMs: summarize(samples),
    },
  };
}

/** The pure decision over every read order, repeated until `evaluations`; microseconds per decision. */
export function timeEligibilityDecisions(
  reads: readonly OrderRead[],
  policy: RewardPolicy,
  evaluations: number,
): { latencyUs: LatencySummary; statuses: Record<string, number> } {
  const now = new Date(HISTORY_END.getTime() + 3_600_000);
  const orders = reads.map((read) => ({ events: read.events, details: detailsOf(read) }));
  // A first pass lets the JIT compile the decision before it is timed.
  for (const { events, details } of orders)
    evaluateEligibility(orderFactsFromLedger(events, details), policy, now);
  const samples = new Float64Array(evaluations);
  const statuses: Record<string, number> = {};
  for (let i = 0; i < evaluations; i++) {
    const { events, details } = orders[i % orders.length]!;
    const started = performance.now();
    const result = evaluateEligibility(orderFactsFromLedger(events, details), policy, now);
    samples[i] = (performance.now() - started) * 1000;
    if (i < orders.length) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
  }
  return { latencyUs: summarize(samples), statuses };
}

/** What the flow takes from the commercetools order and the rewards table (the seed's orders are $45, one line). */
function detailsOf(read: OrderRead): OrderDetails {
  const number = read.orderId.slice('bench-order-'.length);
  const own = read.rewards.find((reward) => reward.orderId === read.orderId && reward.state !== 'reversed');
  return {
    netOrderValue: usd(4500),
    discountAmount: usd(500),
    orderTotal: usd(4500),
    lineItems: [{ id: `bench-line-${number}`, quantity: 1, value: usd(4500) }],
    isNewCustomer: true,
    campaignId: CAMPAIGN_ID,
    advocateRewards: pastAdvocateRewards(read.rewards, read.orderId),
    rewardValue: own ? rewardMoney(own.amount, own.unit) : undefined,
  };
}
