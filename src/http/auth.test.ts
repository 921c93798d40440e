import { describe, expect, it } from 'vitest';
import { safeEqual, secretMatcher } from './auth.js';

describe('secret comparison', () => {
  it('matches only the exact secret, as safeEqual does, whatever the length sent', () => {
    const matches = secretMatcher('Bearer s3cret');
    for (const sent of [
      'Bearer s3cret',
      'Bearer s3cre',
      'Bearer s3cret ',
      'bearer s3cret',
      '',
      'x'.repeat(10_000),
    ]) {
      expect(matches(sent)).toBe(sent === 'Bearer s3cret');
      expect(matches(sent)).toBe(safeEqual(sent, 'Bearer s3cret'));
    }
  });
});
