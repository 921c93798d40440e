// The one way to append to a reward's ledger stream: the event is checked against the state machine first; an
// impossible one is recorded as `reward.anomaly` (with the refused event) and never applied. Recording also
// keeps the rewards row's state and enqueues the support projections, all in the caller's transaction.
import { REWARD_EVENT, type RewardEventType, rewardStream } from '../domain/reward-events.js';
import { decideRewardEvent, foldRewardState, type RewardState } from '../domain/reward-state.js';
import type { Queryable } from '../store/db.js';
import { appendEvent, isRecorded, type LedgerEvent, lockStream, readStream } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { type RewardRow, updateRewardState } from '../store/rewards.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';

export interface RecordRewardEventOptions {
  /** Makes recording idempotent: a second call with the same key records nothing. */
  dedupKey: string;
  occurredAt: Date;
  /** When it is recorded (the connector's clock). */
  now: Date;
  correlationId?: string | undefined;
}

export type RecordRewardEventResult =
  | { outcome: 'recorded'; state: RewardState; event: LedgerEvent }
  | { outcome: 'duplicate'; state: RewardState }
  | { outcome: 'refused'; state: RewardState; reason: string };

/**
 * Appends `type` to the reward's stream if the state machine allows it. Must run inside a transaction.
 *
 * @example
 * await db.transaction((tx) =>
 *   recordRewardEvent(tx, rewardId, REWARD_EVENT.redeemed, { orderId, code }, {
 *     dedupKey: `reward.redeemed:${rewardId}:${orderId}`, occurredAt, now: clock.now() }));
 */
export async function recordRewardEvent(
  tx: Queryable,
  rewardId: string,
  type: Exclude<RewardEventType, typeof REWARD_EVENT.anomaly>,
  data: Record<string, unknown>,
  options: RecordRewardEventOptions,
): Promise<RecordRewardEventResult> {
  const stream = rewardStream(rewardId);
  // Read, decide and append under the stream's lock, so two writers cannot both decide from the same state.
  await lockStream(tx, stream);
  const current = foldRewardState(await readStream(tx, stream));
  if (await isRecorded(tx, options.dedupKey)) return { outcome: 'duplicate', state: current.state };
  const facts = { occurredAt: options.occurredAt, correlationId: options.correlationId };

  const decision = decideRewardEvent(current.position, type);
  if (!decision.ok) {
    await appendEvent(
      tx,
      {
        stream,
        type: REWARD_EVENT.anomaly,
        data: { refused: { type, data }, state: current.state, reason: decision.reason },
        // A re-run of the refused call finds this key and records no second anomaly.
        dedupKey: `anomaly:${options.dedupKey}`,
        ...facts,
      },
      options.now,
    );
    return { outcome: 'refused', state: current.state, reason: decision.reason };
  }

  const event = (await appendEvent(
    tx,
    { stream, type, data, dedupKey: options.dedupKey, ...facts },
    options.now,
  ))!;
  const state = decision.next.state;
  const redeemedOrderId =
    type === REWARD_EVENT.redeemed && typeof data.orderId === 'string' ? data.orderId : undefined;
  const reward = await updateRewardState(tx, rewardId, { state, redeemedOrderId, at: options.now });
  if (reward) await enqueueProjections(tx, reward, event, options);
  return { outcome: 'recorded', state, event };
}

/** The customer's and the order's reward fields follow every change of the reward's state. */
async function enqueueProjections(
  tx: Queryable,
  reward: RewardRow,
  event: LedgerEvent,
  options: RecordRewardEventOptions,
): Promise<void> {
  const orderIds = new Set(
    [reward.orderId, reward.redeemedOrderId].filter((id): id is string => id !== null),
  );
  // One job per event: each re-reads the ledger, so whichever runs last writes the latest state.
  const { correlationId } = options;
  const { projectCustomerRewardFields: customerFields, projectOrderRewardFields: orderFields } = JOB;
  const jobs = [
    ...(reward.customerId
      ? [
          newJob(customerFields, {
            dedupKey: `${customerFields.name}:${reward.customerId}:${event.id}`,
            payload: { customerId: reward.customerId },
            correlationId,
          }),
        ]
      : []),
    ...[...orderIds].map((orderId) =>
      newJob(orderFields, {
        dedupKey: `${orderFields.name}:${orderId}:${event.id}`,
        payload: { orderId },
        correlationId,
      }),
    ),
  ];
  for (const job of jobs) await enqueue(tx, job, options.now);
}
