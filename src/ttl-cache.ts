// A small in-process cache with a size bound (least recently used goes first) and a time to live per entry, for
// lookups on the cart extension's hot path. Concurrent misses for one key share a single load.

export interface TtlCache<K, V> {
  /**
   * The cached value, else `load()`'s, cached for `ttlMs(value)` milliseconds (0 or less: not cached), so
   * positive and negative answers can live for different times.
   */
  get(key: K, load: () => Promise<V>, ttlMs: (value: V) => number): Promise<V>;
  delete(key: K): void;
  clear(): void;
  readonly size: number;
}

/**
 * @example
 * const owners = createTtlCache<string, Owner | undefined>({ max: 10_000, now: () => clock.now().getTime() });
 * await owners.get(code, () => findOwner(code), (owner) => (owner ? 60_000 : 5_000));
 */
export function createTtlCache<K, V>(options: { max: number; now: () => number }): TtlCache<K, V> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<K, { value: V; expiresAt: number }>();
  const loading = new Map<K, Promise<V>>();

  return {
    async get(key, load, ttlMs) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > options.now()) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      if (hit) entries.delete(key);
      const pending = loading.get(key);
      if (pending) return pending;
      const started = load().then(
        (value) => {
          loading.delete(key);
          const ttl = ttlMs(value);
          if (ttl > 0) {
            entries.set(key, { value, expiresAt: options.now() + ttl });
            if (entries.size > options.max) entries.delete(entries.keys().next().value as K);
          }
          return value;
        },
        (error: unknown) => {
          loading.delete(key);
          throw error;
        },
      );
      loading.set(key, started);
      return started;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
