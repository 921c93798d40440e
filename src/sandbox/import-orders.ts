// Orders placed in the sandbox's commercetools through order import (POST /orders/import), which commercetools
// announces with no OrderCreated message: the connector never hears of them, as with orders placed before it
// was installed or while its subscription was down. What backfill and reconciliation are tried against.
import { randomUUID } from 'node:crypto';
import type { Order } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import { SANDBOX_PRODUCTS } from './commercetools/seed.js';

export interface ImportOrdersOptions {
  count: number;
  market?: 'us' | 'eu' | undefined;
  /** The shopper of the i-th order; by default one guest per order. */
  email?: ((index: number) => string) | undefined;
  /** Imports in flight at once. */
  concurrency?: number | undefined;
}

/** Imports `count` one-line orders; returns them in the order they were created. */
export async function importSandboxOrders(
  api: CommercetoolsApi,
  options: ImportOrdersOptions,
): Promise<Order[]> {
  const market = options.market ?? 'us';
  const product = SANDBOX_PRODUCTS[0]!;
  const price =
    market === 'us'
      ? { currencyCode: 'USD', centAmount: product.usd }
      : { currencyCode: 'EUR', centAmount: product.eur };
  const batch = randomUUID().slice(0, 8);
  const orders: Order[] = new Array(options.count);
  let next = 0;
  const importOne = async (index: number) => {
    const { body } = await api
      .orders()
      .importOrder()
      .post({
        body: {
          orderNumber: `IMP-${batch}-${index + 1}`,
          customerEmail: options.email?.(index) ?? `imported-${batch}-${index + 1}@example.com`,
          store: { typeId: 'store', key: market },
          totalPrice: price,
          orderState: 'Open',
          lineItems: [
            {
              name: { 'en-US': product.name[0], 'de-DE': product.name[1] },
              variant: { sku: product.sku },
              price: { value: price },
              quantity: 1,
            },
          ],
        },
      })
      .execute();
    orders[index] = body;
  };
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 8, options.count) }, async () => {
    while (next < options.count) await importOne(next++);
  });
  await Promise.all(lanes);
  return orders;
}
