// Puts a referred commercetools order on its advocate's funnel as a purchase, correlated by coupon code,
// attribution id, referral code and the friend's email (advocate-funnel.ts `resolveAdvocate`). Keyed by the
// order id Friendbuy knows, so Friendbuy's own analytics row for the same purchase does not count it twice.
import { getOrder } from '../commercetools/order-access.js';
import { recordFunnelStep } from './advocate-funnel.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { findOrderReferral } from './order-advocate.js';

export function createReferredOrderCorrelator(deps: FlowDeps): HandlerOf<typeof JOB.correlateOrder> {
  return async (payload, { job, logger }) => {
    const orderId = payload.orderId;
    const order = await getOrder(deps.commercetools, orderId);
    // The message said the order exists; commercetools reads are eventually consistent, so try again.
    if (!order) throw new Error(`order ${orderId} not found in commercetools yet`);
    const referral = await findOrderReferral(deps, order);
    if (!referral) {
      logger.debug({ orderId }, 'order names no known advocate; not on any funnel');
      return;
    }
    const { referralCode, attributionId, couponCodes, friendEmailHash: emailHash } = referral;
    const friendbuyOrderId = order.orderNumber ?? order.id;
    const now = deps.clock.now();
    await deps.db.transaction((tx) =>
      recordFunnelStep(
        tx,
        referral.advocate,
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
            matchedBy: referral.matchedBy,
            referralCode,
            attributionId,
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

export const correlateOrderJob = defineJob({
  kind: JOB.correlateOrder,
  handler: createReferredOrderCorrelator,
});
