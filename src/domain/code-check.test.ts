import { describe, expect, it } from 'vitest';
import { type CheckedCartDiscount, type CheckedDiscountCode, checkCode } from './code-check.js';

const now = new Date('2026-06-01T00:00:00Z');
const cartDiscount: CheckedCartDiscount = {
  id: 'cd-1',
  isActive: true,
  stores: [{ key: 'us' }],
  cartPredicate: '(totalPrice.currencyCode = "USD")',
  value: { type: 'absolute', money: [{ currencyCode: 'USD' }] },
};
const code = (overrides: Partial<CheckedDiscountCode> = {}): CheckedDiscountCode => ({
  isActive: true,
  maxApplications: 1,
  cartDiscounts: [{ id: 'cd-1', obj: cartDiscount }],
  ...overrides,
});
const expected = { storeKeys: ['us'], currencies: ['USD'], redemptions: 0 };
const reasons = (c: CheckedDiscountCode | undefined, e = expected) =>
  checkCode(c, e, now).map((p) => p.reason);

describe('codes check', () => {
  it('finds nothing wrong with a code that would apply', () => {
    expect(reasons(code())).toEqual([]);
  });

  it('names every reason a code would not apply', () => {
    expect(reasons(undefined)).toEqual(['missing']);
    expect(reasons(code({ isActive: false }))).toEqual(['inactive']);
    expect(reasons(code({ validUntil: '2026-05-31T23:59:59Z' }))).toEqual(['expired']);
    expect(reasons(code({ validFrom: '2026-06-02T00:00:00Z' }))).toEqual(['not-yet-valid']);
    expect(reasons(code(), { ...expected, redemptions: 1 })).toEqual(['exhausted']);
    expect(reasons(code({ maxApplications: undefined }), { ...expected, redemptions: 9 })).toEqual([]);
    expect(reasons(code({ cartDiscounts: [{ id: 'gone' }] }))).toEqual(['cart-discount-missing']);
    expect(
      reasons(code({ cartDiscounts: [{ id: 'cd-1', obj: { ...cartDiscount, isActive: false } }] })),
    ).toEqual(['cart-discount-inactive']);
    expect(reasons(code(), { ...expected, storeKeys: ['eu'] })).toEqual(['wrong-store']);
    expect(reasons(code(), { ...expected, currencies: ['EUR'] })).toEqual(['wrong-currency']);
  });

  it('lets a cart discount without stores apply in every store', () => {
    const everywhere = code({ cartDiscounts: [{ id: 'cd-1', obj: { ...cartDiscount, stores: [] } }] });
    expect(reasons(everywhere, { ...expected, storeKeys: ['eu'] })).toEqual([]);
  });
});
