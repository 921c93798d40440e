// A message delivered without its payload (`payloadNotIncluded`: too large for the destination, e.g. an order
// with many lines) is completed before processing: the stored message by id when the project keeps messages,
// otherwise rebuilt from the resource it announces. A failed read throws, so the job retries through the outbox.
import { getCustomer } from '../commercetools/customer-access.js';
import { getStoredMessage } from '../commercetools/message-access.js';
import { getOrder } from '../commercetools/order-access.js';
import type { FlowDeps } from './deps.js';
import { PermanentJobError } from './job.js';

interface DeliveredMessage {
  id?: unknown;
  type?: unknown;
  resource?: { typeId?: unknown; id?: unknown };
  payloadNotIncluded?: { payloadType?: unknown; reason?: unknown };
}

// The messages whose body is the resource itself, so a read of the resource gives the whole message.
const BODY_FROM_RESOURCE: Record<string, { typeId: string; field: string }> = {
  OrderCreated: { typeId: 'order', field: 'order' },
  OrderCreatedFromRecurringOrder: { typeId: 'order', field: 'order' },
  CustomerCreated: { typeId: 'customer', field: 'customer' },
};

/**
 * The message with its payload: as delivered when it came whole, else completed.
 * @example const message = await completeMessage(deps, row.payload); // then parse it as usual
 */
export async function completeMessage(deps: FlowDeps, payload: unknown): Promise<unknown> {
  const delivered = payload as DeliveredMessage;
  if (!delivered?.payloadNotIncluded) return payload;
  const type = String(delivered.type ?? delivered.payloadNotIncluded.payloadType);
  const messageId = String(delivered.id);
  const stored = await getStoredMessage(deps.commercetools, messageId);
  if (stored) {
    deps.logger.info({ messageId, type }, 'message delivered without payload: read from the Messages API');
    return stored;
  }
  const source = BODY_FROM_RESOURCE[type];
  const resourceId = String(delivered.resource?.id);
  if (!source || delivered.resource?.typeId !== source.typeId) {
    // Only large bodies are left out, and every other message we handle is small; if one ever is, an operator
    // can replay this job once message querying is on.
    throw new PermanentJobError(
      `${type} message ${messageId} came without its payload and commercetools does not keep it; enable ` +
        'message querying (changeMessagesConfiguration) and the view_messages scope, then retry this job',
    );
  }
  const resource =
    source.typeId === 'order'
      ? await getOrder(deps.commercetools, resourceId)
      : await getCustomer(deps.commercetools, resourceId);
  // Reads are eventually consistent: a resource announced by a message appears shortly; the job retries.
  if (!resource) throw new Error(`${source.typeId} ${resourceId} not found in commercetools yet`);
  deps.logger.info(
    { messageId, type, resourceId },
    'message delivered without payload: rebuilt from the resource',
  );
  const { payloadNotIncluded: _omitted, ...envelope } = delivered as Record<string, unknown>;
  const extra =
    type === 'OrderCreatedFromRecurringOrder'
      ? { recurringOrderRef: (resource as { recurringOrder?: unknown }).recurringOrder }
      : {};
  return { ...envelope, type, [source.field]: resource, ...extra };
}
