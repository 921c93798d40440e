// Keeps the connector's custom fields on a commercetools order current. Version conflicts re-read and
// re-decide; values already in place produce no update, so the messages our own write causes change nothing.
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { getOrder } from '../commercetools/order-access.js';
import { updateResourceWithRetry } from '../commercetools/update-with-retry.js';
import { readStream } from '../store/ledger.js';
import { type FlowDeps, orderStream } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';

export function createOrderFieldsProjector(deps: FlowDeps): HandlerOf<typeof JOB.projectOrderFields> {
  return async (payload, { logger }) => {
    const orderId = payload.orderId;
    const fields = await withoutStaleHold(deps, orderId, payload.fields);
    const version = await projectOrderFields(deps, orderId, fields);
    logger.debug({ orderId, version }, 'order fields projected');
  };
}

/** Writes the fields onto the order (only those that differ); returns the order's version after it. */
export async function projectOrderFields(
  deps: Pick<FlowDeps, 'commercetools' | 'customTypes'>,
  orderId: string,
  fields: Record<string, unknown>,
): Promise<number> {
  const api = deps.commercetools;
  const updated = await updateResourceWithRetry<Order, OrderUpdateAction>(api.orders(), {
    what: `order ${orderId}`,
    read: () => getOrder(api, orderId),
    buildActions: (order) =>
      customFieldActions(
        order,
        deps.customTypes.order.key,
        deps.customTypes.order.id,
        fields,
      ) as OrderUpdateAction[],
  });
  return updated.version;
}

/**
 * `held` is the one report status that a later one replaces: the hold's projection and the release's (or the
 * withholding's) are separate jobs that may run in either order, so a hold already settled is not written.
 */
async function withoutStaleHold(
  deps: FlowDeps,
  orderId: string,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (fields[ORDER_FIELDS.purchaseReportStatus] !== 'held') return fields;
  const events = await readStream(deps.db, orderStream(orderId));
  if (!events.some((e) => e.type === 'purchase.reported' || e.type === 'purchase.withheld')) return fields;
  const { [ORDER_FIELDS.purchaseReportStatus]: _settled, ...rest } = fields;
  return rest;
}

export const projectOrderFieldsJob = defineJob({
  kind: JOB.projectOrderFields,
  handler: createOrderFieldsProjector,
});
