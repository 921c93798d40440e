// Time comes from an injected clock so the sandbox and the tests can move it (return windows, timers, retries).

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that follows real time plus an offset the sandbox can advance (`POST /sandbox/clock`). */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}

/**
 * Real time elapsed since it started, for budgets, deadlines and progress rates. Monotonic: the sandbox clock
 * moving forward or the system clock being set does not stretch or cut a budget.
 */
export interface Stopwatch {
  elapsedMs(): number;
}

export function startStopwatch(): Stopwatch {
  const started = performance.now();
  return { elapsedMs: () => performance.now() - started };
}
