// Intake of commercetools subscription deliveries: record the message under its dedup key (resource id +
// sequence number) and enqueue its processing in one statement, then let the caller acknowledge. Types we do
// not handle are acknowledged and counted, never silently dropped.
import { textProblem, UnstorableError } from '../domain/storable-text.js';
import { countUnhandled } from '../store/inbox.js';
import { MAX_KEY_LENGTH } from '../store/inbox-writer.js';
import { type IntakeDeps, recordOrRefuse } from './intake-deps.js';
import { JOB } from './job-kinds.js';

export const PROCESS_COMMERCETOOLS_MESSAGE = JOB.commercetoolsMessage.name;

/** The commercetools message types the connector acts on (the subscription asks for exactly these). */
export const HANDLED_MESSAGE_TYPES = [
  'OrderCreated',
  // Sent instead of OrderCreated for orders a Recurring Order schedule creates.
  'OrderCreatedFromRecurringOrder',
  'OrderStateChanged',
  'OrderShipmentStateChanged',
  'OrderPaymentStateChanged',
  'ReturnInfoAdded',
  'ReturnInfoSet',
  'PaymentTransactionAdded',
  'PaymentTransactionStateChanged',
  'CustomerCreated',
  // Erases what the connector and Friendbuy hold about the customer (flows/privacy/erase-person.ts).
  'CustomerDeleted',
] as const;

const HANDLED = new Set<string>(HANDLED_MESSAGE_TYPES);

const MAX_RESOURCE_ID_LENGTH = 256;

export type Delivery =
  | {
      kind: 'message';
      type: string;
      resourceTypeId: string;
      resourceId: string;
      dedupKey: string;
      payloadNotIncluded?: boolean;
    }
  | { kind: 'change'; notificationType: string; resourceTypeId: string; resourceId: string; dedupKey: string }
  | { kind: 'subscription-test' };

export type IntakeOutcome = 'recorded' | 'duplicate' | 'unhandled' | 'subscription-test';

/** Fails with a coded error: `BadRequest` for what can never be stored, `StoreUnavailable` (redeliver) else. */
export function receiveCommercetoolsDelivery(
  deps: IntakeDeps,
  delivery: Delivery,
  payload: unknown,
  correlationId: string,
  options: { payloadJson?: string | undefined } = {},
): Promise<IntakeOutcome> {
  return recordOrRefuse('message', () =>
    recordDelivery(deps, delivery, payload, correlationId, options.payloadJson),
  );
}

async function recordDelivery(
  deps: IntakeDeps,
  delivery: Delivery,
  payload: unknown,
  correlationId: string,
  payloadJson: string | undefined,
): Promise<IntakeOutcome> {
  if (delivery.kind === 'subscription-test') return 'subscription-test';
  const now = deps.clock.now();
  const kind = delivery.kind === 'message' ? delivery.type : delivery.notificationType;
  // Refused alone (UnstorableError, a 400) before it can fail a group commit on every redelivery; the payload
  // itself is checked once, by the inbox writer, which every intake route shares.
  const kindProblem = textProblem(`${delivery.resourceTypeId}:${kind}`, MAX_KEY_LENGTH);
  if (kindProblem) throw new UnstorableError({ field: 'type', reason: kindProblem });
  // commercetools ids are UUIDs; the limit keeps the dedup key well inside what its index can hold.
  const idProblem = textProblem(delivery.resourceId, MAX_RESOURCE_ID_LENGTH);
  if (idProblem) throw new UnstorableError({ field: 'resource.id', reason: idProblem });
  if (delivery.kind !== 'message' || !HANDLED.has(delivery.type)) {
    await countUnhandled(deps.db, 'commercetools', `${delivery.resourceTypeId}:${kind}`, now);
    return 'unhandled';
  }
  const { recorded } = await deps.inbox.record(
    {
      source: 'commercetools',
      dedupKey: delivery.dedupKey,
      kind,
      resourceId: delivery.resourceId,
      payload,
      payloadJson,
      correlationId,
      receivedAt: now,
    },
    PROCESS_COMMERCETOOLS_MESSAGE,
  );
  return recorded ? 'recorded' : 'duplicate';
}
