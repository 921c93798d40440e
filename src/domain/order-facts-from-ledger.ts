// Folds an order's ledger stream (the facts process-commercetools-message.ts records) into OrderFacts. The
// ledger holds what commercetools said, in whatever order it arrived; the fold sorts by when it happened and
// reads each event's data defensively, so one odd event cannot stop every later decision on the order.
import { fraudStandingOf } from './fraud/standing.js';
import type { Money } from './money.js';
import type {
  LedgerEventLike,
  LedgerOrderFacts,
  OrderDetails,
  OrderFacts,
  ReachedStates,
} from './order-facts.js';

const STATE_FIELDS = {
  'order.state-changed': 'orderState',
  'order.shipment-state-changed': 'shipmentState',
  'order.payment-state-changed': 'paymentState',
} as const;

/**
 * The order's facts: its ledger events folded, plus the details the flow supplies.
 * @example
 * orderFactsFromLedger(await readStream(db, orderStream(id)), { netOrderValue, discountAmount, orderTotal, … })
 */
export function orderFactsFromLedger(events: readonly LedgerEventLike[], details: OrderDetails): OrderFacts {
  const facts: LedgerOrderFacts = {
    reached: { orderState: {}, shipmentState: {}, paymentState: {} },
    returns: [],
    refunds: [],
  };
  const sorted = events
    .map((event) => ({ ...event, at: new Date(event.occurredAt), data: event.data ?? {} }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const { type, data, at } of sorted) {
    if (type === 'order.created') facts.placedAt = dateOf(data.createdAt) ?? at;
    else if (type === 'purchase.reported') facts.purchaseReportedAt ??= at;
    else if (type === 'order.return-added') addReturns(facts, [data.returnInfo], at, false);
    else if (type === 'order.return-set') addReturns(facts, listOf(data.returnInfo), at, true);
    else if (type === 'order.refund-transaction') addRefund(facts, data, at);
    else if (Object.hasOwn(STATE_FIELDS, type))
      recordState(facts, STATE_FIELDS[type as keyof typeof STATE_FIELDS], data, at);
  }
  return { ...facts, fraud: fraudStandingOf(events), ...details };
}

function recordState(
  facts: LedgerOrderFacts,
  field: keyof ReachedStates,
  data: Record<string, unknown>,
  at: Date,
) {
  const value = data[field];
  if (typeof value !== 'string') return;
  const reached = facts.reached[field] as Record<string, Date>;
  reached[value] ??= at;
  if (field === 'orderState') facts.cancelledAt = value === 'Cancelled' ? at : undefined;
}

/** `return-set` replaces every return of the order; items seen before keep the time we first saw them. */
function addReturns(facts: LedgerOrderFacts, infos: unknown[], at: Date, replace: boolean) {
  const known = new Map(facts.returns.map((item) => [item.returnItemId, item]));
  if (replace) facts.returns = [];
  const kept = new Set(facts.returns.map((item) => item.returnItemId));
  for (const item of infos.flatMap((info) => listOf(recordOf(info).items).map(recordOf))) {
    const id = item.id;
    if (typeof id !== 'string' || kept.has(id) || typeof item.quantity !== 'number') continue;
    const lineItemId = item.lineItemId ?? item.customLineItemId;
    facts.returns.push({
      returnItemId: id,
      lineItemId: typeof lineItemId === 'string' ? lineItemId : undefined,
      quantity: item.quantity,
      at: known.get(id)?.at ?? at,
    });
    kept.add(id);
  }
}

// A refund moves Initial → Pending → Success (one fact each); only money that reached the customer counts.
function addRefund(facts: LedgerOrderFacts, data: Record<string, unknown>, at: Date) {
  const amount = moneyOf(data.amount);
  const transactionId = data.transactionId;
  if (data.state !== 'Success' || !amount || typeof transactionId !== 'string') return;
  if (facts.refunds.some((refund) => refund.transactionId === transactionId)) return;
  facts.refunds.push({ transactionId, amount, at });
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function dateOf(value: unknown): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function moneyOf(value: unknown): Money | undefined {
  const { centAmount, currencyCode, fractionDigits } = recordOf(value);
  if (!Number.isSafeInteger(centAmount) || typeof currencyCode !== 'string') return undefined;
  const digits = typeof fractionDigits === 'number' ? fractionDigits : 2;
  return { centAmount: centAmount as number, currencyCode, fractionDigits: digits };
}
