// Reports a key order status (shipped, delivered, cancelled, returned, refunded) to Friendbuy as a custom event,
// once per order and status: the outbox job is unique per pair, the ledger's `status.reported` fact makes a
// re-run after a crash a no-op, and Friendbuy dedupes on deduplicationId. It is sent only after the order's
// purchase was reported or is known to be withheld.
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { getOrder } from '../commercetools/order-access.js';
import { friendbuyCustomerIdFor } from '../domain/identity.js';
import { mapStatusToCustomEvent, type StatusKey } from '../domain/order-status.js';
import { type OrderTotals, orderTotalPrice } from '../domain/purchase-amount.js';
import type { Logger } from '../logger.js';
import { appendEvent, isRecorded } from '../store/ledger.js';
import { isPurchaseSettled } from '../store/order-history.js';
import { enqueue } from '../store/outbox.js';
import { type FlowDeps, orderStream } from './deps.js';
import { callFriendbuy } from './friendbuy-call.js';
import { defineJob, type HandlerOf, NotYet, newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { orderEmail } from './order-email.js';
import { recordReportSkipped, type SkipReason } from './report-skips.js';

export function createOrderStatusReporter(deps: FlowDeps): HandlerOf<typeof JOB.reportOrderStatus> {
  return async (payload, { job, logger }) => {
    const orderId = payload.orderId;
    const status = payload.status;
    const reportedKey = `status.reported:${orderId}:${status}`;
    if (await isRecorded(deps.db, reportedKey)) return;
    // Friendbuy sees an order's purchase before its statuses, whatever order the messages came in; only this
    // order's job waits (and retries), never the others'.
    if (!(await isPurchaseSettled(deps.db, orderStream(orderId))))
      return new WaitingForPurchase(orderId, status);
    const order = await getOrder(deps.commercetools, orderId);
    if (!order) throw new Error(`order ${orderId} not found in commercetools yet`);
    // Friendbuy custom events need an email: the order's, else its customer's.
    const email = await orderEmail(deps, order);
    const skip = (reason: SkipReason, message: string) =>
      skipStatusReport(deps, { orderId, status, reason, message, correlationId: job.correlationId }, logger);
    if (!email) return skip('noEmail', `order ${orderId} and its customer have no email`);
    const event = mapStatusToCustomEvent(
      status,
      {
        orderId: order.orderNumber ?? order.id,
        commercetoolsOrderId: order.id,
        email,
        customerId: friendbuyCustomerIdFor(
          { customerId: order.customerId, email },
          deps.config.hashKey,
          deps.config.emailRules,
        ),
        amount: payload.refund ?? orderTotalPrice(order as unknown as OrderTotals),
      },
      { events: deps.config.statusEvents.eventTypes, enabled: deps.config.statusEvents.enabled },
    );
    if (!event) return skip('statusNotEnabled', `status ${status} is not in FRIENDBUY_STATUS_EVENTS`);
    const response = await callFriendbuy(() => deps.friendbuy.trackCustomEvent(event));
    const now = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await appendEvent(
        tx,
        {
          stream: orderStream(orderId),
          type: 'status.reported',
          data: { status, eventType: event.eventType, eventId: response.eventId },
          dedupKey: reportedKey,
          correlationId: job.correlationId ?? undefined,
          occurredAt: now,
        },
        now,
      );
      await enqueue(
        tx,
        newJob(JOB.projectOrderFields, {
          dedupKey: `order-fields:${orderId}:${job.id}`,
          payload: { orderId, fields: { [ORDER_FIELDS.lastEvent]: event.eventType } },
          correlationId: job.correlationId ?? undefined,
        }),
        now,
      );
    });
    logger.info({ orderId, status, eventType: event.eventType }, 'order status reported to Friendbuy');
  };
}

/** Not yet: the order's purchase is neither reported nor withheld. */
export class WaitingForPurchase extends NotYet {
  constructor(orderId: string, status: string) {
    super(
      'WaitingForPurchase',
      `status ${status} of order ${orderId} waits until the order's purchase is reported or withheld`,
    );
  }
}

async function skipStatusReport(
  deps: FlowDeps,
  skip: {
    orderId: string;
    status: StatusKey;
    reason: SkipReason;
    message: string;
    correlationId: string | null;
  },
  logger: Logger,
): Promise<void> {
  const { orderId, status, reason, message } = skip;
  logger.warn({ orderId, status, reason }, 'order status not reported to Friendbuy');
  await deps.db.transaction((tx) =>
    recordReportSkipped(
      tx,
      { orderId, report: 'status', status, reason, message, correlationId: skip.correlationId ?? undefined },
      deps.clock.now(),
    ),
  );
}

export const reportOrderStatusJob = defineJob({
  kind: JOB.reportOrderStatus,
  handler: createOrderStatusReporter,
});
