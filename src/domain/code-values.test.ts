import { describe, expect, it } from 'vitest';
import {
  cartDiscountKey,
  cartDiscountSortOrder,
  cartDiscountSpecFor,
  cartDiscountValue,
  parseRewardValue,
  validityFor,
} from './code-values.js';

describe('code values', () => {
  it("reads Friendbuy's rewardAmount and rewardUnit", () => {
    expect(parseRewardValue('20.00', 'USD')).toEqual({ type: 'amount', amounts: { USD: 2000 } });
    expect(parseRewardValue(500, 'jpy')).toEqual({ type: 'amount', amounts: { JPY: 500 } });
    expect(parseRewardValue('12.5', '%')).toEqual({ type: 'percent', percent: 12.5 });
    expect(parseRewardValue('1', 'SKU-123')).toBeUndefined();
    expect(parseRewardValue('0', 'USD')).toBeUndefined();
    expect(parseRewardValue('0.001', 'USD')).toBeUndefined();
    expect(parseRewardValue(undefined, 'USD')).toBeUndefined();
  });

  it('gives equal settings one key and one sort order, and different settings different ones', () => {
    const spec = cartDiscountSpecFor(
      { type: 'percent', percent: 10 },
      { currencies: ['USD'], storeKeys: ['us'] },
    );
    const same = cartDiscountSpecFor(
      { type: 'percent', percent: 10 },
      { currencies: ['USD'], storeKeys: ['us'] },
    );
    const other = cartDiscountSpecFor(
      { type: 'percent', percent: 10 },
      { currencies: ['USD'], storeKeys: [] },
    );
    expect(cartDiscountKey(spec)).toBe(cartDiscountKey(same));
    expect(cartDiscountKey(spec)).toMatch(/^ct-friendbuy-pct10-[0-9a-f]{16}$/);
    expect(cartDiscountKey(spec)).not.toBe(cartDiscountKey(other));
    expect(cartDiscountSortOrder(spec)).toMatch(/^0\.0\d{11}[1-9]$/);
    expect(cartDiscountSortOrder(spec)).not.toBe(cartDiscountSortOrder(other));
  });

  it('serves an amount only in the currencies it names', () => {
    const spec = cartDiscountSpecFor(
      { type: 'amount', amounts: { USD: 1000 } },
      { currencies: ['USD', 'CAD'], storeKeys: [] },
    );
    expect(spec.currencies).toEqual(['USD']);
    expect(cartDiscountValue(spec.value, spec.currencies)).toEqual({
      type: 'absolute',
      money: [{ currencyCode: 'USD', centAmount: 1000 }],
    });
    expect(cartDiscountValue({ type: 'percent', percent: 12.5 }, [])).toEqual({
      type: 'relative',
      permyriad: 1250,
    });
  });

  it('starts validity at the given time, and sets none without a number of days', () => {
    expect(validityFor(new Date('2026-01-01T00:00:00Z'), 30)).toEqual({
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2026-01-31T00:00:00.000Z',
    });
    expect(validityFor(new Date(), undefined)).toEqual({});
  });
});
