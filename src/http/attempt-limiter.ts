// A fixed-window count of attempts per key (an email being guessed at), in this process's memory. The rate-limit
// plugin counts per client IP; it runs once per request, so the second key needs its own counter. Behind a load
// balancer each process counts alone: N processes allow N times the limit, still far from a guessing rate.
import { startStopwatch } from '../clock.js';

export interface AttemptLimiter {
  /** Counts an attempt; false once `max` attempts were made in the current window. */
  allow(key: string): boolean;
}

/** At most this many keys are tracked; past it the oldest window is forgotten first. */
const MAX_KEYS = 10_000;

export function createAttemptLimiter(max: number, windowMs: number): AttemptLimiter {
  const clock = startStopwatch();
  const windows = new Map<string, { startedMs: number; count: number }>();
  return {
    allow(key) {
      const nowMs = clock.elapsedMs();
      let window = windows.get(key);
      if (!window || nowMs - window.startedMs >= windowMs) {
        windows.delete(key);
        window = { startedMs: nowMs, count: 0 };
        if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value!);
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= max;
    },
  };
}
