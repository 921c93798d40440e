import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from './iso-duration.js';

describe('parseIsoDuration', () => {
  it.each([
    ['P31D', 31 * 86_400_000],
    ['PT2H', 7_200_000],
    ['P1W', 7 * 86_400_000],
    ['P1DT1H1M1.5S', 86_400_000 + 3_600_000 + 60_000 + 1_500],
    ['PT0S', 0],
  ])('reads %s', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '31D', 'P1M', 'P1Y', 'P-1D', 'P1DT', 'p1d', 'P1.5D'])('refuses %j', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});
