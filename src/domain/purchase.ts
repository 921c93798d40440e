// A commercetools order as the Friendbuy purchase event (`POST /v1/event/purchase`, friendbuy-api.md §2.4),
// with the integer amount that was sent so the ledger can record it exactly.
import { limitAdditionalProperties } from './additional-properties.js';
import { type EmailRules, friendbuyCustomerIdFor, normaliseCode } from './identity.js';
import { DEFAULT_MERCHANDISE_RULE, type MerchandiseRule, merchandiseOf } from './merchandise.js';
import { divideMoneyHalfUp, formatAmountForFriendbuy, type Money } from './money.js';
import {
  type AmountBasis,
  amountsIn,
  type ItemTotals,
  itemTotal,
  type OrderTotals,
  purchaseAmount,
} from './purchase-amount.js';
import { nonEmptyText } from './text.js';

type LocalizedString = Readonly<Record<string, string>>;

interface PersonName {
  firstName?: string | undefined;
  lastName?: string | undefined;
}

export interface OrderForPurchase extends OrderTotals {
  id: string;
  orderNumber?: string | undefined;
  customerId?: string | undefined;
  customerEmail?: string | undefined;
  anonymousId?: string | undefined;
  locale?: string | undefined;
  store?: { key: string } | undefined;
  lineItems: readonly (ItemTotals & {
    productId?: string | undefined;
    name: LocalizedString;
    variant: { sku?: string | undefined };
  })[];
  customLineItems?:
    | readonly (ItemTotals & { name: LocalizedString; slug?: string | undefined; key?: string | undefined })[]
    | undefined;
  custom?: { fields: Readonly<Record<string, unknown>> } | undefined;
  billingAddress?: PersonName | undefined;
  shippingAddress?: PersonName | undefined;
}

export interface PurchaseContext {
  amountBasis: AmountBasis;
  /** Which custom line items count as merchandise (amount and products); default: none. */
  merchandise?: MerchandiseRule | undefined;
  /** Codes already resolved from the order's discount code ids, in order. */
  couponCodes: readonly string[];
  isNewCustomer: boolean;
  /** Key for the guest pseudonym (see `guestCustomerId`). */
  hashKey: string;
  /** Names of the order custom fields that carry attribution captured on the cart. */
  fieldNames: { referralCode: string; attributionId: string; ipAddress: string; userAgent: string };
  localeFallback?: string | undefined;
  emailRules?: EmailRules | undefined;
  /** Set when a commercetools Recurring Order created the order: the purchase is marked `recurring`. */
  recurring?: { recurringOrderId?: string | undefined } | undefined;
}

export interface FriendbuyProduct {
  sku: string;
  name: string;
  quantity: number;
  /** Unit price in major units. */
  price: number;
}

/**
 * The body of Friendbuy's `POST /v1/event/purchase`, as the Merchant API client sends it. Friendbuy attributes it
 * by `couponCode`, then `attributionId`, then `referralCode`.
 */
export interface FriendbuyPurchase {
  orderId: string;
  customerId: string;
  /** Decimal in major units (e.g. 49.95), not cents: the one place money leaves integer form. */
  amount: number;
  currency: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  isNewCustomer: boolean;
  couponCode?: string | undefined;
  attributionId?: string | undefined;
  referralCode?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  products: FriendbuyProduct[];
  additionalProperties: Record<string, string>;
}

export type PurchaseProblem = 'missingCustomerIdentity' | 'currencyMismatch';

export type PurchaseMappingResult =
  | { ok: true; purchase: FriendbuyPurchase; amountMinor: Money }
  | { ok: false; reason: PurchaseProblem; message: string };

/**
 * Maps an order to the purchase event, or says why it cannot (no customer id and no usable email, or
 * amounts in more than one currency).
 * @example mapOrderToPurchase(order, { amountBasis: 'netMerchandise', couponCodes: ['FRIEND-20'], ... })
 */
export function mapOrderToPurchase(order: OrderForPurchase, context: PurchaseContext): PurchaseMappingResult {
  const customerId = friendbuyCustomerIdFor(
    { customerId: order.customerId, email: order.customerEmail },
    context.hashKey,
    context.emailRules,
  );
  if (customerId === undefined) {
    return {
      ok: false,
      reason: 'missingCustomerIdentity',
      message: `order ${order.id} has no customer id or email`,
    };
  }
  const currency = order.totalPrice.currencyCode;
  const foreign = amountsIn(order).find((m) => m.currencyCode !== currency);
  if (foreign) {
    return {
      ok: false,
      reason: 'currencyMismatch',
      message: `order ${order.id} is in ${currency} but has an amount in ${foreign.currencyCode}`,
    };
  }
  // Only merchandise makes the amount and the products; a fee's slug is never sent as a SKU.
  const counted = merchandiseOf(order, context.merchandise ?? DEFAULT_MERCHANDISE_RULE);
  const amountMinor = purchaseAmount(counted, context.amountBasis);
  const [couponCode, ...otherCoupons] = distinctCodes(context.couponCodes);
  const field = (name: string) => nonEmptyText(order.custom?.fields[name]);
  const purchase: FriendbuyPurchase = {
    orderId: order.orderNumber ?? order.id,
    customerId,
    amount: formatAmountForFriendbuy(amountMinor),
    currency,
    email: nonEmptyText(order.customerEmail),
    firstName:
      nonEmptyText(order.billingAddress?.firstName) ?? nonEmptyText(order.shippingAddress?.firstName),
    lastName: nonEmptyText(order.billingAddress?.lastName) ?? nonEmptyText(order.shippingAddress?.lastName),
    isNewCustomer: context.isNewCustomer,
    couponCode,
    attributionId: field(context.fieldNames.attributionId),
    referralCode: field(context.fieldNames.referralCode),
    ipAddress: field(context.fieldNames.ipAddress),
    userAgent: field(context.fieldNames.userAgent),
    products: products(counted, context),
    additionalProperties: limitAdditionalProperties({
      commercetoolsOrderId: order.id,
      ...(context.recurring
        ? { recurring: 'true', recurringOrderId: context.recurring.recurringOrderId }
        : {}),
      storeKey: order.store?.key,
      couponCodes: otherCoupons.join(',') || undefined,
      commercetoolsAnonymousId: order.anonymousId,
    }),
  };
  return { ok: true, purchase, amountMinor };
}

/** Codes as given, without repeats that differ only in case (Friendbuy matches codes case-insensitively). */
function distinctCodes(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  return codes.filter((code) => {
    const key = normaliseCode(code);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function products(order: OrderForPurchase, context: PurchaseContext): FriendbuyProduct[] {
  const items = [
    ...order.lineItems.map((item) => ({ ...item, sku: item.variant.sku ?? item.productId })),
    ...(order.customLineItems ?? []).map((item) => ({ ...item, sku: item.slug })),
  ];
  // A zero-quantity item has no unit price; its total (zero) is still in the amount.
  return items
    .filter((item) => item.quantity >= 1)
    .map((item) => ({
      sku: item.sku ?? 'unknown',
      name: localized(item.name, order.locale, context.localeFallback),
      quantity: item.quantity,
      // A discount spread over several units need not divide evenly (10.00 over 3). Friendbuy wants a unit
      // price, so we round it half-up to the currency's digits; the purchase `amount` stays exact because it
      // is built from totals, never from these unit prices.
      price: formatAmountForFriendbuy(
        divideMoneyHalfUp(itemTotal(item, order, context.amountBasis), item.quantity),
      ),
    }));
}

/** The name in the order's locale, its language, the fallback locale, or the first name given. */
function localized(name: LocalizedString, locale: string | undefined, fallback: string | undefined): string {
  const found = [locale, locale?.split('-')[0], fallback]
    .filter((key): key is string => key !== undefined && Object.hasOwn(name, key))
    .map((key) => name[key])
    .find((value) => value);
  return found ?? Object.values(name).find((value) => value) ?? 'unknown';
}
