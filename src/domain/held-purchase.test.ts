import { describe, expect, it } from 'vitest';
import { heldPurchaseAction } from './held-purchase.js';

describe('a held purchase report', () => {
  it('is released when the order becomes eligible and withheld when it is ineligible', () => {
    expect(heldPurchaseAction(['purchase.held'], { status: 'eligible' })).toBe('release');
    expect(heldPurchaseAction(['purchase.held'], { status: 'ineligible' })).toBe('withhold');
  });

  it('waits while the order is pending, and is decided only once', () => {
    expect(heldPurchaseAction(['purchase.held'], { status: 'pending' })).toBeUndefined();
    expect(
      heldPurchaseAction(['purchase.held', 'purchase.reported'], { status: 'ineligible' }),
    ).toBeUndefined();
    expect(
      heldPurchaseAction(['purchase.held', 'purchase.withheld'], { status: 'eligible' }),
    ).toBeUndefined();
  });

  it('does nothing for a purchase that was never held', () => {
    expect(heldPurchaseAction(['order.created'], { status: 'eligible' })).toBeUndefined();
  });
});
