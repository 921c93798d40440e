// Sandbox: Friendbuy's analytics pulled right after the emulated Friendbuy follows a referral link, so a
// newcomer sees the click in the advocate's funnel at once. An in-process read, not an outbox job:
// it is no effect on anyone, it needs no durability (the timer's pull still runs), and it leaves the queue to
// the connector's own work. A burst of activity costs one pull; activity during a pull causes one more after it.

export interface ImmediatePull {
  /** Asks for a pull shortly (after `delayMs` of quiet). */
  request(): void;
  /** No more pulls; resolves once the one under way, if any, is over. */
  stop(): Promise<void>;
}

export function createImmediatePull(pull: () => Promise<unknown>, delayMs = 100): ImmediatePull {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref();
  };
  const run = () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pull()
      .then(() => undefined)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
  };

  return {
    request: schedule,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
