// Keeps the connector's custom fields on a commercetools order current. Version conflicts re-read and
// re-decide; values already in place produce no update, so the messages our own write causes change nothing.
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { getOrder } from '../commercetools/order-access.js';
import { updateWithRetry } from '../commercetools/update-with-retry.js';
import type { JobHandler } from '../jobs/worker.js';
import type { FlowDeps } from './deps.js';

export function createOrderFieldsProjector(deps: FlowDeps): JobHandler {
  return async (payload, { logger }) => {
    const orderId = String(payload.orderId);
    const fields = payload.fields as Record<string, unknown>;
    const api = deps.commercetools;
    const updated = await updateWithRetry<Order, OrderUpdateAction>({
      load: async () => {
        const order = await getOrder(api, orderId);
        if (!order) throw new Error(`order ${orderId} not found in commercetools`);
        return order;
      },
      buildActions: (order) =>
        customFieldActions(
          order,
          deps.customTypes.order.key,
          deps.customTypes.order.id,
          fields,
        ) as OrderUpdateAction[],
      apply: async (order, actions) =>
        (
          await api
            .orders()
            .withId({ ID: order.id })
            .post({ body: { version: order.version, actions } })
            .execute()
        ).body,
    });
    logger.debug({ orderId, version: updated.version }, 'order fields projected');
  };
}
