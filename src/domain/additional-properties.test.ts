import { describe, expect, it } from 'vitest';
import { limitAdditionalProperties } from './additional-properties.js';

describe('limitAdditionalProperties', () => {
  it('keeps the first ten non-empty entries in the order given', () => {
    const properties = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, `value${i}`]));
    const limited = limitAdditionalProperties({ empty: '', missing: undefined, ...properties });
    expect(Object.keys(limited)).toEqual(Array.from({ length: 10 }, (_, i) => `key${i}`));
  });

  it('truncates values to 128 characters without splitting a character', () => {
    const limited = limitAdditionalProperties({ long: `${'x'.repeat(127)}😀😀` });
    expect(limited['long']).toBe(`${'x'.repeat(127)}😀`);
    expect(Array.from(limited['long'] ?? '')).toHaveLength(128);
  });

  it('leaves short values as they are', () => {
    expect(limitAdditionalProperties({ storeKey: 'us-store' })).toEqual({ storeKey: 'us-store' });
  });
});
