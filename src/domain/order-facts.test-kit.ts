// Test kit for eligibility: an order's ledger events by day, and its details, in a few words each.
import { DAY_MS } from './durations.js';
import { type EligibilityResult, evaluateEligibility } from './eligibility.js';
import type { LedgerEventLike, OrderDetails } from './order-facts.js';
import { orderFactsFromLedger } from './order-facts-from-ledger.js';
import { DEFAULT_REWARD_POLICY, type RewardPolicy } from './policy.js';

export const money =
  (currencyCode: string, fractionDigits = 2) =>
  (centAmount: number) => ({
    centAmount,
    currencyCode,
    fractionDigits,
  });
export const eur = money('EUR');
export const T0 = new Date('2025-03-01T10:00:00.000Z');
export const day = (days: number) => new Date(T0.getTime() + days * DAY_MS);
export const event = (type: string, days: number, data: Record<string, unknown> = {}): LedgerEventLike => ({
  type,
  occurredAt: day(days),
  data,
});
export const created = event('order.created', 0, { createdAt: T0.toISOString(), total: eur(11900) });
export const shipped = (days: number) =>
  event('order.shipment-state-changed', days, { shipmentState: 'Shipped' });
export const delivered = (days: number) =>
  event('order.shipment-state-changed', days, { shipmentState: 'Delivered' });
export const orderState = (days: number, state: string) =>
  event('order.state-changed', days, { orderState: state });
export const returned = (
  days: number,
  lineItemId: string,
  quantity: number,
  id = `r-${lineItemId}-${days}`,
) => event('order.return-added', days, { returnInfo: { items: [{ id, quantity, lineItemId }] } });
export const refund = (days: number, centAmount: number, state = 'Success', transactionId = `t${days}`) =>
  event('order.refund-transaction', days, { transactionId, state, amount: eur(centAmount) });

// 100.00 EUR net: two of l1 at 30.00 and one l2 at 40.00 after line discounts; 119.00 EUR paid with tax.
export const DETAILS: OrderDetails = {
  netOrderValue: eur(10000),
  discountAmount: eur(0),
  orderTotal: eur(11900),
  lineItems: [
    { id: 'l1', quantity: 2, value: eur(6000) },
    { id: 'l2', quantity: 1, value: eur(4000) },
  ],
  isNewCustomer: true,
  campaignId: 'c1',
  advocateRewards: [],
};

export function evaluate(
  events: LedgerEventLike[],
  policy: Partial<RewardPolicy>,
  nowDays: number,
  details: Partial<OrderDetails> = {},
): EligibilityResult {
  const facts = orderFactsFromLedger(events, { ...DETAILS, ...details });
  return evaluateEligibility(facts, { ...DEFAULT_REWARD_POLICY, ...policy }, day(nowDays));
}
export const codes = (result: EligibilityResult) =>
  result.status === 'ineligible' ? result.reasons.map((r) => r.code) : [];
