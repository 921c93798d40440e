// Orders and OrderCreated messages shaped as the commercetools API reference shows them
// (commercetools-api-reference: examples/order.example.json and Subscription/message-payload.example.json),
// grown to a given size with more line items, for tests and the benchmark of large deliveries.
import { randomUUID } from 'node:crypto';

const money = (centAmount: number) => ({
  type: 'centPrecision',
  fractionDigits: 2,
  currencyCode: 'EUR',
  centAmount,
});

/** One line item as order.example.json has it (prices, attributes, tax, state), about 1.6 KB of JSON. */
function lineItem(index: number) {
  return {
    id: randomUUID(),
    productId: randomUUID(),
    name: { en: `MyProduct ${index}` },
    productType: { typeId: 'product-type', id: 'a5c7e173-9754-4f02-9b18-a600896ae0e1', version: 21 },
    productSlug: { de: `neues-produkt-slug-${index}`, en: `new-product-slug-${index}` },
    variant: {
      id: 1,
      sku: `some-sku-${index}`,
      prices: [{ value: money(1000), id: randomUUID() }],
      images: [],
      attributes: [
        { name: 'text', value: 'attribute-value' },
        { name: 'enum', value: { key: 'test', label: 'test' } },
      ],
      assets: [],
    },
    price: { id: randomUUID(), value: money(1000) },
    quantity: 1,
    discountedPricePerQuantity: [],
    taxRate: { name: 'Bla', amount: 0.1, includedInPrice: false, country: 'DE', subRates: [] },
    state: [{ quantity: 1, state: { typeId: 'state', id: '7c2e2694-aefe-43d7-888e-6a99514caaca' } }],
    priceMode: 'Platform',
    lineItemMode: 'Standard',
    totalPrice: money(1000),
    taxedPrice: {
      totalNet: money(1000),
      totalGross: money(1100),
      taxPortions: [{ rate: 0.1, amount: money(100), name: 'Bla' }],
    },
    perMethodTaxRate: [],
    taxedPricePortions: [],
  };
}

/** An order of at least `bytes` of JSON, as order.example.json (a customerId, no customerEmail). */
export function referenceOrder(bytes: number) {
  const items = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = lineItem(i);
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  const total = items.length * 1000;
  return {
    type: 'Order',
    id: randomUUID(),
    version: 1,
    createdAt: '2026-11-30T10:00:00.000Z',
    lastModifiedAt: '2026-11-30T10:00:00.000Z',
    totalPrice: money(total),
    orderState: 'Open',
    syncInfo: [],
    returnInfo: [],
    refusedGifts: [],
    taxMode: 'External',
    inventoryMode: 'None',
    taxRoundingMode: 'HalfEven',
    customerId: '7297c742-d8b0-484b-aadc-1d0ba6769dc9',
    lineItems: items,
    customLineItems: [],
    discountCodes: [],
    origin: 'Customer',
    shipping: [],
    shippingMode: 'Single',
  };
}

/** The OrderCreated delivery (Platform format) of `order`, as message-payload.example.json is laid out. */
export function orderCreatedDelivery(order: { id: string; createdAt: string }, sequenceNumber = 1) {
  return {
    notificationType: 'Message',
    projectKey: 'ct-friendbuy-sandbox',
    id: randomUUID(),
    version: 1,
    sequenceNumber,
    resource: { typeId: 'order', id: order.id },
    resourceVersion: 1,
    resourceUserProvidedIdentifiers: {},
    type: 'OrderCreated',
    order,
    createdAt: order.createdAt,
    lastModifiedAt: order.createdAt,
  };
}
