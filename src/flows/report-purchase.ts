// Reports a commercetools order to Friendbuy as a purchase (POST /v1/event/purchase), at most once per order
// as far as the connector can know (docs/guarantees.md): the outbox job is unique per order, the ledger's
// `purchase.reported` fact makes a re-run a no-op, and every call is on the ledger before it is made, so an
// ambiguous one is looked for in Friendbuy before it is sent again (purchase-attempts.ts).

import type { Order } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { discountCodesOf, getOrder } from '../commercetools/order-access.js';
import { findCampaign } from '../domain/campaign.js';
import { type FriendbuyPurchase, mapOrderToPurchase, type OrderForPurchase } from '../domain/purchase.js';
import { appendEvent, type LedgerEvent, readStream } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { type FlowDeps, orderStream } from './deps.js';
import { callFriendbuy } from './friendbuy-call.js';
import { holdPurchaseUntilEligible } from './hold-purchase.js';
import { defineJob, type HandlerOf, newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { hasEarlierPurchase } from './new-customer.js';
import { orderEmail } from './order-email.js';
import {
  AwaitingPurchaseEvidence,
  decideResend,
  purchaseAttemptsOf,
  recordPurchaseAttempt,
  recordPurchaseAttemptFailure,
} from './purchase-attempts.js';
import { recordReportSkipped } from './report-skips.js';

export function createPurchaseReporter(deps: FlowDeps): HandlerOf<typeof JOB.reportPurchase> {
  return async (payload, { job, logger }) => {
    const orderId = payload.orderId;
    const stream = orderStream(orderId);
    // One read of the order's stream: whether it was reported, whether it came from a recurring order, and the
    // calls already made for it.
    const events = await readStream(deps.db, stream);
    if (events.some((event) => event.type === 'purchase.reported')) return;
    const found = await getOrder(deps.commercetools, orderId);
    if (!found) {
      // The message said the order exists; commercetools reads are eventually consistent, so try again.
      throw new Error(`order ${orderId} not found in commercetools yet`);
    }
    // An order may name its customer without an email; Friendbuy matches people by email, so use theirs.
    const email = await orderEmail(deps, found);
    const order = email === found.customerEmail ? found : { ...found, customerEmail: email };
    const recurring = recurringOrderOf(events, order);
    const mapping = mapOrderToPurchase(order as unknown as OrderForPurchase, {
      amountBasis: deps.config.purchase.amountBasis,
      merchandise: deps.config.purchase.merchandise,
      couponCodes: await discountCodesOf(deps.commercetools, order),
      isNewCustomer: !(await hasEarlierPurchase(deps, order)),
      hashKey: deps.config.hashKey,
      emailRules: deps.config.emailRules,
      fieldNames: ORDER_FIELDS,
      recurring,
    });
    const now = () => deps.clock.now();
    const skipRecurring = recurring !== undefined && recurringOrdersFor(deps, order) === 'skip';
    if (!mapping.ok || skipRecurring) {
      const skip = mapping.ok
        ? {
            reason: 'recurringOrder' as const,
            message: `order ${orderId} comes from a recurring order, which its campaign does not report`,
          }
        : mapping;
      logger.warn({ orderId, reason: skip.reason }, 'order not reported to Friendbuy as a purchase');
      await deps.db.transaction(async (tx) => {
        await recordReportSkipped(
          tx,
          {
            orderId,
            report: 'purchase',
            reason: skip.reason,
            message: skip.message,
            correlationId: job.correlationId ?? undefined,
          },
          now(),
        );
        await enqueueOrderFields(deps, tx, orderId, { [ORDER_FIELDS.purchaseReportStatus]: 'skipped' }, job);
      });
      return;
    }
    const { purchase, amountMinor } = mapping;
    const held = { friendbuyOrderId: purchase.orderId, isNewCustomer: purchase.isNewCustomer };
    if (await holdPurchaseUntilEligible(deps, order, held, job.correlationId ?? undefined)) return;
    const correlationId = job.correlationId ?? undefined;
    const decision = await decideResend(deps, purchaseAttemptsOf(events), purchase.orderId);
    if (decision.kind === 'wait') return new AwaitingPurchaseEvidence(orderId, decision);
    let eventId: string | undefined;
    if (decision.kind === 'send') {
      await recordPurchaseAttempt(deps, orderId, decision.attempt, correlationId);
      const response = await callFriendbuy(() =>
        deps.friendbuy.trackPurchase(purchase).catch(async (error: unknown) => {
          await recordPurchaseAttemptFailure(deps, orderId, decision.attempt, error, correlationId);
          throw error;
        }),
      );
      eventId = response.eventId;
    }
    // Found in Friendbuy's analytics after an ambiguous call: reported, without its event id.
    const evidence = decision.kind === 'found' ? { foundIn: 'analytics' } : {};
    await deps.db.transaction(async (tx) => {
      await appendEvent(
        tx,
        {
          stream,
          type: 'purchase.reported',
          data: { eventId, amount: amountMinor, ...attributionOf(purchase), ...evidence },
          dedupKey: `purchase.reported:${orderId}`,
          correlationId,
          occurredAt: now(),
        },
        now(),
      );
      await enqueueOrderFields(
        deps,
        tx,
        orderId,
        {
          [ORDER_FIELDS.purchaseReportStatus]: 'reported',
          ...(eventId ? { [ORDER_FIELDS.purchaseEventId]: eventId } : {}),
        },
        job,
      );
    });
    logger.info({ orderId, eventId, ...evidence }, 'purchase reported to Friendbuy');
    if (!purchase.referralCode && !purchase.attributionId && !purchase.couponCode)
      logger.info(
        { orderId, reason: 'no-referral-clue' },
        'no reward expected: the order carries no referral code, attribution id or coupon for Friendbuy to attribute',
      );
  };
}

/**
 * The recurring order an order came from: commercetools sets `recurringOrder` and origin RecurringOrder on it,
 * and announced it with OrderCreatedFromRecurringOrder (noted on the ledger's `order.created`).
 */
function recurringOrderOf(
  events: readonly LedgerEvent[],
  order: Order,
): { recurringOrderId?: string | undefined } | undefined {
  const announced = events.find(
    (event) => event.type === 'order.created' && event.data.fromRecurringOrder === true,
  );
  if (!announced && !order.recurringOrder && order.origin !== 'RecurringOrder') return undefined;
  const announcedId = announced?.data.recurringOrderId;
  return {
    recurringOrderId: order.recurringOrder?.id ?? (typeof announcedId === 'string' ? announcedId : undefined),
  };
}

/** What the order's campaign does with recurring orders; without a campaign, they are purchases. */
function recurringOrdersFor(deps: FlowDeps, order: Order): 'purchase' | 'skip' {
  const campaign = findCampaign(deps.campaigns, {
    storeKey: order.store?.key,
    currency: order.totalPrice.currencyCode,
  });
  return campaign?.recurringOrders ?? 'purchase';
}

/** What the ledger keeps of a report: enough to audit attribution, nothing personal. */
function attributionOf(purchase: FriendbuyPurchase): Record<string, unknown> {
  return {
    friendbuyOrderId: purchase.orderId,
    customerId: purchase.customerId,
    currency: purchase.currency,
    isNewCustomer: purchase.isNewCustomer,
    couponCode: purchase.couponCode,
    referralCode: purchase.referralCode,
    attributionId: purchase.attributionId,
  };
}

async function enqueueOrderFields(
  deps: FlowDeps,
  tx: Parameters<typeof enqueue>[0],
  orderId: string,
  fields: Record<string, unknown>,
  job: { correlationId: string | null; id: number },
): Promise<void> {
  await enqueue(
    tx,
    newJob(JOB.projectOrderFields, {
      dedupKey: `order-fields:${orderId}:${job.id}`,
      payload: { orderId, fields },
      correlationId: job.correlationId ?? undefined,
    }),
    deps.clock.now(),
  );
}

export const reportPurchaseJob = defineJob({ kind: JOB.reportPurchase, handler: createPurchaseReporter });
