// Who hears that committed work queued jobs. A unit of work only notes that it queued something; the store
// tells the listeners after the commit, so a worker woken this way always finds the jobs, and a rolled-back
// transaction wakes nobody.

export interface JobsQueuedSignal {
  subscribe(listener: () => void): void;
  /** Runs `work` as one unit: `noted` is the unit's `jobsQueued`; listeners hear of it if `work` succeeds. */
  unit<T>(work: (noted: () => void) => Promise<T>): Promise<T>;
  /** A statement outside any transaction queued jobs: it is already committed. */
  notify(): void;
}

export function createJobsQueuedSignal(): JobsQueuedSignal {
  const listeners: (() => void)[] = [];
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    subscribe: (listener) => void listeners.push(listener),
    notify,
    async unit(work) {
      let queued = false;
      const result = await work(() => {
        queued = true;
      });
      if (queued) notify();
      return result;
    },
  };
}
