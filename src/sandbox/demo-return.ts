// Returns every item of an order in the sandbox the way a merchant's back office would (one return info, items
// marked Returned), re-reading on version conflicts because the connector writes its own fields meanwhile.
// Tests and the benchmark use it to take an order out of its reward.
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import { type CommercetoolsApi, getOrder } from '../commercetools/order-access.js';
import { updateResourceWithRetry } from '../commercetools/update-with-retry.js';

export async function returnWholeOrder(api: CommercetoolsApi, orderId: string): Promise<Order> {
  return updateResourceWithRetry<Order, OrderUpdateAction>(api.orders(), {
    what: `order ${orderId}`,
    read: () => getOrder(api, orderId),
    buildActions: (current) => [
      {
        action: 'addReturnInfo',
        items: current.lineItems.map((item) => ({
          quantity: item.quantity,
          lineItemId: item.id,
          shipmentState: 'Returned' as const,
        })),
      },
    ],
  });
}
