// The figures eligibility reads from a commercetools order (OrderDetails without the store lookups), on the
// same amount basis as the purchase report so the policy's minimum compares what Friendbuy was told.
import {
  type CustomLineItemLike,
  DEFAULT_MERCHANDISE_RULE,
  type MerchandiseRule,
  merchandiseOf,
} from './merchandise.js';
import { addMoney, compareMoney, type Money, subtractMoney, sumMoney } from './money.js';
import type { OrderLine } from './order-facts.js';
import {
  type AmountBasis,
  itemTotal,
  type OrderTotals,
  orderTotalPrice,
  purchaseAmount,
} from './purchase-amount.js';

export interface OrderForDetails extends OrderTotals {
  lineItems: readonly (OrderTotals['lineItems'][number] & { id: string; price?: { value: Money } })[];
  customLineItems?:
    | readonly (NonNullable<OrderTotals['customLineItems']>[number] &
        CustomLineItemLike & { id: string; money?: Money })[]
    | undefined;
}

export interface OrderFigures {
  netOrderValue: Money;
  discountAmount: Money;
  orderTotal: Money;
  lineItems: OrderLine[];
}

/**
 * @example orderFigures(order, 'netMerchandise') // { netOrderValue: 45.00 USD, discountAmount: 5.00 USD, … }
 */
export function orderFigures(
  placed: OrderForDetails,
  basis: AmountBasis,
  merchandise: MerchandiseRule = DEFAULT_MERCHANDISE_RULE,
): OrderFigures {
  // The same merchandise as the purchase report: a returned fee changes nothing.
  const order = merchandiseOf(placed, merchandise);
  const netOrderValue = purchaseAmount(order, basis);
  const items = [...order.lineItems, ...(order.customLineItems ?? [])];
  const lineItems = items.map((item) => ({
    id: item.id,
    quantity: item.quantity,
    value: itemTotal(item, order, basis),
  }));
  const { currencyCode, fractionDigits } = netOrderValue;
  // What line discounts took off (unit price × quantity − line total) plus the order-level discount.
  const lineDiscounts = order.lineItems.map((item) => {
    if (!item.price) return { centAmount: 0, currencyCode, fractionDigits };
    const full = { ...item.price.value, centAmount: item.price.value.centAmount * item.quantity };
    const off = subtractMoney(full, item.totalPrice);
    return compareMoney(off, { ...off, centAmount: 0 }) > 0 ? off : { ...off, centAmount: 0 };
  });
  const lines = sumMoney(lineDiscounts, currencyCode, fractionDigits);
  const orderDiscount = order.discountOnTotalPrice?.discountedAmount;
  return {
    netOrderValue,
    discountAmount: orderDiscount ? addMoney(lines, orderDiscount) : lines,
    orderTotal: orderTotalPrice(order),
    lineItems,
  };
}
