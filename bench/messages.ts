// Bodies the load generator posts: distinct OrderCreated Platform messages in a Google Pub/Sub push envelope,
// shaped like the real thing (a full order inlined, ~2 KB) so JSON, base64 and jsonb costs are realistic.
import { randomUUID } from 'node:crypto';
import { encodePubSubEnvelope } from '../src/commercetools/envelope.js';

const money = (centAmount: number) => ({
  type: 'centPrecision',
  currencyCode: 'USD',
  centAmount,
  fractionDigits: 2,
});
const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  streetName: 'Main St',
  city: 'Springfield',
  country: 'US',
};

/** A fresh order id and message id per call, so every delivery is recorded (none is a duplicate). */
export function orderCreatedEnvelope(sequence: number): string {
  const orderId = randomUUID();
  const at = new Date().toISOString();
  const order = {
    id: orderId,
    version: 1,
    orderNumber: `BENCH-${sequence}`,
    customerEmail: `shopper-${sequence}@example.com`,
    store: { typeId: 'store', key: 'us' },
    locale: 'en-US',
    country: 'US',
    orderState: 'Open',
    origin: 'Customer',
    totalPrice: money(3175),
    taxedPrice: { totalNet: money(3000), totalGross: money(3175), totalTax: money(175) },
    lineItems: [
      {
        id: randomUUID(),
        productId: randomUUID(),
        productKey: 'sandbox-tee',
        name: { 'en-US': 'Referral Tee' },
        variant: {
          id: 1,
          sku: 'FB-TEE-001',
          key: 'FB-TEE-001',
          prices: [{ id: randomUUID(), value: money(2500) }],
        },
        price: { id: randomUUID(), value: money(2500) },
        quantity: 1,
        totalPrice: money(2500),
        taxRate: { name: 'US sales tax', amount: 0.07, includedInPrice: false, country: 'US' },
        lineItemMode: 'Standard',
        priceMode: 'Platform',
      },
    ],
    customLineItems: [],
    shippingInfo: { shippingMethodName: 'Standard shipping', price: money(500) },
    shippingAddress: address,
    billingAddress: address,
    createdAt: at,
    lastModifiedAt: at,
  };
  const message = {
    notificationType: 'Message',
    projectKey: 'ct-friendbuy-bench',
    id: randomUUID(),
    version: 1,
    sequenceNumber: 1,
    resource: { typeId: 'order', id: orderId },
    resourceVersion: 1,
    type: 'OrderCreated',
    order,
    createdAt: at,
    lastModifiedAt: at,
  };
  return JSON.stringify(encodePubSubEnvelope(message, randomUUID()));
}
