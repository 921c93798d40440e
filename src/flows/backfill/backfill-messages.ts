// The messages a backfill rebuilds from resources commercetools holds: an OrderCreated per order and a
// CustomerCreated per customer, under the dedup key the delivered message has (resource id + sequence number 1,
// the first message of every resource), so an order the subscription already delivered is a duplicate, and a
// delivery arriving after the backfill is one too. They then take the delivered messages' path.
import type { Customer, Order } from '@commercetools/platform-sdk';
import type { InboundRecord } from '../../store/inbox.js';
import { PROCESS_COMMERCETOOLS_MESSAGE } from '../receive-commercetools-delivery.js';

export interface BackfillMark {
  runId: string;
  /** Whether the order is reported to Friendbuy, or recorded for history only. */
  report: boolean;
}

export function orderCreatedRecord(order: Order, mark: BackfillMark, receivedAt: Date): InboundRecord {
  return record('order', order.id, 'OrderCreated', { order, createdAt: order.createdAt }, mark, receivedAt);
}

export function customerCreatedRecord(
  customer: Customer,
  mark: BackfillMark,
  receivedAt: Date,
): InboundRecord {
  return record(
    'customer',
    customer.id,
    'CustomerCreated',
    { customer, createdAt: customer.createdAt },
    mark,
    receivedAt,
  );
}

function record(
  typeId: 'order' | 'customer',
  id: string,
  type: 'OrderCreated' | 'CustomerCreated',
  body: Record<string, unknown> & { createdAt: string },
  mark: BackfillMark,
  receivedAt: Date,
): InboundRecord {
  const dedupKey = `${id}:1`;
  return {
    message: {
      source: 'commercetools',
      dedupKey,
      kind: type,
      resourceId: id,
      payload: {
        notificationType: 'Message',
        id: `backfill:${typeId}:${id}`,
        type,
        resource: { typeId, id },
        sequenceNumber: 1,
        lastModifiedAt: body.createdAt,
        ...body,
        backfill: mark,
      },
      correlationId: `backfill-${mark.runId}`,
      receivedAt,
    },
    processWith: PROCESS_COMMERCETOOLS_MESSAGE,
  };
}
