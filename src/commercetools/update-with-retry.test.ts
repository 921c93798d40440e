import type { ByProjectKeyRequestBuilder, Cart, CartUpdateAction } from '@commercetools/platform-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_PRODUCTS } from '../sandbox/commercetools/seed.js';
import { type RunningSandbox, startSandbox } from '../sandbox/commercetools/test-support.js';
import { readOrUndefined } from './read-or-undefined.js';
import { isConcurrentModification, updateResourceWithRetry, updateWithRetry } from './update-with-retry.js';

let running: RunningSandbox;
let apiRoot: ByProjectKeyRequestBuilder;

async function newCart(): Promise<Cart> {
  const lineItems = [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }];
  return (
    await apiRoot
      .carts()
      .post({ body: { currency: 'USD', lineItems } })
      .execute()
  ).body;
}
const getCart = async (id: string) => (await apiRoot.carts().withId({ ID: id }).get().execute()).body;
const applyToCart = async (cart: Cart, actions: CartUpdateAction[]) =>
  (
    await apiRoot
      .carts()
      .withId({ ID: cart.id })
      .post({ body: { version: cart.version, actions } })
      .execute()
  ).body;

/** Another writer that slips in between our read and our write, `times` times. */
function interfereAfterLoad(id: string, times: number, write: (cart: Cart) => CartUpdateAction[]) {
  let left = times;
  return async () => {
    const cart = await getCart(id);
    if (left-- > 0) await applyToCart(cart, write(cart));
    return cart;
  };
}

const addOne = (cart: Cart): CartUpdateAction[] => {
  const item = cart.lineItems[0]!;
  return [{ action: 'changeLineItemQuantity', lineItemId: item.id, quantity: item.quantity + 1 }];
};

describe('updateWithRetry', () => {
  beforeEach(async () => {
    running = await startSandbox({ seed: true });
    apiRoot = running.apiRoot;
  });
  afterEach(async () => {
    await running.close();
  });

  it('re-reads and rebuilds the actions after a concurrent modification', async () => {
    const cart = await newCart();
    const seen: number[] = [];
    const result = await updateWithRetry({
      load: interfereAfterLoad(cart.id, 1, addOne),
      buildActions: (current) => {
        seen.push(current.lineItems[0]!.quantity);
        return addOne(current);
      },
      apply: applyToCart,
    });
    // A blind resend with the new version would have written quantity 2 and lost the other writer's increment.
    expect(seen).toEqual([1, 2]);
    expect(result.lineItems[0]?.quantity).toBe(3);
    expect((await getCart(cart.id)).lineItems[0]?.quantity).toBe(3);
  });

  it('stops without writing when the fresh resource needs nothing any more', async () => {
    const cart = await newCart();
    const setEmail = (email: string): CartUpdateAction[] => [{ action: 'setCustomerEmail', email }];
    const result = await updateWithRetry({
      load: interfereAfterLoad(cart.id, 1, () => setEmail('first@example.com')),
      buildActions: (current) => (current.customerEmail ? [] : setEmail('second@example.com')),
      apply: applyToCart,
    });
    expect(result.customerEmail).toBe('first@example.com');
    expect(result.version).toBe(cart.version + 1);
  });

  it('gives up after maxAttempts with the last 409', async () => {
    const cart = await newCart();
    const attempt = updateWithRetry({
      load: interfereAfterLoad(cart.id, 10, addOne),
      buildActions: addOne,
      apply: applyToCart,
      maxAttempts: 3,
    });
    await expect(attempt).rejects.toSatisfy(isConcurrentModification);
    expect((await getCart(cart.id)).lineItems[0]?.quantity).toBe(4);
  });

  it('does not retry other errors', async () => {
    const cart = await newCart();
    let loads = 0;
    const attempt = updateWithRetry({
      load: async () => {
        loads++;
        return getCart(cart.id);
      },
      buildActions: (): CartUpdateAction[] => [{ action: 'setCustomField', name: 'x', value: 1 }],
      apply: applyToCart,
    });
    await expect(attempt).rejects.toMatchObject({ statusCode: 400 });
    expect(loads).toBe(1);
  });

  describe('updateResourceWithRetry', () => {
    const readCart = (id: string) => () => readOrUndefined(apiRoot.carts().withId({ ID: id }).get());

    it('posts the actions with the fresh version, re-reading after a concurrent modification', async () => {
      const cart = await newCart();
      let interfere = true;
      const result = await updateResourceWithRetry<Cart, CartUpdateAction>(apiRoot.carts(), {
        what: `cart ${cart.id}`,
        read: async () => {
          const current = await readCart(cart.id)();
          if (current && interfere) {
            interfere = false;
            await applyToCart(current, addOne(current));
          }
          return current;
        },
        buildActions: addOne,
      });
      expect(result.lineItems[0]?.quantity).toBe(3);
      expect((await getCart(cart.id)).lineItems[0]?.quantity).toBe(3);
    });

    it('names the resource when it does not exist', async () => {
      const attempt = updateResourceWithRetry<Cart, CartUpdateAction>(apiRoot.carts(), {
        what: 'cart missing-1',
        read: readCart('3c2b3e0a-0000-4000-8000-000000000000'),
        buildActions: addOne,
      });
      await expect(attempt).rejects.toThrow('cart missing-1 not found in commercetools');
    });
  });
});

describe('isConcurrentModification', () => {
  it('recognises the SDK error by code or status', () => {
    expect(
      isConcurrentModification({ statusCode: 409, body: { errors: [{ code: 'ConcurrentModification' }] } }),
    ).toBe(true);
    expect(isConcurrentModification({ statusCode: 409 })).toBe(true);
    expect(
      isConcurrentModification({ statusCode: 400, body: { errors: [{ code: 'InvalidOperation' }] } }),
    ).toBe(false);
    expect(isConcurrentModification(new Error('boom'))).toBe(false);
  });
});
