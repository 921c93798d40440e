// What commercetools messages tell the identity graph and the "who has ordered" projection, in the message
// processor's transaction: an order links its customer id, anonymous session, email and the Friendbuy id we
// report under (a cart or order gaining a customer merges the anonymous shopper into the customer); a new
// customer links their email; a referred new customer's sign-up is reported; a referred order joins its
// advocate's funnel.

import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import type { HandledMessage } from '../commercetools/message-schemas.js';
import type { AddressParts } from '../domain/fraud/address.js';
import { hashEmail } from '../domain/identity.js';
import { nonEmptyText } from '../domain/text.js';
import { recordCustomerOrder, recordOrderCancelled } from '../store/customer-orders.js';
import type { Queryable } from '../store/db.js';
import { referralsOfPerson } from '../store/friend-referrals.js';
import { enqueue } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { linkSighting } from './link-identifiers.js';
import { enqueueFraudCheckOfReferredOrder } from './queue-eligibility-evaluation.js';
import { enqueueSignUpIfReferred } from './report-sign-up.js';

interface OrderView {
  id: string;
  customerId?: string;
  customerEmail?: string;
  anonymousId?: string;
  createdAt?: string;
  discountCodes?: unknown[];
  shippingAddress?: AddressParts;
  custom?: { fields?: Record<string, unknown> };
  store?: { key?: string };
  totalPrice?: { currencyCode?: string };
}

/** In the message's transaction: who the shopper is, the "who has ordered" projection, sign-up and funnel jobs. */
export async function observeCommercetoolsIdentity(
  deps: FlowDeps,
  tx: Queryable,
  message: HandledMessage,
  correlationId: string,
): Promise<void> {
  const now = deps.clock.now();
  switch (message.type) {
    case 'OrderCreated':
    case 'OrderCreatedFromRecurringOrder':
      return observeOrder(deps, tx, message.order as OrderView, correlationId);
    case 'OrderStateChanged':
      if (message.orderState === 'Cancelled' || message.oldOrderState === 'Cancelled')
        await recordOrderCancelled(tx, message.resource.id, message.orderState === 'Cancelled', now);
      return;
    case 'CustomerCreated': {
      const { id: customerId, email } = message.customer;
      const addresses = (message.customer as { addresses?: AddressParts[] }).addresses;
      const personId = await linkSighting(tx, deps, { seen: { customerId, email, addresses } });
      return enqueueSignUpIfReferred(tx, deps, { customerId, personId, correlationId });
    }
    default:
      return;
  }
}

async function observeOrder(
  deps: FlowDeps,
  tx: Queryable,
  order: OrderView,
  correlationId: string,
): Promise<void> {
  const now = deps.clock.now();
  const fields = order.custom?.fields ?? {};
  const referralCode = nonEmptyText(fields[ORDER_FIELDS.referralCode]);
  const attributionId = nonEmptyText(fields[ORDER_FIELDS.attributionId]);
  const emailHash = order.customerEmail
    ? hashEmail(order.customerEmail, deps.config.hashKey, deps.config.emailRules)
    : undefined;
  await recordCustomerOrder(
    tx,
    {
      orderId: order.id,
      customerId: order.customerId,
      emailHash,
      createdAt: order.createdAt ? new Date(order.createdAt) : undefined,
    },
    now,
  );
  const personId = await linkSighting(tx, deps, {
    seen: {
      customerId: order.customerId,
      anonymousId: order.anonymousId,
      email: order.customerEmail,
      ipAddress: nonEmptyText(fields[ORDER_FIELDS.ipAddress]),
      userAgent: nonEmptyText(fields[ORDER_FIELDS.userAgent]),
      deviceHash: nonEmptyText(fields[ORDER_FIELDS.deviceHash]),
      addresses: order.shippingAddress ? [order.shippingAddress] : [],
    },
    referral: { source: 'order', sourceKey: order.id, referralCode, attributionId },
  });
  if (order.customerId)
    await enqueueSignUpIfReferred(tx, deps, {
      customerId: order.customerId,
      personId,
      correlationId,
    });
  // Only orders with something that may name an advocate go to the funnel correlation.
  const referred =
    referralCode !== undefined ||
    attributionId !== undefined ||
    (order.discountCodes?.length ?? 0) > 0 ||
    (personId !== undefined && (await referralsOfPerson(tx, personId)).length > 0);
  if (referred) {
    await enqueue(
      tx,
      newJob(JOB.correlateOrder, {
        dedupKey: `correlate-order:${order.id}`,
        payload: { orderId: order.id },
        correlationId,
      }),
      now,
    );
    const sold = { id: order.id, storeKey: order.store?.key, currency: order.totalPrice?.currencyCode };
    await enqueueFraudCheckOfReferredOrder(deps, tx, sold, correlationId);
  }
}
