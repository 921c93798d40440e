import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_COMMERCETOOLS_PREFIX, SANDBOX_MARKETS, SANDBOX_PRODUCTS } from './create-sandbox.js';
import { type RunningSandbox, startSandbox } from './test-support.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function seededSandbox(): Promise<RunningSandbox> {
  const r = await startSandbox({ seed: true });
  running.push(r);
  return r;
}

describe('commercetools sandbox proxy', () => {
  it('serves the SDK over HTTP: a priced cart in store us becomes an order in that store', async () => {
    const { apiRoot } = await seededSandbox();
    const us = SANDBOX_MARKETS.us;
    const tee = SANDBOX_PRODUCTS[0];

    const { body: cart } = await apiRoot
      .inStoreKeyWithStoreKeyValue({ storeKey: us.storeKey })
      .carts()
      .post({
        body: {
          currency: us.currency,
          country: us.country,
          customerEmail: 'friend@example.com',
          shippingAddress: { country: us.country },
          lineItems: [{ sku: tee.sku, quantity: 2 }],
        },
      })
      .execute();
    expect(cart.store?.key).toBe('us');
    expect(cart.lineItems[0]?.totalPrice).toMatchObject({ currencyCode: 'USD', centAmount: 2 * tee.usd });

    const { body: order } = await apiRoot
      .orders()
      .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: cart.version } })
      .execute();
    expect(order).toMatchObject({
      orderState: 'Open',
      store: { key: 'us' },
      customerEmail: 'friend@example.com',
    });
    expect(order.totalPrice.centAmount).toBe(2 * tee.usd);
  });

  it('issues tokens to any client id and secret at /oauth/token under the prefix', async () => {
    const { origin } = await seededSandbox();
    const response = await fetch(`${origin}${SANDBOX_COMMERCETOOLS_PREFIX}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('anyone:anything').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer' });
  });

  it('seeds idempotently: two stores, three products with USD and EUR prices', async () => {
    const { sandbox, apiRoot } = await seededSandbox();
    await sandbox.seed();

    const stores = (await apiRoot.stores().get().execute()).body.results;
    expect(stores.map((s) => [s.key, s.languages, s.countries?.map((c) => c.code)])).toEqual([
      ['us', ['en-US'], ['US']],
      ['eu', ['de-DE'], ['DE']],
    ]);
    const products = (await apiRoot.productProjections().get().execute()).body.results;
    expect(products).toHaveLength(SANDBOX_PRODUCTS.length);
    for (const product of products) {
      expect(product.masterVariant.prices?.map((p) => p.value.currencyCode).sort()).toEqual(['EUR', 'USD']);
      expect(product.masterVariant.sku).toMatch(/^FB-/);
    }
  });

  it('answers HEAD with 200 when something matches and 404 otherwise, as commercetools does', async () => {
    const { apiRoot } = await seededSandbox();
    const exists = await apiRoot.stores().withKey({ key: 'us' }).head().execute();
    expect(exists.statusCode).toBe(200);
    await expect(apiRoot.stores().withKey({ key: 'nowhere' }).head().execute()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
