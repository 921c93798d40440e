// Order facts from commercetools messages (commercetools-api.md §2.3) as Friendbuy custom events
// (`POST /v1/event/custom`, friendbuy-api.md §2.5), which campaigns can reward or use to hold rewards.
import { limitAdditionalProperties } from './additional-properties.js';
import { formatAmountTextForFriendbuy, type Money } from './money.js';

export type OrderState = 'Open' | 'Confirmed' | 'Complete' | 'Cancelled';
// Note the spelling "Canceled" here, unlike OrderState.
export type ShipmentState =
  | 'Shipped'
  | 'Delivered'
  | 'Ready'
  | 'Pending'
  | 'Delayed'
  | 'Partial'
  | 'Backorder'
  | 'Canceled';
export type PaymentState = 'BalanceDue' | 'Failed' | 'Pending' | 'CreditOwed' | 'Paid';
export type TransactionState = 'Initial' | 'Pending' | 'Success' | 'Failure';

export type OrderStatusFact =
  | { kind: 'orderState'; value: OrderState }
  | { kind: 'shipmentState'; value: ShipmentState }
  | { kind: 'paymentState'; value: PaymentState }
  | { kind: 'returned'; returnInfo: { items: readonly { quantity: number }[] } }
  /** A payment transaction of type Refund and its current state. */
  | { kind: 'refundTransaction'; state: TransactionState; amount: Money };

export type StatusKey = 'shipped' | 'delivered' | 'cancelled' | 'returned' | 'refunded';

export const DEFAULT_STATUS_EVENTS: Readonly<Record<StatusKey, string>> = {
  shipped: 'order_shipped',
  delivered: 'order_delivered',
  cancelled: 'order_cancelled',
  returned: 'order_returned',
  refunded: 'order_refunded',
};

/** The status a fact announces, or undefined when it is not one we report. */
export function statusKeyFor(fact: OrderStatusFact): StatusKey | undefined {
  switch (fact.kind) {
    case 'orderState':
      return fact.value === 'Cancelled' ? 'cancelled' : undefined;
    case 'shipmentState':
      return fact.value === 'Shipped' ? 'shipped' : fact.value === 'Delivered' ? 'delivered' : undefined;
    case 'paymentState':
      return undefined;
    case 'returned':
      return fact.returnInfo.items.length > 0 ? 'returned' : undefined;
    case 'refundTransaction':
      return fact.state === 'Success' ? 'refunded' : undefined;
  }
}

export interface OrderSummary {
  /** The id Friendbuy knows the order by (the purchase's orderId). */
  orderId: string;
  commercetoolsOrderId: string;
  email: string;
  customerId?: string | undefined;
  /** The order amount, or for a refund the refunded amount. */
  amount: Money;
}

export interface StatusEventConfig {
  events: Partial<Record<StatusKey, string>>;
  enabled: readonly StatusKey[];
}

export interface FriendbuyCustomEvent {
  eventType: string;
  email: string;
  customerId?: string | undefined;
  deduplicationId: string;
  additionalProperties: Record<string, string>;
}

/**
 * The custom event for a status, or undefined when the merchant has not enabled it. Friendbuy documents no
 * amount or currency field on custom events and takes only strings in additionalProperties, so both go there.
 * @example mapStatusToCustomEvent('shipped', summary, { events: {}, enabled: ['shipped'] })
 */
export function mapStatusToCustomEvent(
  statusKey: StatusKey,
  order: OrderSummary,
  config: StatusEventConfig,
): FriendbuyCustomEvent | undefined {
  if (!config.enabled.includes(statusKey)) return undefined;
  return {
    eventType: config.events[statusKey] ?? DEFAULT_STATUS_EVENTS[statusKey],
    email: order.email,
    customerId: order.customerId,
    // Friendbuy will not reward a second custom event with the same type and deduplicationId (§2.2).
    deduplicationId: `${order.orderId}:${statusKey}`,
    additionalProperties: limitAdditionalProperties({
      commercetoolsOrderId: order.commercetoolsOrderId,
      status: statusKey,
      amount: formatAmountTextForFriendbuy(order.amount),
      currency: order.amount.currencyCode,
    }),
  };
}
