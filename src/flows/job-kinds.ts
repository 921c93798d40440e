// Every outbox job kind: the name stored in the database and the schema of its payload. The kinds sit here,
// apart from their handlers (declared next to each flow with `defineJob`), because flows enqueue each other's
// jobs: a flow imports this catalogue, never the flow whose job it queues, so no import cycle can form.
import { z } from 'zod';
import { jobKind } from './job.js';

const orderId = z.object({ orderId: z.string().min(1) });
const customerId = z.object({ customerId: z.string().min(1) });
const inboxId = z.object({ inboxId: z.number().int() });
/** Custom field values to put on a commercetools resource, by field name. */
const fields = z.record(z.string(), z.unknown());
const money = z.object({
  centAmount: z.number().int(),
  currencyCode: z.string(),
  fractionDigits: z.number().int(),
});
const identityKey = <const Kinds extends readonly [string, ...string[]]>(kinds: Kinds) =>
  z.object({ kind: z.enum(kinds), value: z.string() });
/** Whom an erasure is about: the identifiers its request gave (kept only until Friendbuy confirms). */
const erasureSubject = z.object({
  erasureId: z.string().min(1),
  email: z.string().optional(),
  customerId: z.string().optional(),
});
const referralParty = z.object({ customerId: z.string().optional(), emailHash: z.string().optional() });

export const JOB = {
  /** Process a recorded commercetools message. */
  commercetoolsMessage: jobKind('commercetools.message', inboxId),
  /** Report an order to Friendbuy as a purchase, once per order. */
  reportPurchase: jobKind('friendbuy.purchase', orderId),
  /** Report a key order status to Friendbuy as a custom event; a refund carries its amount. */
  reportOrderStatus: jobKind(
    'friendbuy.order-status',
    orderId.extend({
      status: z.enum(['shipped', 'delivered', 'cancelled', 'returned', 'refunded']),
      refund: money.optional(),
    }),
  ),
  /** Keep the connector's custom fields on an order current. */
  projectOrderFields: jobKind('commercetools.order-fields', orderId.extend({ fields })),
  /** Process a recorded Friendbuy webhook item: reward, friend incentive or opt-out. */
  friendbuyWebhook: jobKind('friendbuy.webhook', inboxId),
  /** Correlate a recorded Friendbuy emailCapture webhook item. */
  friendbuyEmailCapture: jobKind('friendbuy.email-capture', inboxId),
  /** Make sure a reward's coupon exists in commercetools, once per reward. */
  rewardCoupon: jobKind('rewards.coupon', z.object({ rewardId: z.string().min(1) })),
  /** Keep a customer's reward fields (role, summary, last state) current. */
  projectCustomerRewardFields: jobKind('commercetools.customer-reward-fields', customerId),
  /** Keep an order's reward fields (reward state, friend incentive code) current. */
  projectOrderRewardFields: jobKind('commercetools.order-reward-fields', orderId),
  /** Give an advocate their Friendbuy referral code and its commercetools code. */
  advocateReferralCode: jobKind('codes.advocate-referral-code', customerId),
  /** Put an advocate's referral code and link on the customer. */
  projectCustomerReferralFields: jobKind(
    'commercetools.customer-referral-fields',
    customerId.extend({ fields }),
  ),
  /** Record the Friendbuy-owned codes an order used. */
  recordCodeRedemptions: jobKind('codes.record-redemptions', orderId),
  /** A cancelled order gave back nothing in commercetools: ask for (and maybe issue) new codes. */
  reissueCancelledCodes: jobKind('codes.reissue-cancelled', orderId),
  /** Generate (part of) a code-bank batch inside the connector. */
  generateCodeBatch: jobKind('codes.generate-batch', z.object({ batchId: z.string().min(1) })),
  /** Report a referred shopper's new account to Friendbuy, once per customer. */
  reportSignUp: jobKind('friendbuy.sign-up', customerId),
  /** Check the commercetools Subscription and cart API extension the connector depends on; recurring. */
  deliveryHealth: jobKind('commercetools.delivery-health', z.object({})),
  /** Read commercetools orders and customers of a window into the inbox (a backfill run). */
  backfill: jobKind('commercetools.backfill', z.object({ runId: z.string().min(1) })),
  /** Reconcile commercetools, the ledger and Friendbuy over a window (default: the last two days); recurring. */
  reconcile: jobKind(
    'reconciliation.run',
    z.object({ since: z.string().optional(), until: z.string().optional(), reason: z.string().optional() }),
  ),
  /** Look for lost deliveries (Subscription not Healthy, sequence holes) and queue their reconciliation. */
  deliveryGaps: jobKind('commercetools.delivery-gaps', z.object({})),
  /** Deactivate the connector's expired promo codes; report code banks running low; recurring. */
  codeHygiene: jobKind('codes.maintenance', z.object({})),
  /** Pull Friendbuy analytics into advocate funnels; recurring. */
  analyticsPull: jobKind('friendbuy.analytics-pull', z.object({})),
  /** Link the identifiers (hashed, never raw) and the referral a cart showed the cart extension. */
  observeCart: jobKind(
    'identity.cart-seen',
    z.object({
      cartId: z.string().min(1),
      keys: z.object({
        links: z.array(
          identityKey([
            'customerId',
            'anonymousId',
            'email',
            'friendbuyCustomerId',
            'friendbuyProfileId',
            'session',
          ]),
        ),
        traits: z.array(
          identityKey(['device', 'friendbuyGlobalId', 'ip', 'userAgent', 'address', 'payment']),
        ),
      }),
      referral: z.object({
        referralCode: z.string().optional(),
        attributionId: z.string().optional(),
        couponCode: z.string().optional(),
        campaignId: z.string().optional(),
        advocate: referralParty.optional(),
      }),
    }),
  ),
  /** Put a referred commercetools order on its advocate's funnel. */
  correlateOrder: jobKind('referral.correlate-order', orderId),
  /** Evaluate a referred order's reward eligibility and act on it; also its durable timers. */
  evaluateOrderEligibility: jobKind('rewards.evaluate-order', orderId),
  /** Put the order's current fraud verdict (from its ledger) on its custom field. */
  projectFraudVerdict: jobKind('commercetools.order-fraud-verdict', orderId),
  /** Ask Friendbuy to erase a person's data (DELETE /v1/user-data), then follow its job to completion. */
  friendbuyErasure: jobKind('privacy.friendbuy-erasure', erasureSubject),
  /** Poll Friendbuy until an erasure it accepted no longer shows the person's data. */
  friendbuyErasureStatus: jobKind(
    'privacy.friendbuy-erasure-status',
    erasureSubject.extend({ friendbuyJobId: z.string().optional() }),
  ),
  /** Remove the shopper identifiers the connector wrote on an erased person's orders in commercetools. */
  clearErasedOrderFields: jobKind(
    'privacy.order-fields',
    z.object({ erasureId: z.string().min(1), orderId: z.string().min(1) }),
  ),
  /** Remove the shopper identifiers the storefront kit put on an erased person's carts. */
  clearErasedCartFields: jobKind('privacy.cart-fields', erasureSubject),
  /** Replace raw IP addresses and user agents past the fraud window by their keyed hashes; recurring. */
  minimiseShopperIdentifiers: jobKind('privacy.minimise', z.object({})),
  /** Blank recorded deliveries older than the inbox retention; recurring. */
  purgeInbox: jobKind('privacy.inbox-purge', z.object({})),
} as const;
