// Bodies for the cart API extension bench: commercetools ExtensionInputs for referred carts, as a busy shop sends
// them — every cart written 8 times over its life (create, items, address, shipping…) about 1.3 s apart at
// 300 requests/s, new carts arriving evenly (one request in 8 is a create, some 37 a second). Each cart belongs
// to a new friend carrying one of 5,000 advocates' referral codes; every second one redeems the code as a
// discount code too (so the new-customer check runs). All pass (200): the path that runs every lookup.
// extension.ts seeds the store to match.
import { ORDER_FIELDS } from '../src/commercetools/custom-fields.js';

export const BENCH_ADVOCATES = 5_000;
export const BENCH_EXISTING_CUSTOMERS = 5_000;
const WRITES_PER_CART = 8;
/** Carts created between two writes of one cart. */
const CARTS_BETWEEN_WRITES = 50;

export const benchAdvocateEmail = (i: number) => `advocate.${i}@gmail.com`;
export const benchCustomerEmail = (i: number) => `customer.${i}@example.com`;
export const benchCode = (i: number) => `code${i}`;

export function cartExtensionInput(sequence: number): string {
  // Request 8k + w is the w-th write of the cart created 50·w creates ago (the first carts repeat their create).
  const created = Math.floor(sequence / WRITES_PER_CART);
  const older = created - (sequence % WRITES_PER_CART) * CARTS_BETWEEN_WRITES;
  const write = older >= 0 ? sequence % WRITES_PER_CART : 0;
  const cart = older >= 0 ? older : created;
  const code = benchCode(cart % BENCH_ADVOCATES).toUpperCase();
  const redeemed = cart % 2 === 0;
  return JSON.stringify({
    action: write === 0 ? 'Create' : 'Update',
    resource: {
      typeId: 'cart',
      id: `bench-cart-${cart}`,
      obj: {
        id: `bench-cart-${cart}`,
        version: 1 + write,
        locale: cart % 3 === 0 ? 'de-DE' : 'en-US',
        anonymousId: `bench-anon-${cart}`,
        customerEmail: `friend.${cart}@gmail.com`,
        totalPrice: { type: 'centPrecision', currencyCode: 'USD', centAmount: 4900, fractionDigits: 2 },
        lineItems: [
          { id: `li-${cart}`, productId: 'p-1', quantity: 1, variant: { id: 1, sku: 'FB-TEE-001' } },
        ],
        discountCodes: redeemed
          ? [
              {
                discountCode: { typeId: 'discount-code', id: `dc-${cart}`, obj: { code } },
                state: 'MatchesCart',
              },
            ]
          : [],
        custom: {
          type: { typeId: 'type', id: 'bench-order-type' },
          fields: {
            [ORDER_FIELDS.referralCode]: code.toLowerCase(),
            [ORDER_FIELDS.ipAddress]: `198.51.100.${cart % 250}`,
            [ORDER_FIELDS.userAgent]: 'Mozilla/5.0 (bench)',
          },
        },
      },
    },
  });
}
