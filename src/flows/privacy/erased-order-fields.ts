// An erased person's orders and carts stay in commercetools (they are the merchant's records), but the shopper
// identifiers the storefront kit and the connector put on them go: IP address, user agent, device hash and
// attribution id. Reward state, fraud verdict and report status stay: they describe the order, not the shopper.
import type { Cart, CartUpdateAction } from '@commercetools/platform-sdk';
import { forEachCartPage, getCart } from '../../commercetools/cart-access.js';
import { customFieldActions } from '../../commercetools/custom-field-actions.js';
import { ORDER_FIELDS } from '../../commercetools/custom-fields.js';
import { getOrder } from '../../commercetools/order-access.js';
import { updateResourceWithRetry } from '../../commercetools/update-with-retry.js';
import { predicateString } from '../../domain/code-predicates.js';
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

/** Carts of the customer id or email the erasure named (a deleted customer's carts outlive it). */
function createErasedCartFieldsClearer(deps: FlowDeps): HandlerOf<typeof JOB.clearErasedCartFields> {
  return async ({ erasureId, customerId, email }, { logger }) => {
    const predicates = [
      customerId ? `customerId = ${predicateString(customerId)}` : undefined,
      email ? `customerEmail = ${predicateString(email)}` : undefined,
    ].filter((p): p is string => p !== undefined);
    if (predicates.length === 0) return; // confirmed by Friendbuy and blanked before this ran
    const carts = await forEachCartPage(deps.commercetools, predicates.join(' or '), async (page) => {
      for (const cart of page) {
        await updateResourceWithRetry<Cart, CartUpdateAction>(deps.commercetools.carts(), {
          what: `cart ${cart.id}`,
          read: () => getCart(deps.commercetools, cart.id),
          buildActions: (current) =>
            current.custom?.type.id === deps.customTypes.order.id
              ? (customFieldActions(
                  current,
                  deps.customTypes.order.key,
                  deps.customTypes.order.id,
                  SHOPPER_ORDER_FIELDS,
                ) as CartUpdateAction[])
              : [],
        });
      }
    });
    logger.info({ erasureId, carts }, 'shopper identifiers removed from the erased person’s carts');
  };
}

export const clearErasedCartFieldsJob = defineJob({
  kind: JOB.clearErasedCartFields,
  handler: createErasedCartFieldsClearer,
});

export const clearErasedOrderFieldsJob = defineJob({
  kind: JOB.clearErasedOrderFields,
  handler: createErasedOrderFieldsClearer,
});
