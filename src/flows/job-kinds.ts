// Names of outbox job kinds, in one place: workers dispatch on them and they are stored in the database.

export const JOB = {
  /** Process a recorded commercetools message (payload `{inboxId}`). */
  commercetoolsMessage: 'commercetools.message',
  /** Report an order to Friendbuy as a purchase (payload `{orderId}`), once per order. */
  reportPurchase: 'friendbuy.purchase',
  /** Report a key order status to Friendbuy as a custom event (payload `{orderId, status}`). */
  reportOrderStatus: 'friendbuy.order-status',
  /** Keep the connector's custom fields on an order current (payload `{orderId, fields}`). */
  projectOrderFields: 'commercetools.order-fields',
  /** Process a recorded Friendbuy webhook item: reward, friend incentive or opt-out (payload `{inboxId}`). */
  friendbuyWebhook: 'friendbuy.webhook',
  /** Correlate a recorded Friendbuy emailCapture webhook item (payload `{inboxId}`). */
  friendbuyEmailCapture: 'friendbuy.email-capture',
  /** Make sure a reward's coupon exists in commercetools (payload `{rewardId}`), once per reward. */
  rewardCoupon: 'rewards.coupon',
  /** Keep a customer's reward fields (role, summary, last state) current (payload `{customerId}`). */
  projectCustomerRewardFields: 'commercetools.customer-reward-fields',
  /** Keep an order's reward fields (reward state, friend incentive code) current (payload `{orderId}`). */
  projectOrderRewardFields: 'commercetools.order-reward-fields',
  /** Give an advocate their Friendbuy referral code and its commercetools code (payload `{customerId}`). */
  advocateReferralCode: 'codes.advocate-referral-code',
  /** Put an advocate's referral code and link on the customer (payload `{customerId, fields}`). */
  projectCustomerReferralFields: 'commercetools.customer-referral-fields',
  /** Record the Friendbuy-owned codes an order used (payload `{orderId}`). */
  recordCodeRedemptions: 'codes.record-redemptions',
  /** A cancelled order gave back nothing in commercetools: ask for (and maybe issue) new codes (`{orderId}`). */
  reissueCancelledCodes: 'codes.reissue-cancelled',
  /** Generate (part of) a code-bank batch inside the connector (payload `{batchId}`). */
  generateCodeBatch: 'codes.generate-batch',
  /** Report a referred shopper's new account to Friendbuy (payload `{customerId}`), once per customer. */
  reportSignUp: 'friendbuy.sign-up',
  /** Pull Friendbuy analytics into advocate funnels; re-enqueues itself on a timer (payload `{}`). */
  analyticsPull: 'friendbuy.analytics-pull',
  /** Link the identifiers and the referral a cart showed the cart extension (payload: hashed keys, referral). */
  observeCart: 'identity.cart-seen',
  /** Put a referred commercetools order on its advocate's funnel (payload `{orderId}`). */
  correlateOrder: 'referral.correlate-order',
  /** Evaluate a referred order's reward eligibility and act on it; also its durable timers (`{orderId}`). */
  evaluateOrderEligibility: 'rewards.evaluate-order',
  /** Put the order's current fraud verdict (from its ledger) on its custom field (payload `{orderId}`). */
  projectFraudVerdict: 'commercetools.order-fraud-verdict',
} as const;
