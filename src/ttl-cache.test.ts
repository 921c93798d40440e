import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.js';

function setup(max = 3) {
  let now = 0;
  const cache = createTtlCache<string, string | undefined>({ max, now: () => now });
  let loads = 0;
  const get = (
    key: string,
    value: string | undefined,
    ttl = (v: string | undefined): number => (v ? 1000 : 100),
  ) =>
    cache.get(
      key,
      async () => {
        loads++;
        return value;
      },
      ttl,
    );
  return { cache, get, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('createTtlCache', () => {
  it('serves a cached answer until its time to live runs out, then loads again', async () => {
    const { get, loads, advance } = setup();
    await get('a', 'x');
    await get('a', 'y');
    expect(loads()).toBe(1);
    advance(1000);
    expect(await get('a', 'y')).toBe('y');
    expect(loads()).toBe(2);
  });

  it('keeps a negative answer for its own, shorter time', async () => {
    const { get, loads, advance } = setup();
    await get('a', undefined);
    advance(99);
    await get('a', undefined);
    expect(loads()).toBe(1);
    advance(1);
    await get('a', 'now known');
    expect(loads()).toBe(2);
  });

  it('does not cache what the ttl says not to', async () => {
    const { get, loads } = setup();
    await get('a', 'x', () => 0);
    await get('a', 'x', () => 0);
    expect(loads()).toBe(2);
  });

  it('forgets the least recently used entry when full', async () => {
    const { cache, get, loads } = setup(2);
    await get('a', '1');
    await get('b', '2');
    await get('a', '1'); // a is now more recent than b
    await get('c', '3');
    expect(cache.size).toBe(2);
    await get('a', '1');
    expect(loads()).toBe(3);
    await get('b', '2');
    expect(loads()).toBe(4);
  });

  it('shares one load between concurrent misses, and caches nothing when the load fails', async () => {
    const cache = createTtlCache<string, number>({ max: 10, now: () => 0 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 42;
    };
    expect(await Promise.all([cache.get('k', load, () => 10), cache.get('k', load, () => 10)])).toEqual([
      42, 42,
    ]);
    expect(loads).toBe(1);
    await expect(
      cache.get(
        'bad',
        () => Promise.reject(new Error('down')),
        () => 10,
      ),
    ).rejects.toThrow('down');
    expect(
      await cache.get(
        'bad',
        async () => 1,
        () => 10,
      ),
    ).toBe(1);
  });
});
