// Whether an order is its shopper's first: Friendbuy's `isNewCustomer` on the purchase, and the eligibility
// rule that rewards new customers only. Judged once, by the purchase report (or its hold); later judgements
// reuse what was reported so the two always agree.
import type { Order } from '@commercetools/platform-sdk';
import { hasEarlierOrder } from '../commercetools/order-access.js';
import { emailHashOf } from '../domain/identity.js';
import type { LedgerEvent } from '../store/ledger.js';
import { hasEarlierOrderByEmail } from '../store/order-history.js';
import { type FlowDeps, orderStream } from './deps.js';

/** An earlier, uncancelled order by the same email on the ledger, else by the same customer in commercetools. */
export async function hasEarlierPurchase(deps: FlowDeps, order: Order): Promise<boolean> {
  const emailHash = emailHashOf(deps.config, order.customerEmail);
  const before = new Date(order.createdAt);
  if (
    emailHash &&
    (await hasEarlierOrderByEmail(deps.db, { emailHash, stream: orderStream(order.id), before }))
  )
    return true;
  return hasEarlierOrder(deps.commercetools, {
    orderId: order.id,
    customerId: order.customerId,
    email: order.customerEmail,
    before: order.createdAt,
  });
}

/** As the purchase report (or its hold) judged it; before either, judged the same way now. */
export async function isNewCustomer(
  deps: FlowDeps,
  order: Order,
  events: readonly LedgerEvent[],
): Promise<boolean> {
  const reported = events.find((e) => e.type === 'purchase.reported' || e.type === 'purchase.held');
  const recorded = reported?.data.isNewCustomer;
  if (typeof recorded === 'boolean') return recorded;
  return !(await hasEarlierPurchase(deps, order));
}
