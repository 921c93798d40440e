// An erased person's orders stay in commercetools (they are the merchant's records), but the shopper
// identifiers the connector put on them go: IP address, user agent, device hash and attribution id. Reward
// state, fraud verdict and report status stay: they describe the order, not the shopper.
import { ORDER_FIELDS } from '../../commercetools/custom-fields.js';
import { getOrder } from '../../commercetools/order-access.js';
import type { FlowDeps } from '../deps.js';
import { defineJob, type HandlerOf } from '../job.js';
import { JOB } from '../job-kinds.js';
import { projectOrderFields } from '../project-order-fields.js';

/** The order fields that describe the shopper rather than the order; `null` removes a field. */
export const SHOPPER_ORDER_FIELDS = {
  [ORDER_FIELDS.ipAddress]: null,
  [ORDER_FIELDS.userAgent]: null,
  [ORDER_FIELDS.deviceHash]: null,
  [ORDER_FIELDS.attributionId]: null,
} as const;

function createErasedOrderFieldsClearer(deps: FlowDeps): HandlerOf<typeof JOB.clearErasedOrderFields> {
  return async ({ orderId, erasureId }, { logger }) => {
    if (!(await getOrder(deps.commercetools, orderId))) {
      logger.info(
        { orderId, erasureId },
        'erased person’s order is gone from commercetools; nothing to clear',
      );
      return;
    }
    await projectOrderFields(deps, orderId, SHOPPER_ORDER_FIELDS);
  };
}

export const clearErasedOrderFieldsJob = defineJob({
  kind: JOB.clearErasedOrderFields,
  handler: createErasedOrderFieldsClearer,
});
