// The vocabulary every fraud signal shares: its id (the key a campaign's fraud policy configures it under) and
// the result each signal function returns, evidence included, so a decision can always show its reasons.

/** Every signal, in the merchant's words; also the keys of `fraud.signals` in the campaign policy. */
export const FRAUD_SIGNALS = [
  'sameCustomerId',
  'sameEmail',
  'similarEmail',
  'sameShippingAddress',
  'samePaymentFingerprint',
  'sameIp',
  'sameIpAndUserAgent',
  'sameDevice',
  'repeatedAccounts',
  'advocateVelocity',
  'codeBurst',
  'disposableEmail',
  'fastClickToPurchase',
  'existingCustomer',
  'advocateOverCap',
] as const;

export type FraudSignal = (typeof FRAUD_SIGNALS)[number];

/**
 * What one signal found. `evidence` is plain JSON (ids, hashes, counts, ISO times — never a raw email of
 * another person) so that it can be stored with the decision and shown to an operator.
 */
export interface SignalResult<E extends object = object> {
  signal: FraudSignal;
  fired: boolean;
  evidence: E;
}

/**
 * A known, non-empty value on both sides that is the same; two unknowns are not a match.
 * @example sameKnown(undefined, undefined) // false
 */
export function sameKnown(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && a !== '' && a === b;
}

/**
 * Whether `time` falls in the window of `windowMs` that ends at `at` (inclusive at both ends).
 * @example isWithin(oneHourAgo, now, 2 * HOUR_MS) // true
 */
export function isWithin(time: Date, at: Date, windowMs: number): boolean {
  const t = time.getTime();
  return t <= at.getTime() && t >= at.getTime() - windowMs;
}

/**
 * How many of `times` fall in the window of `windowMs` that ends at `at`.
 * @example countWithin([oneHourAgo, twoDaysAgo], now, DAY_MS) // 1
 */
export function countWithin(times: readonly Date[], at: Date, windowMs: number): number {
  return times.filter((time) => isWithin(time, at, windowMs)).length;
}
