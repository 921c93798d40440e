import { describe, expect, it } from 'vitest';
import { ownsCart } from './cart-ownership.js';

describe('cart ownership', () => {
  it('accepts the cart’s own anonymous id, or the verified customer of the cart', () => {
    expect(ownsCart({ anonymousId: 'anon-1' }, { anonymousId: 'anon-1' })).toBe(true);
    expect(ownsCart({ customerId: 'c-1' }, { verifiedCustomerId: 'c-1' })).toBe(true);
  });

  it('refuses another anonymous id, another customer, and empty proofs', () => {
    expect(ownsCart({ anonymousId: 'anon-1' }, { anonymousId: 'anon-2' })).toBe(false);
    expect(ownsCart({ customerId: 'c-1' }, { verifiedCustomerId: 'c-2' })).toBe(false);
    expect(ownsCart({ customerId: 'c-1' }, { anonymousId: 'c-1' })).toBe(false);
    expect(ownsCart({}, {})).toBe(false);
    expect(ownsCart({ anonymousId: '' }, { anonymousId: '' })).toBe(false);
  });
});
