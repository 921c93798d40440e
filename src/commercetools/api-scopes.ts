// The commercetools API client scopes the connector needs: exactly what its calls use, with the endpoints each
// one covers, so the "Going live" list (docs/going-live.md), `setup`'s hint and a test that scans the code's
// calls agree.

export interface ApiScope {
  /** As commercetools names it; the client gets `<scope>:<projectKey>`. */
  scope: string;
  /** The SDK endpoints (`apiRoot.<endpoint>()`) or auth paths this scope lets the connector call. */
  endpoints: readonly string[];
  /** What the connector does with it, in the merchant's words. */
  why: string;
}

export const API_CLIENT_SCOPES: readonly ApiScope[] = [
  {
    scope: 'manage_orders',
    endpoints: ['orders', 'carts'],
    why: 'reads orders and writes their report and reward fields; writes attribution and coupons on carts',
  },
  {
    scope: 'manage_customers',
    endpoints: ['customers'],
    why: 'reads customers and writes their referral and reward fields',
  },
  { scope: 'view_payments', endpoints: ['payments'], why: 'reads refunds and card fingerprints of payments' },
  {
    scope: 'view_messages',
    endpoints: ['messages'],
    why: 'reads a message commercetools delivered without its payload, and what fell in a gap of sequence numbers (with message querying on)',
  },
  {
    scope: 'manage_discount_codes',
    endpoints: ['discountCodes'],
    why: 'creates referral, code-bank and reward codes; deactivates reversed rewards and expired codes',
  },
  {
    scope: 'manage_cart_discounts',
    endpoints: ['cartDiscounts'],
    why: 'creates the cart discounts codes share',
  },
  { scope: 'manage_types', endpoints: ['types'], why: '`setup` installs or extends the custom types' },
  { scope: 'manage_extensions', endpoints: ['extensions'], why: '`setup` registers the cart API extension' },
  {
    scope: 'manage_subscriptions',
    endpoints: ['subscriptions'],
    why: '`setup` registers the message subscription (under commercetools Connect); gap detection reads its health',
  },
  {
    scope: 'introspect_oauth_tokens',
    endpoints: ['oauth/introspect'],
    why: 'checks shoppers’ customer tokens on storefront calls',
  },
];

/** The scopes as `CTP_SCOPE` takes them, space-separated, for a project. */
export function scopeList(projectKey: string): string {
  return API_CLIENT_SCOPES.map((s) => `${s.scope}:${projectKey}`).join(' ');
}
