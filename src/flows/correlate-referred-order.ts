// Puts a referred commercetools order on its advocate's funnel as a purchase, correlated by coupon code,
// attribution id, referral code and the friend's email (advocate-funnel.ts `resolveAdvocate`). Keyed by the
// order id Friendbuy knows, so Friendbuy's own analytics row for the same purchase does not count it twice.
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { discountCodesOf, getOrder } from '../commercetools/order-access.js';
import { hashEmail } from '../domain/identity.js';
import type { JobHandler } from '../jobs/worker.js';
import { findPerson } from '../store/identity-links.js';
import { recordFunnelStep } from './advocate-funnel.js';
import type { FlowDeps } from './deps.js';
import { resolveAdvocate } from './resolve-advocate.js';

export function createReferredOrderCorrelator(deps: FlowDeps): JobHandler {
  return async (payload, { job, logger }) => {
    const orderId = String(payload.orderId);
    const order = await getOrder(deps.commercetools, orderId);
    // The message said the order exists; commercetools reads are eventually consistent, so try again.
    if (!order) throw new Error(`order ${orderId} not found in commercetools yet`);
    const fields = order.custom?.fields ?? {};
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
    const emailHash = order.customerEmail
      ? hashEmail(order.customerEmail, deps.config.hashKey, deps.config.emailRules)
      : undefined;
    const friendPersonId = await findPerson(deps.db, [
      ...(order.customerId ? [{ kind: 'customerId' as const, value: order.customerId }] : []),
      ...(emailHash ? [{ kind: 'email' as const, value: emailHash }] : []),
    ]);
    const couponCodes = await discountCodesOf(deps.commercetools, order);
    const clues = {
      referralCode: text(fields[ORDER_FIELDS.referralCode]),
      attributionId: text(fields[ORDER_FIELDS.attributionId]),
      couponCodes,
      friendPersonId,
    };
    const resolved = await resolveAdvocate(deps.db, clues);
    if (!resolved) {
      logger.debug({ orderId }, 'order names no known advocate; not on any funnel');
      return;
    }
    const friendbuyOrderId = order.orderNumber ?? order.id;
    const now = deps.clock.now();
    await deps.db.transaction((tx) =>
      recordFunnelStep(
        tx,
        resolved.advocate,
        {
          step: 'purchase',
          naturalKey: friendbuyOrderId,
          data: {
            source: 'commercetools',
            orderId: order.id,
            friendbuyOrderId,
            friendCustomerId: order.customerId,
            friendEmailHash: emailHash,
            total: order.totalPrice,
            matchedBy: resolved.matchedBy,
            referralCode: clues.referralCode,
            attributionId: clues.attributionId,
            couponCodes,
          },
          occurredAt: new Date(order.createdAt),
          correlationId: job.correlationId ?? undefined,
        },
        now,
      ),
    );
  };
}
