// Too much, too fast: an advocate whose code brings more referred orders (or redemptions) than a person's
// circle plausibly does, and one code redeemed again and again from one IP (leaked to a deal site, or a bot).
import { HOUR_MS, MINUTE_MS } from '../durations.js';
import { countWithin, type SignalResult } from './signal.js';

export interface RateInput {
  /** When this referred order or redemption happened. */
  at: Date;
  /** When the earlier ones happened (the flow reads them from an index; older ones may be left out). */
  earlier: readonly Date[];
}

export interface RateEvidence {
  /** How many in the window, this one included. */
  count: number;
  max: number;
  windowHours?: number;
  windowMinutes?: number;
}

function overRate(
  signal: 'advocateVelocity' | 'codeBurst',
  input: RateInput,
  max: number,
  window: { windowHours: number } | { windowMinutes: number },
): SignalResult<RateEvidence> {
  const windowMs = 'windowHours' in window ? window.windowHours * HOUR_MS : window.windowMinutes * MINUTE_MS;
  const count = countWithin(input.earlier, input.at, windowMs) + 1;
  return { signal, fired: count > max, evidence: { count, max, ...window } };
}

export interface AdvocateVelocityThresholds {
  /** More than this many referred orders or code redemptions of one advocate… */
  maxReferrals: number;
  /** …within this many hours fires the signal. */
  windowHours: number;
}

/**
 * The advocate's referred orders or code redemptions exceed `maxReferrals` in `windowHours`.
 * @example evaluateAdvocateVelocity({ at, earlier: [t1, t2, t3] }, { maxReferrals: 3, windowHours: 24 }) // 4 > 3: fired
 */
export function evaluateAdvocateVelocity(
  input: RateInput,
  thresholds: AdvocateVelocityThresholds,
): SignalResult<RateEvidence> {
  return overRate('advocateVelocity', input, thresholds.maxReferrals, {
    windowHours: thresholds.windowHours,
  });
}

export interface CodeBurstThresholds {
  /** More than this many redemptions of one code from one IP… */
  maxRedemptions: number;
  /** …within this many minutes fires the signal. */
  windowMinutes: number;
}

/**
 * One code redeemed more than `maxRedemptions` times from one IP in `windowMinutes`; `earlier` holds the
 * earlier redemptions of the same code from the same IP hash.
 * @example evaluateCodeBurst({ at, earlier: [t1, t2, t3] }, { maxRedemptions: 3, windowMinutes: 60 }).fired // true
 */
export function evaluateCodeBurst(
  input: RateInput,
  thresholds: CodeBurstThresholds,
): SignalResult<RateEvidence> {
  return overRate('codeBurst', input, thresholds.maxRedemptions, { windowMinutes: thresholds.windowMinutes });
}
