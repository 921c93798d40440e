// When a failed outbox job runs again: jittered exponential backoff, and a dead letter once the next attempt
// would fall past the job's maximum age.

export interface RetryInput {
  /** Attempts made so far, this failed one included (the outbox counts an attempt when it claims the job). */
  attempts: number;
  createdAt: Date;
  now: Date;
  maxAgeMs: number;
  baseMs?: number;
  capMs?: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY_BASE_MS = 5_000;
export const DEFAULT_RETRY_CAP_MS = 15 * 60_000;

/**
 * The next attempt time, or undefined to dead-letter. Friendbuy documents 429s without a Retry-After header, so
 * we back off exponentially with jitter: delay = min(cap, base·2^(attempts−1)) × (0.5 + random/2).
 * @example nextAttemptAt({ attempts: 1, createdAt, now, maxAgeMs: 86_400_000, random: () => 1 }) // now + ~5 s
 */
export function nextAttemptAt(input: RetryInput): Date | undefined {
  const { attempts, createdAt, now, maxAgeMs } = input;
  const baseMs = input.baseMs ?? DEFAULT_RETRY_BASE_MS;
  const capMs = input.capMs ?? DEFAULT_RETRY_CAP_MS;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts ${attempts} must be ≥ 1`);
  const random = input.random();
  if (!(random >= 0 && random < 1)) throw new RangeError(`random ${random} must be in [0, 1)`);
  // 2^(attempts−1) overflows to Infinity for huge counts, which min() turns into the cap.
  const ceilingMs = Math.min(capMs, baseMs * 2 ** (attempts - 1));
  const delayMs = Math.round(ceilingMs * (0.5 + random / 2));
  const next = now.getTime() + delayMs;
  return next - createdAt.getTime() > maxAgeMs ? undefined : new Date(next);
}
