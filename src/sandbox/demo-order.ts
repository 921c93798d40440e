// Places an order in the sandbox the way a storefront would (in-store cart, line items, order from cart), so
// the README's demo, the CLI, tests and the benchmark all exercise the same commercetools API calls.
import type { Cart, CartDraft, Order } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from './commercetools/seed.js';

export interface DemoOrderOptions {
  market?: keyof typeof SANDBOX_MARKETS;
  email?: string;
  customerId?: string;
  /** SKUs with quantities; default one Referral Tee. */
  items?: { sku: string; quantity: number }[];
  discountCodes?: string[];
  /** Custom fields for the cart (e.g. attribution), on the connector's order type. */
  custom?: { typeKey: string; fields: Record<string, unknown> };
  orderNumber?: string;
  /** Street, city… of the shipping address (the market's country and a demo name are filled in). */
  shippingAddress?: Record<string, string>;
  /** Payments (ids) the storefront's PSP integration created, added to the cart before ordering. */
  paymentIds?: string[];
}

export async function placeDemoOrder(api: CommercetoolsApi, options: DemoOrderOptions = {}): Promise<Order> {
  const market = SANDBOX_MARKETS[options.market ?? 'us'];
  const items = options.items ?? [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }];
  const draft: CartDraft = {
    currency: market.currency,
    country: market.country,
    locale: market.locale,
    customerEmail: options.email ?? 'friend@example.com',
    ...(options.customerId ? { customerId: options.customerId } : {}),
    lineItems: items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
    shippingAddress: {
      country: market.country,
      firstName: 'Demo',
      lastName: 'Shopper',
      ...options.shippingAddress,
    },
    ...(options.discountCodes ? { discountCodes: options.discountCodes } : {}),
    ...(options.custom
      ? { custom: { type: { typeId: 'type', key: options.custom.typeKey }, fields: options.custom.fields } }
      : {}),
  };
  const inStore = api.inStoreKeyWithStoreKeyValue({ storeKey: market.storeKey });
  let cart: Cart = (await inStore.carts().post({ body: draft }).execute()).body;
  if (options.paymentIds?.length) {
    const actions = options.paymentIds.map((id) => ({
      action: 'addPayment' as const,
      payment: { typeId: 'payment' as const, id },
    }));
    cart = (
      await inStore
        .carts()
        .withId({ ID: cart.id })
        .post({ body: { version: cart.version, actions } })
        .execute()
    ).body;
  }
  const order = await inStore
    .orders()
    .post({
      body: {
        cart: { typeId: 'cart', id: cart.id },
        version: cart.version,
        ...(options.orderNumber ? { orderNumber: options.orderNumber } : {}),
      },
    })
    .execute();
  return order.body;
}
