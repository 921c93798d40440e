// Processes one recorded commercetools message: records it as a fact on the order's (or customer's) ledger
// stream and enqueues the effects it calls for. Facts and effects are written in one transaction and keyed
// by the message's dedup key, so processing a message twice changes nothing.
import { createHash } from 'node:crypto';
import {
  type HandledMessage,
  handledMessageSchema,
  type Transaction,
} from '../commercetools/message-schemas.js';
import { findOrderByPayment, getPayment } from '../commercetools/order-access.js';
import { emailHashOf } from '../domain/identity.js';
import { type OrderStatusFact, statusKeyFor } from '../domain/order-status.js';
import type { Queryable } from '../store/db.js';
import { readInbound } from '../store/inbox.js';
import { appendEvent } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { discountCodeIdsOf, enqueueCodeEffects } from './code-effects.js';
import { completeMessage } from './complete-commercetools-message.js';
import { customerStream, type FlowDeps, orderStream } from './deps.js';
import { defineJob, type HandlerOf, type JobContext, newJob, PermanentJobError } from './job.js';
import { JOB } from './job-kinds.js';
import { observeCommercetoolsIdentity } from './observe-commercetools-identity.js';
import { erasePerson } from './privacy/erase-person.js';
import { enqueueEvaluationForOrderFact } from './queue-eligibility-evaluation.js';
import { recordReportSkipped } from './report-skips.js';

interface Fact {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  dedupKey: string;
  /** The status this fact announces to Friendbuy, if any. */
  status?: OrderStatusFact | undefined;
  orderId?: string | undefined;
  customerId?: string | undefined;
  /** Discount codes an order used (not stored in the ledger; code effects only run when there are some). */
  discountCodeIds?: string[] | undefined;
  /** An order a backfill found outside its reporting window: history for later judgements, never reported. */
  historyOnly?: boolean | undefined;
}

export function createMessageProcessor(deps: FlowDeps): HandlerOf<typeof JOB.commercetoolsMessage> {
  return async (payload, context) => {
    const row = await readInbound(deps.db, payload.inboxId);
    if (!row) throw new PermanentJobError(`inbox message ${payload.inboxId} not found`);
    const parsed = handledMessageSchema.safeParse(await completeMessage(deps, row.payload));
    if (!parsed.success) {
      throw new PermanentJobError(
        `message ${row.dedupKey} (${row.kind}) is malformed: ${parsed.error.message}`,
      );
    }
    if (parsed.data.type === 'CustomerDeleted') {
      await erasePerson(deps, {
        customerId: parsed.data.resource.id,
        email: parsed.data.email,
        requestedBy: 'commercetools:CustomerDeleted',
        correlationId: row.correlationId,
        erasureId: `ct-${createHash('sha256').update(row.dedupKey).digest('hex').slice(0, 32)}`,
      });
      return;
    }
    const facts = await factsFor(deps, parsed.data, `ct:${row.dedupKey}`, context);
    const occurredAt = new Date(parsed.data.createdAt);
    await deps.db.transaction(async (tx) => {
      for (const fact of facts) {
        const recorded = await appendEvent(
          tx,
          { ...fact, correlationId: row.correlationId, occurredAt },
          deps.clock.now(),
        );
        if (recorded) await enqueueEffects(deps, tx, fact, row.correlationId);
      }
      // Identity links, the "who has ordered" projection, sign-ups and funnels (idempotent, after the facts).
      await observeCommercetoolsIdentity(deps, tx, parsed.data, row.correlationId);
    });
  };
}

async function enqueueEffects(
  deps: FlowDeps,
  tx: Queryable,
  fact: Fact,
  correlationId: string,
): Promise<void> {
  const now = deps.clock.now();
  if (fact.type === 'order.created' && fact.orderId && fact.historyOnly) {
    // Counts for new-customer checks, fraud lookups and caps from its facts; no purchase, no reward evaluation.
    await recordReportSkipped(
      tx,
      {
        orderId: fact.orderId,
        report: 'purchase',
        reason: 'historicalOrder',
        message: `order ${fact.orderId} was found by a backfill outside its reporting window: recorded for history`,
        correlationId,
      },
      now,
    );
    await enqueueCodeEffects(deps, tx, fact, correlationId);
    return;
  }
  if (fact.type === 'order.created' && fact.orderId) {
    await enqueue(
      tx,
      newJob(JOB.reportPurchase, {
        dedupKey: `purchase:${fact.orderId}`,
        payload: { orderId: fact.orderId },
        correlationId,
      }),
      now,
    );
  }
  const status = fact.status && statusKeyFor(fact.status);
  if (status && fact.orderId && deps.config.statusEvents.enabled.includes(status)) {
    await enqueue(
      tx,
      newJob(JOB.reportOrderStatus, {
        dedupKey: `order-status:${fact.orderId}:${status}`,
        payload: { orderId: fact.orderId, status, ...refundOf(fact) },
        correlationId,
      }),
      now,
    );
  }
  await enqueueCodeEffects(deps, tx, fact, correlationId);
  await enqueueEvaluationForOrderFact(deps, tx, fact, correlationId);
}

function refundOf(fact: Fact): Record<string, unknown> {
  return fact.status?.kind === 'refundTransaction' ? { refund: fact.status.amount } : {};
}

async function factsFor(
  deps: FlowDeps,
  message: HandledMessage,
  dedupKey: string,
  context: JobContext,
): Promise<Fact[]> {
  const orderFact = (type: string, data: Record<string, unknown>, status?: OrderStatusFact): Fact[] => [
    { stream: orderStream(message.resource.id), type, data, dedupKey, status, orderId: message.resource.id },
  ];
  switch (message.type) {
    case 'OrderCreated':
    case 'OrderCreatedFromRecurringOrder': {
      // A recurring order's later orders come without OrderCreated; the ledger notes where they came from.
      const recurring =
        message.type === 'OrderCreatedFromRecurringOrder'
          ? { fromRecurringOrder: true, recurringOrderId: message.recurringOrderRef?.id }
          : {};
      // A backfill's order says how it was found (`backfill`), and whether it is reported at all.
      const backfill = message.backfill ? { backfill: message.backfill.report ? 'report' : 'history' } : {};
      const data = { ...orderCreatedData(deps, message.order), ...recurring, ...backfill };
      return orderFact('order.created', data).map((fact) => ({
        ...fact,
        discountCodeIds: discountCodeIdsOf(message.order),
        historyOnly: message.backfill?.report === false,
      }));
    }
    case 'OrderStateChanged':
      return orderFact(
        'order.state-changed',
        { orderState: message.orderState, oldOrderState: message.oldOrderState },
        { kind: 'orderState', value: message.orderState as never },
      );
    case 'OrderShipmentStateChanged':
      return orderFact(
        'order.shipment-state-changed',
        { shipmentState: message.shipmentState, oldShipmentState: message.oldShipmentState },
        { kind: 'shipmentState', value: message.shipmentState as never },
      );
    case 'OrderPaymentStateChanged':
      return orderFact('order.payment-state-changed', {
        paymentState: message.paymentState,
        oldPaymentState: message.oldPaymentState,
      });
    case 'ReturnInfoAdded':
      return orderFact(
        'order.return-added',
        { returnInfo: message.returnInfo },
        {
          kind: 'returned',
          returnInfo: message.returnInfo,
        },
      );
    case 'ReturnInfoSet': {
      const items = (message.returnInfo ?? []).flatMap((info) => info.items);
      return orderFact(
        'order.return-set',
        { returnInfo: message.returnInfo ?? [] },
        {
          kind: 'returned',
          returnInfo: { items },
        },
      );
    }
    case 'PaymentTransactionAdded':
      return refundFacts(deps, message.resource.id, message.transaction, context);
    case 'PaymentTransactionStateChanged': {
      const payment = await getPayment(deps.commercetools, message.resource.id);
      const transaction = payment?.transactions.find((t) => t.id === message.transactionId);
      if (!transaction) return [];
      // The message says which state the transaction reached; the payment may have moved on since.
      const reached = { ...transaction, state: message.state } as unknown as Transaction;
      return refundFacts(deps, message.resource.id, reached, context);
    }
    case 'CustomerDeleted':
      return []; // erased before any fact is recorded (createMessageProcessor)
    case 'CustomerCreated':
      return [
        {
          stream: customerStream(message.customer.id),
          type: 'customer.created',
          data: {
            emailHash: emailHashOf(deps.config, message.customer.email),
            customerNumber: message.customer.customerNumber,
          },
          dedupKey,
          customerId: message.customer.id,
        },
      ];
  }
}

async function refundFacts(
  deps: FlowDeps,
  paymentId: string,
  transaction: Transaction,
  context: JobContext,
): Promise<Fact[]> {
  if (transaction.type !== 'Refund') return [];
  const order = await findOrderByPayment(deps.commercetools, paymentId);
  if (!order) {
    // Payments can exist before their order; the broker will not redeliver an acknowledged message, so a
    // retry of this job is what gives the order time to appear.
    context.logger.warn({ paymentId }, 'refund on a payment no order references yet; will retry');
    throw new Error(`no order references payment ${paymentId} yet`);
  }
  const amount = {
    centAmount: transaction.amount.centAmount,
    currencyCode: transaction.amount.currencyCode,
    fractionDigits: transaction.amount.fractionDigits ?? 2,
  };
  return [
    {
      stream: orderStream(order.id),
      type: 'order.refund-transaction',
      data: { paymentId, transactionId: transaction.id, state: transaction.state, amount },
      // The same transaction moves Initial → Pending → Success: one fact per state it reaches.
      dedupKey: `refund:${transaction.id}:${transaction.state}`,
      status: { kind: 'refundTransaction', state: transaction.state as never, amount },
      orderId: order.id,
    },
  ];
}

function orderCreatedData(deps: FlowDeps, order: Record<string, unknown>): Record<string, unknown> {
  const total = order.totalPrice as
    | { centAmount?: number; currencyCode?: string; fractionDigits?: number }
    | undefined;
  return {
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    emailHash: emailHashOf(deps.config, order.customerEmail),
    storeKey: (order.store as { key?: string } | undefined)?.key,
    total,
    createdAt: order.createdAt,
  };
}

export const commercetoolsMessageJob = defineJob({
  kind: JOB.commercetoolsMessage,
  handler: createMessageProcessor,
});
