// A reward's current state, derived from its ledger events by a pure state machine. The transitions are one
// table, so "can this happen to a reward?" has one answer, used both before appending and when folding.
import { REWARD_EVENT, type RewardEventType } from './reward-events.js';

export const REWARD_STATES = [
  /** No `reward.issued` yet. */
  'none',
  /** Friendbuy issued it; its coupon is not (yet) a commercetools discount code. */
  'issued',
  /** Its code exists in commercetools and can be used. */
  'available',
  /** Payout waits for eligibility or review. */
  'held',
  'redeemed',
  /** The order that redeemed it was cancelled; the shopper should get it back. */
  'reissuePending',
  'reversed',
  'expired',
] as const;

export type RewardState = (typeof REWARD_STATES)[number];

export interface RewardTransition {
  on: RewardEventType;
  from: readonly RewardState[];
  /** `resume` goes back to the state the reward was in before it was held. */
  to: RewardState | 'resume';
  /** For transitions into `held`: where a later release goes, when not back to the state before the hold. */
  releaseTo?: RewardState;
}

const E = REWARD_EVENT;

/** Every allowed transition. Anything not listed is an anomaly: recorded, never applied. */
export const REWARD_TRANSITIONS: readonly RewardTransition[] = [
  { on: E.issued, from: ['none'], to: 'issued' },
  { on: E.codeCreated, from: ['issued'], to: 'available' },
  // A reward may be held before its code exists; the code then appears without ending the hold.
  { on: E.codeCreated, from: ['held'], to: 'held', releaseTo: 'available' },
  { on: E.held, from: ['issued', 'available'], to: 'held' },
  { on: E.released, from: ['held'], to: 'resume' },
  // An order is a fact in commercetools: a code can be used before we learn it exists, or before a hold
  // deactivates it. Used twice, after a reversal or after expiry is what is impossible.
  { on: E.redeemed, from: ['issued', 'available', 'held'], to: 'redeemed' },
  // Reversing a redeemed reward flags it for manual recovery (a coupon cannot be clawed back).
  { on: E.reversed, from: ['issued', 'available', 'held', 'redeemed', 'reissuePending'], to: 'reversed' },
  { on: E.expired, from: ['issued', 'available', 'held'], to: 'expired' },
  { on: E.reissueRequested, from: ['redeemed'], to: 'reissuePending' },
  { on: E.reissued, from: ['reissuePending'], to: 'available' },
];

export interface RewardEventLike {
  type: string;
  seq?: number | undefined;
  occurredAt?: Date | string | undefined;
  data?: Record<string, unknown> | undefined;
}

/** Where a reward stands: its state, and the state a release returns to. */
export interface RewardPosition {
  state: RewardState;
  beforeHold?: RewardState | undefined;
}

export interface RewardHistoryEntry {
  seq?: number | undefined;
  type: string;
  occurredAt?: Date | string | undefined;
  from: RewardState;
  to: RewardState;
  /** False for anomalies and for events that are not about the reward's state. */
  applied: boolean;
}

export interface RewardAnomaly {
  seq?: number | undefined;
  /** The event type that was refused. */
  refused: string;
  /** The state it was refused in. */
  state: RewardState;
  reason: string;
}

export interface RewardFold {
  state: RewardState;
  position: RewardPosition;
  history: RewardHistoryEntry[];
  anomalies: RewardAnomaly[];
}

const TYPES = new Set<string>(Object.values(REWARD_EVENT));

export type RewardDecision = { ok: true; next: RewardPosition } | { ok: false; reason: string };

/** What `type` does to a reward at `position`, or why it cannot happen. */
export function decideRewardEvent(position: RewardPosition, type: RewardEventType): RewardDecision {
  const transition = REWARD_TRANSITIONS.find((t) => t.on === type && t.from.includes(position.state));
  if (!transition)
    return { ok: false, reason: `${type} is not possible when the reward is ${position.state}` };
  if (transition.to === 'resume') return { ok: true, next: { state: position.beforeHold ?? 'issued' } };
  if (transition.to !== 'held') return { ok: true, next: { state: transition.to } };
  const beforeHold =
    transition.releaseTo ?? (position.state === 'held' ? position.beforeHold : position.state);
  return { ok: true, next: { state: 'held', beforeHold } };
}

/**
 * Folds a reward stream's events (in sequence order) into its current state, the history of transitions and
 * its anomalies: those recorded as `reward.anomaly`, and any refused event found in the stream (appended
 * without the check), which is listed but never applied.
 *
 * @example
 * foldRewardState([{ type: 'reward.issued' }, { type: 'reward.code-created' }]).state // 'available'
 */
export function foldRewardState(events: readonly RewardEventLike[]): RewardFold {
  let position: RewardPosition = { state: 'none' };
  const history: RewardHistoryEntry[] = [];
  const anomalies: RewardAnomaly[] = [];
  for (const event of events) {
    const entry = { seq: event.seq, type: event.type, occurredAt: event.occurredAt, from: position.state };
    if (event.type === REWARD_EVENT.anomaly) {
      anomalies.push(recordedAnomaly(event, position.state));
      history.push({ ...entry, to: position.state, applied: false });
      continue;
    }
    if (!TYPES.has(event.type)) {
      // Other facts may share the stream (e.g. notes from reviews); they do not move the state.
      history.push({ ...entry, to: position.state, applied: false });
      continue;
    }
    const decision = decideRewardEvent(position, event.type as RewardEventType);
    if (!decision.ok) {
      anomalies.push({ seq: event.seq, refused: event.type, state: position.state, reason: decision.reason });
      history.push({ ...entry, to: position.state, applied: false });
      continue;
    }
    position = decision.next;
    history.push({ ...entry, to: position.state, applied: true });
  }
  return { state: position.state, position, history, anomalies };
}

function recordedAnomaly(event: RewardEventLike, state: RewardState): RewardAnomaly {
  const data = event.data ?? {};
  const refused = (data.refused as { type?: unknown } | undefined)?.type;
  return {
    seq: event.seq,
    refused: typeof refused === 'string' ? refused : 'unknown',
    state,
    reason: typeof data.reason === 'string' ? data.reason : 'refused by the state machine',
  };
}
