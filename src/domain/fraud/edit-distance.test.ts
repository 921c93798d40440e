import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['jane.doe@gmail.com', 'jane.doe@gmai1.com', 1],
    ['jane.doe@gmail.com', 'janedoe@gmail.com', 1],
    ['straße', 'strasse', 2],
    ['😀a', '😀b', 1],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it.each([
    ['kitten', 'sitting', 1, 2],
    ['abc', 'xyz', 0, 1],
    ['a', 'abcdefghijklmnop', 2, 3],
    ['kitten', 'sitting', 3, 3],
  ])('stops at the limit: %s → %s with limit %i gives %i', (a, b, limit, expected) => {
    expect(editDistance(a, b, limit)).toBe(expected);
  });

  const text = fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', '.', '@', 'é') });

  it('is symmetric and never more than the longer length', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(Array.from(a).length, Array.from(b).length));
        expect(d === 0).toBe(a === b);
      }),
    );
  });

  it('with a limit, is the exact distance or limit + 1', () => {
    fc.assert(
      fc.property(text, text, fc.nat(6), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1));
      }),
    );
  });

  it('obeys the triangle inequality', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });
});
