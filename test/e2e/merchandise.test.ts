// A custom line item (gift wrap) on an order, as commercetools carries it over from the cart (API reference:
// Order.customLineItems, CustomLineItem with name, money, slug, quantity): by default it is not merchandise, so
// neither the purchase amount nor the products Friendbuy receives include it, and its slug is not sent as a SKU.
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from '../../src/sandbox/commercetools/create-sandbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId } from '../helpers/deliveries.js';

describe('merchandise: custom line items', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('leaves a gift wrap out of the purchase amount and products', async () => {
    const us = SANDBOX_MARKETS.us;
    const inStore = connector.api.inStoreKeyWithStoreKeyValue({ storeKey: us.storeKey });
    const { body: cart } = await inStore
      .carts()
      .post({
        body: {
          currency: us.currency,
          country: us.country,
          customerEmail: 'gift.giver@example.com',
          lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
          customLineItems: [
            {
              name: { 'en-US': 'Gift wrap' },
              money: { currencyCode: 'USD', centAmount: 500 },
              slug: 'gift-wrap',
              quantity: 1,
            },
          ],
          shippingAddress: { country: us.country },
        },
      })
      .execute();
    const { body: order } = await inStore
      .orders()
      .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: cart.version } })
      .execute();
    // The order carries the cart's custom line item, as commercetools does.
    expect(order.customLineItems.map((item) => item.slug)).toEqual(['gift-wrap']);

    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { orderId: string }).orderId === friendbuyOrderId(order as Order)),
      15_000,
      'the purchase',
    );
    expect(purchase.body).toMatchObject({
      amount: 25,
      products: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
    });
    expect((purchase.body as { products: unknown[] }).products).toHaveLength(1);
  });
});
