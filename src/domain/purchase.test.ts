import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guestCustomerId } from './identity.js';
import { DEFAULT_FEE_PATTERN, isMerchandise } from './merchandise.js';
import type { Money } from './money.js';
import { mapOrderToPurchase, type OrderForPurchase, type PurchaseContext } from './purchase.js';

const usd = (centAmount: number, fractionDigits = 2): Money => ({
  centAmount,
  currencyCode: 'USD',
  fractionDigits,
});
const taxed = (net: number, gross: number) => ({ totalNet: usd(net), totalGross: usd(gross) });

function lineItem(
  id: string,
  quantity: number,
  total: number,
  extra: Partial<OrderForPurchase['lineItems'][number]> = {},
) {
  return {
    id,
    productId: `product-${id}`,
    name: { en: `Item ${id}` },
    variant: { sku: `SKU-${id}` },
    quantity,
    totalPrice: usd(total),
    ...extra,
  };
}

function order(overrides: Partial<OrderForPurchase> = {}): OrderForPurchase {
  return {
    id: 'ct-order-1',
    orderNumber: 'A-1001',
    customerId: 'ct-customer-1',
    customerEmail: 'Jane.Doe@example.com',
    locale: 'en-US',
    store: { key: 'us-store' },
    totalPrice: usd(6000),
    lineItems: [lineItem('1', 2, 4000), lineItem('2', 1, 2000)],
    ...overrides,
  };
}

const context: PurchaseContext = {
  amountBasis: 'netMerchandise',
  couponCodes: [],
  isNewCustomer: true,
  hashKey: 'test-key',
  fieldNames: {
    referralCode: 'fbReferralCode',
    attributionId: 'fbAttributionId',
    ipAddress: 'fbIp',
    userAgent: 'fbUa',
  },
};

function purchaseOf(o: OrderForPurchase, c: Partial<PurchaseContext> = {}) {
  const result = mapOrderToPurchase(o, { ...context, ...c });
  if (!result.ok) throw new Error(`expected a purchase, got ${result.reason}`);
  return result;
}

describe('mapOrderToPurchase amount', () => {
  it.each([
    {
      name: 'sums line items after their discounts when no tax is known',
      order: order(),
      expected: 60,
    },
    {
      name: 'uses net line totals and the net order discount when taxes are known',
      order: order({
        lineItems: [
          lineItem('1', 2, 4400, { taxedPrice: taxed(4000, 4400) }),
          lineItem('2', 1, 2200, { taxedPrice: taxed(2000, 2200) }),
        ],
        discountOnTotalPrice: { discountedAmount: usd(1100), discountedNetAmount: usd(1000) },
      }),
      expected: 50,
    },
    {
      name: 'subtracts the order discount as given when line items are not net',
      order: order({ discountOnTotalPrice: { discountedAmount: usd(1500), discountedNetAmount: usd(1000) } }),
      expected: 45,
    },
    {
      name: 'leaves shipping out',
      order: { ...order({ totalPrice: usd(6999) }), shippingInfo: { price: usd(999) } },
      expected: 60,
    },
    {
      name: 'never goes below zero',
      order: order({ discountOnTotalPrice: { discountedAmount: usd(9000) } }),
      expected: 0,
    },
    {
      name: 'aligns a more precise discount before subtracting',
      order: order({ discountOnTotalPrice: { discountedAmount: usd(1005, 3) } }),
      expected: 58.995,
    },
  ])('$name', ({ order: o, expected }) => {
    expect(purchaseOf(o).purchase.amount).toBe(expected);
  });

  it('reports the integer amount it formatted', () => {
    const result = purchaseOf(order({ discountOnTotalPrice: { discountedAmount: usd(1005, 3) } }));
    expect(result.amountMinor).toEqual(usd(58995, 3));
  });

  it('uses the taxed gross total for the order-total basis', () => {
    const o = order({ taxedPrice: taxed(6500, 7150), totalPrice: usd(7150) });
    expect(purchaseOf(o, { amountBasis: 'orderTotal' }).purchase.amount).toBe(71.5);
  });

  it('trusts line-item digits over an order total labelled with 0 digits (commercetools-mock)', () => {
    const o = order({ totalPrice: { centAmount: 6000, currencyCode: 'USD', fractionDigits: 0 } });
    expect(purchaseOf(o, { amountBasis: 'orderTotal' }).purchase.amount).toBe(60);
    expect(purchaseOf(o).amountMinor).toEqual(usd(6000));
  });

  it('handles a currency without minor units', () => {
    const yen = (centAmount: number): Money => ({ centAmount, currencyCode: 'JPY', fractionDigits: 0 });
    const o = order({
      totalPrice: yen(1500),
      lineItems: [{ ...lineItem('1', 3, 0), totalPrice: yen(1500) }],
    });
    const { purchase } = purchaseOf(o);
    expect(purchase).toMatchObject({ amount: 1500, currency: 'JPY', products: [{ price: 500 }] });
  });

  it('is never negative and never more than the line totals', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 5 }),
        cents,
        fc.boolean(),
        (totals, discount, net) => {
          const o = order({
            lineItems: totals.map((t, i) =>
              lineItem(String(i), 1, t, net ? { taxedPrice: taxed(t, t) } : {}),
            ),
            discountOnTotalPrice: { discountedAmount: usd(discount), discountedNetAmount: usd(discount) },
          });
          const { amountMinor } = purchaseOf(o);
          expect(amountMinor.centAmount).toBeGreaterThanOrEqual(0);
          expect(amountMinor.centAmount).toBeLessThanOrEqual(totals.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});

describe('mapOrderToPurchase fields', () => {
  it('maps the order identity, customer and attribution', () => {
    const o = order({
      anonymousId: 'anon-1',
      billingAddress: { firstName: 'Jane' },
      shippingAddress: { firstName: 'Janet', lastName: 'Doe' },
      custom: {
        fields: { fbReferralCode: ' ref-123 ', fbAttributionId: 'attr-1', fbIp: '203.0.113.7', fbUa: 42 },
      },
    });
    expect(purchaseOf(o).purchase).toMatchObject({
      orderId: 'A-1001',
      customerId: 'ct-customer-1',
      currency: 'USD',
      email: 'Jane.Doe@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      isNewCustomer: true,
      referralCode: 'ref-123',
      attributionId: 'attr-1',
      ipAddress: '203.0.113.7',
      userAgent: undefined,
      additionalProperties: {
        commercetoolsOrderId: 'ct-order-1',
        storeKey: 'us-store',
        commercetoolsAnonymousId: 'anon-1',
      },
    });
  });

  it('falls back to the commercetools id when there is no order number', () => {
    expect(purchaseOf(order({ orderNumber: undefined })).purchase.orderId).toBe('ct-order-1');
  });

  it('gives a guest a pseudonymous customer id from the normalised email', () => {
    const o = order({ customerId: undefined, customerEmail: 'Jane.Doe+fb@gmail.com' });
    expect(purchaseOf(o).purchase.customerId).toBe(guestCustomerId('janedoe@gmail.com', 'test-key'));
  });

  it('cannot build a purchase without a customer id or email', () => {
    const result = mapOrderToPurchase(order({ customerId: undefined, customerEmail: undefined }), context);
    expect(result).toMatchObject({ ok: false, reason: 'missingCustomerIdentity' });
  });

  it('refuses an order whose amounts are in two currencies', () => {
    const o = order({
      discountOnTotalPrice: { discountedAmount: { centAmount: 1, currencyCode: 'EUR', fractionDigits: 2 } },
    });
    expect(mapOrderToPurchase(o, context)).toMatchObject({ ok: false, reason: 'currencyMismatch' });
  });

  it('sends the first coupon code as given and lists the others once each', () => {
    const { purchase } = purchaseOf(order(), { couponCodes: ['FRIEND-20', 'friend-20', 'SUMMER', 'vip'] });
    expect(purchase.couponCode).toBe('FRIEND-20');
    expect(purchase.additionalProperties['couponCodes']).toBe('SUMMER,vip');
  });

  it('keeps additional properties within Friendbuy limits', () => {
    const codes = Array.from({ length: 40 }, (_, i) => `CODE-${i}`);
    const { purchase } = purchaseOf(order(), { couponCodes: codes });
    expect(purchase.additionalProperties['couponCodes']).toHaveLength(128);
  });
});

describe('mapOrderToPurchase merchandise: custom line items', () => {
  // As commercetools returns them (API reference CustomLineItem: id, name, money, totalPrice, slug, quantity,
  // priceMode, ...): a gift wrap, a payment fee, and an engraving the merchant sells as a custom line item.
  const custom = (id: string, slug: string, name: string, cents: number, quantity = 1) => ({
    id,
    key: `${slug}-key`,
    name: { en: name },
    money: usd(cents),
    totalPrice: usd(cents * quantity),
    slug,
    quantity,
    state: [],
    discountedPricePerQuantity: [],
    perMethodTaxRate: [],
    taxedPricePortions: [],
    priceMode: 'Standard',
  });
  const withCustomItems = order({
    totalPrice: usd(7550),
    customLineItems: [
      custom('c1', 'gift-wrap', 'Gift wrap', 250),
      custom('c2', 'payment_fee', 'Cash on delivery', 300),
      custom('c3', 'engraving', 'Engraving', 500, 2),
    ],
  });
  const rule = (customLineItems: 'exclude' | 'include' | 'excludeFees') => ({
    merchandise: { customLineItems, feePattern: DEFAULT_FEE_PATTERN },
  });

  it('leaves every custom line item out of the amount and the products by default', () => {
    const { purchase } = purchaseOf(withCustomItems);
    expect(purchase.amount).toBe(60);
    expect(purchase.products.map((p) => p.sku)).toEqual(['SKU-1', 'SKU-2']);
  });

  it('counts only those not named as fees under excludeFees, and lists them with their slug', () => {
    const { purchase } = purchaseOf(withCustomItems, rule('excludeFees'));
    expect(purchase.amount).toBe(70);
    expect(purchase.products.at(-1)).toEqual({ sku: 'engraving', name: 'Engraving', quantity: 2, price: 5 });
    expect(purchase.products.map((p) => p.sku)).not.toContain('gift-wrap');
  });

  it('counts every custom line item under include', () => {
    const { purchase } = purchaseOf(withCustomItems, rule('include'));
    expect(purchase.amount).toBe(75.5);
    expect(purchase.products.map((p) => p.sku)).toEqual([
      'SKU-1',
      'SKU-2',
      'gift-wrap',
      'payment_fee',
      'engraving',
    ]);
  });

  it('recognises fees by whole words of slug, key or name, not inside other words', () => {
    const fee = (slug: string, name = 'x') =>
      !isMerchandise({ slug, name: { en: name } }, rule('excludeFees').merchandise);
    expect(
      ['service-fee', 'shipping_surcharge', 'donation', 'GiftWrap', 'bottle-deposit'].map((s) => fee(s)),
    ).toEqual([true, true, true, true, true]);
    expect(fee('coffee-beans', 'Coffee beans')).toBe(false);
    expect(fee('x', 'Tip for the driver')).toBe(true);
  });
});

describe('mapOrderToPurchase products', () => {
  it('lists line items with sku, localized name, quantity and unit price after discounts', () => {
    const o = order({
      lineItems: [
        lineItem('1', 3, 1000, { name: { de: 'Hemd', en: 'Shirt' } }),
        lineItem('2', 1, 500, { variant: {}, name: { 'en-US': 'Sock' } }),
        lineItem('3', 1, 500, { variant: {}, productId: undefined, name: { fr: 'Chapeau' } }),
      ],
    });
    expect(purchaseOf(o).purchase.products).toEqual([
      // 10.00 over 3 units has no exact unit price; it rounds half-up to cents.
      { sku: 'SKU-1', name: 'Shirt', quantity: 3, price: 3.33 },
      { sku: 'product-2', name: 'Sock', quantity: 1, price: 5 },
      { sku: 'unknown', name: 'Chapeau', quantity: 1, price: 5 },
    ]);
  });

  it('uses the context fallback locale when the order locale has no name', () => {
    const o = order({
      locale: 'fr-FR',
      lineItems: [lineItem('1', 1, 100, { name: { de: 'Hemd', en: 'Shirt' } })],
    });
    expect(purchaseOf(o, { localeFallback: 'de' }).purchase.products[0]?.name).toBe('Hemd');
  });

  it('prices products net when the amount is net', () => {
    const o = order({ lineItems: [lineItem('1', 2, 2400, { taxedPrice: taxed(2000, 2400) })] });
    expect(purchaseOf(o).purchase.products[0]?.price).toBe(10);
    expect(purchaseOf(o, { amountBasis: 'orderTotal' }).purchase.products[0]?.price).toBe(12);
  });
});
