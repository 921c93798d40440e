// The purchase amount Friendbuy's reward rules compare against ("minimum purchase"), in integer minor units,
// and the per-item totals it is built from, on one chosen basis.
import { compareMoney, type Money, subtractMoney, sumMoney } from './money.js';

export type AmountBasis = 'netMerchandise' | 'orderTotal';

interface TaxedTotals {
  totalNet: Money;
  totalGross: Money;
}

export interface ItemTotals {
  quantity: number;
  totalPrice: Money;
  taxedPrice?: TaxedTotals | undefined;
}

export interface OrderTotals {
  totalPrice: Money;
  taxedPrice?: TaxedTotals | undefined;
  lineItems: readonly ItemTotals[];
  customLineItems?: readonly ItemTotals[] | undefined;
  discountOnTotalPrice?: { discountedAmount: Money; discountedNetAmount?: Money | undefined } | undefined;
}

function allItems(order: OrderTotals): readonly ItemTotals[] {
  return [...order.lineItems, ...(order.customLineItems ?? [])];
}

/**
 * The order's `totalPrice` with trustworthy fraction digits. commercetools keeps line-item and order totals
 * in cent precision of the same currency, but commercetools-mock labels the order total with fractionDigits 0
 * while its centAmount is in cents (commercetools-api.md §7.3), so the line items' digits win.
 */
export function orderTotalPrice(order: OrderTotals): Money {
  const itemDigits = allItems(order)[0]?.totalPrice.fractionDigits;
  return itemDigits === undefined ? order.totalPrice : { ...order.totalPrice, fractionDigits: itemDigits };
}

/** Net figures are used only when every item has them, so that one order never mixes net and gross. */
function usesNet(order: OrderTotals): boolean {
  const items = allItems(order);
  return items.length > 0 && items.every((item) => item.taxedPrice !== undefined);
}

/** Each item's total after its own discounts, on the same basis as `purchaseAmount`. */
export function itemTotal(item: ItemTotals, order: OrderTotals, basis: AmountBasis): Money {
  if (basis === 'orderTotal') return item.taxedPrice?.totalGross ?? item.totalPrice;
  return usesNet(order) && item.taxedPrice ? item.taxedPrice.totalNet : item.totalPrice;
}

/**
 * - `netMerchandise`: items after their discounts (net of tax when known), minus the order-level discount,
 *   without shipping, never below zero.
 * - `orderTotal`: what the customer paid, shipping and tax included.
 */
export function purchaseAmount(order: OrderTotals, basis: AmountBasis): Money {
  const total = orderTotalPrice(order);
  if (basis === 'orderTotal') return order.taxedPrice?.totalGross ?? total;
  const items = allItems(order).map((item) => itemTotal(item, order, basis));
  const merchandise = sumMoney(items, total.currencyCode, total.fractionDigits);
  const discount = order.discountOnTotalPrice;
  // discountedAmount follows the project's price mode; the net figure is missing on older orders.
  const orderDiscount =
    discount &&
    (usesNet(order)
      ? (discount.discountedNetAmount ?? discount.discountedAmount)
      : discount.discountedAmount);
  const amount = orderDiscount ? subtractMoney(merchandise, orderDiscount) : merchandise;
  const zero = { ...amount, centAmount: 0 };
  return compareMoney(amount, zero) < 0 ? zero : amount;
}

/** Every amount the mapping reads, so the caller can check they share one currency before adding them. */
export function amountsIn(order: OrderTotals): Money[] {
  const discount = order.discountOnTotalPrice;
  const taxed = (t: TaxedTotals | undefined) => (t ? [t.totalNet, t.totalGross] : []);
  return [
    order.totalPrice,
    ...taxed(order.taxedPrice),
    ...allItems(order).flatMap((item) => [item.totalPrice, ...taxed(item.taxedPrice)]),
    ...(discount ? [discount.discountedAmount] : []),
    ...(discount?.discountedNetAmount ? [discount.discountedNetAmount] : []),
  ];
}
