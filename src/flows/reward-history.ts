// A reward as support and operators see it: the rewards row joined with its ledger stream, folded into its
// current state, transitions and anomalies. Read by the admin API and by the customer and order projections.
import { rewardStream } from '../domain/reward-events.js';
import { foldRewardState, type RewardAnomaly, type RewardState } from '../domain/reward-state.js';
import type { RewardKind, RewardOverview } from '../domain/reward-summary.js';
import type { Queryable } from '../store/db.js';
import { readStream } from '../store/ledger.js';
import { findReward, listCustomerRewards, type RewardRow } from '../store/rewards.js';

export interface RewardHistoryEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  recordedAt: Date;
  hash: string;
  /** The state before and after; equal when the event was refused or is not about the state. */
  from: RewardState;
  to: RewardState;
  applied: boolean;
}

/** What the rewards row knows; null while the reward's webhook has not been processed (yet). */
type RewardFacts = Pick<
  RewardRow,
  'customerId' | 'campaignId' | 'couponCode' | 'amount' | 'unit' | 'orderId' | 'redeemedOrderId'
>;

export interface RewardView extends RewardFacts {
  rewardId: string;
  /** Undefined when the stream exists but the reward's webhook has not been processed (yet). */
  kind?: RewardKind | undefined;
  state: RewardState;
  issuedAt: Date | null;
  anomalies: RewardAnomaly[];
  history: RewardHistoryEvent[];
}

/** The reward with its full history, or undefined when the connector knows nothing of it. */
export async function loadRewardView(q: Queryable, rewardId: string): Promise<RewardView | undefined> {
  // The stream before the row: a reward's row is written in the transaction of its first event, so once the
  // stream has that event the row read next is there. Read the other way round, a reward issued in between
  // showed its history without its kind or amount.
  const events = await readStream(q, rewardStream(rewardId));
  const row = await findReward(q, rewardId);
  return row || events.length > 0 ? viewFrom(rewardId, row, events) : undefined;
}

/** Views of the given rows (e.g. a customer's or an order's rewards), in the rows' order. */
export async function loadRewardViews(q: Queryable, rows: readonly RewardRow[]): Promise<RewardView[]> {
  const views: RewardView[] = [];
  for (const row of rows) views.push(await viewOf(q, row.rewardId, row));
  return views;
}

/** Every reward of a commercetools customer, as views, for support's "what happened to my reward?". */
export async function loadCustomerRewardViews(q: Queryable, customerId: string): Promise<RewardView[]> {
  return loadRewardViews(q, await listCustomerRewards(q, customerId));
}

/** What the rewards summary needs of a view (only views of processed rewards, which have a kind). */
export function overviewOf(view: RewardView & { kind: RewardKind }): RewardOverview {
  const last = view.history.at(-1);
  return {
    rewardId: view.rewardId,
    kind: view.kind,
    state: view.state,
    amount: view.amount,
    unit: view.unit,
    everRedeemed: view.history.some((event) => event.applied && event.to === 'redeemed'),
    lastEventAt: new Date(last?.occurredAt ?? view.issuedAt ?? 0),
  };
}

async function viewOf(q: Queryable, rewardId: string, row: RewardRow): Promise<RewardView> {
  return viewFrom(rewardId, row, await readStream(q, rewardStream(rewardId)));
}

function viewFrom(
  rewardId: string,
  row: RewardRow | undefined,
  events: Awaited<ReturnType<typeof readStream>>,
): RewardView {
  const fold = foldRewardState(events);
  return {
    rewardId,
    kind: row?.kind,
    state: fold.state,
    ...factsOf(row),
    issuedAt: row?.issuedAt ?? null,
    anomalies: fold.anomalies,
    history: events.map((event, index) => {
      const step = fold.history[index]!;
      return {
        seq: event.seq,
        type: event.type,
        data: event.data,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        hash: event.hash,
        from: step.from,
        to: step.to,
        applied: step.applied,
      };
    }),
  };
}

function factsOf(row: RewardRow | undefined): RewardFacts {
  return {
    customerId: row?.customerId ?? null,
    campaignId: row?.campaignId ?? null,
    couponCode: row?.couponCode ?? null,
    amount: row?.amount ?? null,
    unit: row?.unit ?? null,
    orderId: row?.orderId ?? null,
    redeemedOrderId: row?.redeemedOrderId ?? null,
  };
}
