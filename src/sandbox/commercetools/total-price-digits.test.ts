import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PRODUCTS } from './seed.js';
import { type RunningSandbox, startSandbox } from './test-support.js';
import { isCartOrOrderPath, withCurrencyDigits } from './total-price-digits.js';

describe('cart and order totals in the sandbox', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startSandbox({ seed: true });
  });
  afterAll(() => running.close());

  it("carry their currency's minor-unit digits, as commercetools answers them", async () => {
    const lineItems = [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }];
    const created = (
      await running.apiRoot
        .carts()
        .post({ body: { currency: 'USD', lineItems } })
        .execute()
    ).body;
    expect(created.totalPrice).toMatchObject({ currencyCode: 'USD', fractionDigits: 2 });
    const read = (await running.apiRoot.carts().withId({ ID: created.id }).get().execute()).body;
    expect(read.totalPrice.fractionDigits).toBe(2);
    const page = (
      await running.apiRoot
        .carts()
        .get({ queryArgs: { limit: 5 } })
        .execute()
    ).body;
    expect(page.results.map((cart) => cart.totalPrice.fractionDigits)).toContain(2);
    expect(page.results.every((cart) => cart.totalPrice.fractionDigits === 2)).toBe(true);
  });

  it('uses each currency’s own digits and leaves other money alone', () => {
    const yen = withCurrencyDigits({
      totalPrice: { type: 'centPrecision', currencyCode: 'JPY', centAmount: 2500, fractionDigits: 0 },
    });
    expect(yen.totalPrice.fractionDigits).toBe(0);
    const precise = withCurrencyDigits({
      totalPrice: { type: 'highPrecision', currencyCode: 'EUR', fractionDigits: 5 },
    });
    expect(precise.totalPrice.fractionDigits).toBe(5);
  });

  it('applies to cart and order paths only', () => {
    expect(isCartOrOrderPath('/pk/carts/c1?expand=x', 'pk')).toBe(true);
    expect(isCartOrOrderPath('/pk/in-store/key=us/me/carts', 'pk')).toBe(true);
    expect(isCartOrOrderPath('/pk/orders', 'pk')).toBe(true);
    expect(isCartOrOrderPath('/pk/cart-discounts', 'pk')).toBe(false);
    expect(isCartOrOrderPath('/pk/customers', 'pk')).toBe(false);
  });
});
