import { describe, expect, it } from 'vitest';
import { createLogSampler } from './log-sampler.js';

describe('log sampler', () => {
  it('logs the first few of a key per window, then counts the rest onto the next logged line', () => {
    let now = 0;
    const sampler = createLogSampler({ perWindow: 2, windowMs: 1_000, now: () => now });
    const taken = Array.from({ length: 5 }, () => sampler.take('GET /storefront/config'));
    expect(taken.map((t) => t.log)).toEqual([true, true, false, false, false]);
    expect(sampler.take('POST /storefront/coupon').log).toBe(true);
    now = 1_000;
    expect(sampler.take('GET /storefront/config')).toEqual({ log: true, suppressed: 3 });
  });
});
