// Keeps an error log readable under a flood: the first few occurrences of a key per window are logged, the rest
// are counted and the count rides on the next logged line.

export interface LogSampler {
  /** Whether to log this occurrence, and how many of this key were left out since the last logged one. */
  take(key: string): { log: boolean; suppressed: number };
}

export function createLogSampler(options: {
  perWindow: number;
  windowMs: number;
  now?: () => number;
}): LogSampler {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { startedAt: number; logged: number; suppressed: number }>();
  return {
    take(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= options.windowMs) {
        const suppressed = window?.suppressed ?? 0;
        // Keys are route patterns, a bounded set; the map is cleared if something unexpected inflates it.
        if (windows.size > 1_000) windows.clear();
        window = { startedAt: at, logged: 1, suppressed: 0 };
        windows.set(key, window);
        return { log: true, suppressed };
      }
      if (window.logged < options.perWindow) {
        window.logged++;
        const { suppressed } = window;
        window.suppressed = 0;
        return { log: true, suppressed };
      }
      window.suppressed++;
      return { log: false, suppressed: 0 };
    },
  };
}
