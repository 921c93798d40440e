import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_CAP_MS, nextAttemptAt } from './retry-policy.js';

const createdAt = new Date('2025-01-01T00:00:00Z');
const day = 24 * 60 * 60_000;
const delayOf = (attempts: number, random: number, nowOffsetMs = 0) => {
  const now = new Date(createdAt.getTime() + nowOffsetMs);
  const next = nextAttemptAt({ attempts, createdAt, now, maxAgeMs: day, random: () => random });
  return next === undefined ? undefined : next.getTime() - now.getTime();
};

describe('nextAttemptAt', () => {
  it.each([
    { attempts: 1, random: 0, expected: 2_500 },
    { attempts: 1, random: 0.5, expected: 3_750 },
    { attempts: 2, random: 0, expected: 5_000 },
    { attempts: 4, random: 0, expected: 20_000 },
    { attempts: 20, random: 0, expected: DEFAULT_RETRY_CAP_MS / 2 },
    { attempts: 5000, random: 0.5, expected: DEFAULT_RETRY_CAP_MS * 0.75 },
  ])('waits $expected ms after attempt $attempts with random $random', ({ attempts, random, expected }) => {
    expect(delayOf(attempts, random)).toBe(expected);
  });

  it('honours a custom base and cap', () => {
    const now = createdAt;
    const next = nextAttemptAt({
      attempts: 3,
      createdAt,
      now,
      maxAgeMs: day,
      baseMs: 100,
      capMs: 300,
      random: () => 0,
    });
    expect(next?.getTime()).toBe(now.getTime() + 150);
  });

  it('gives up when the next attempt would fall past the maximum age', () => {
    expect(delayOf(1, 0, day - 2_500)).toBe(2_500);
    expect(delayOf(1, 0, day - 2_499)).toBeUndefined();
    expect(delayOf(1, 0, day + 1)).toBeUndefined();
  });

  it('refuses nonsense input', () => {
    expect(() => delayOf(0, 0)).toThrow(RangeError);
    expect(() => delayOf(1, 1)).toThrow(RangeError);
  });

  it('grows with attempts, stays within the cap and never schedules past the maximum age', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: day }),
        (attempts, random, elapsed) => {
          const delay = delayOf(attempts, random, elapsed);
          const ceiling = Math.min(DEFAULT_RETRY_CAP_MS, DEFAULT_RETRY_BASE_MS * 2 ** (attempts - 1));
          if (delay === undefined) {
            // Given up only because even the longest possible wait would land past the maximum age.
            expect(elapsed + ceiling).toBeGreaterThan(day);
            return;
          }
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(elapsed + delay).toBeLessThanOrEqual(day);
          // Same random draw, one more attempt: never shorter.
          const later = delayOf(attempts + 1, random, 0);
          expect(later).toBeGreaterThanOrEqual(delayOf(attempts, random, 0) ?? 0);
        },
      ),
    );
  });
});
