// What eligibility needs to know about one referred order: its life as the ledger recorded it (states,
// returns, refunds, with when each happened), folded from the order stream, plus the figures and lookups the
// flow supplies from the commercetools order and the store.
import type { PastAdvocateReward } from './advocate-caps.js';
import type { Money } from './money.js';
import type { OrderState, PaymentState, ShipmentState } from './order-status.js';

/** A ledger event as the folds read it: its type, its data, and when it happened. */
export interface LedgerEventLike {
  type: string;
  data?: Readonly<Record<string, unknown>> | undefined;
  occurredAt: Date | string;
}

/** One line of the order: its quantity and its value after its own discounts, on `netOrderValue`'s basis. */
export interface OrderLine {
  /** The line item (or custom line item) id that return items point to. */
  id: string;
  quantity: number;
  value: Money;
}

/** What the flow supplies: figures from the commercetools order, and lookups in the store. */
export interface OrderDetails {
  /** `purchaseAmount(order, basis)`: the order's value after every discount. */
  netOrderValue: Money;
  /** What discounts took off, on the same basis (line-item and order-level discounts together). */
  discountAmount: Money;
  /** What the customer paid (`orderTotalPrice(order)`, or the taxed gross); refunds are shares of it. */
  orderTotal: Money;
  lineItems: readonly OrderLine[];
  /** No earlier order by this customer id or email hash (the connector's own history, not only Friendbuy's). */
  isNewCustomer: boolean;
  /** The campaign the referral belongs to (caps count per campaign unless `acrossCampaigns`). */
  campaignId: string;
  /** The advocate's standing rewards from every campaign, without this order's own reward. */
  advocateRewards: readonly PastAdvocateReward[];
  /** The value of the reward this order would earn, when known (for value caps). */
  rewardValue?: Money | undefined;
}

/** The states an order reached, each with the first time it reached it. */
export interface ReachedStates {
  orderState: Partial<Record<OrderState, Date>>;
  shipmentState: Partial<Record<ShipmentState, Date>>;
  paymentState: Partial<Record<PaymentState, Date>>;
}

/** A return item as commercetools recorded it; `at` is when we first saw it. */
export interface ReturnedItem {
  returnItemId: string;
  lineItemId?: string | undefined;
  quantity: number;
  at: Date;
}

/** A refund transaction that reached Success, and when. */
export interface Refund {
  transactionId: string;
  amount: Money;
  at: Date;
}

/** The order's life from its ledger stream. */
export interface LedgerOrderFacts {
  /** When the order was placed; undefined until `order.created` is on the ledger (messages arrive unordered). */
  placedAt?: Date | undefined;
  reached: ReachedStates;
  /** When the order was cancelled, if its latest order state is Cancelled. */
  cancelledAt?: Date | undefined;
  returns: ReturnedItem[];
  refunds: Refund[];
  purchaseReportedAt?: Date | undefined;
  /** The fraud check's latest verdict (`fraud.assessed`) and an operator's review decision, when made. */
  fraud?: FraudStanding | undefined;
}

export interface FraudStanding {
  verdict: 'approve' | 'hold' | 'reject';
  /** The fired signals, for the reasons of a rejection. */
  signals: readonly string[];
  review?: { decision: 'approve' | 'reject'; by: string; reason?: string | undefined } | undefined;
}

export type OrderFacts = LedgerOrderFacts & OrderDetails;
