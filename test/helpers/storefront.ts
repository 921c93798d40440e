// Storefront test helpers: a referral landing through the sandbox's emulated Friendbuy, shopper carts, and
// commercetools customer tokens from the sandbox's password flow.
import type { Cart } from '@commercetools/platform-sdk';
import type { TestConnector } from './connector.js';

export interface Landing {
  fbuy: string;
  referralCode: string;
  visitorStatus: { status: string; payload: Record<string, unknown>; signature: string };
}

/** Follows `/sandbox/friendbuy/r/<code>` as a browser would and reads what the landing page would see. */
export async function followReferralLink(connector: TestConnector, code: string): Promise<Landing> {
  const response = await fetch(`${connector.url}/sandbox/friendbuy/r/${code}`, { redirect: 'manual' });
  const target = new URL(response.headers.get('location') ?? '', connector.url);
  const fbuy = target.searchParams.get('fbuy') ?? '';
  const status = await fetch(
    `${connector.url}/sandbox/friendbuy/visitor-status?fbuy=${encodeURIComponent(fbuy)}`,
  );
  const { friendIncentive: _coupon, ...visitorStatus } = (await status.json()) as Landing['visitorStatus'] & {
    friendIncentive?: unknown;
  };
  return { fbuy, referralCode: target.searchParams.get('referralCode') ?? '', visitorStatus };
}

export async function createCart(
  connector: TestConnector,
  who: { anonymousId?: string; customerId?: string },
): Promise<Cart> {
  const response = await connector.api
    .inStoreKeyWithStoreKeyValue({ storeKey: 'us' })
    .carts()
    .post({
      body: { currency: 'USD', country: 'US', lineItems: [{ sku: 'FB-TEE-001', quantity: 1 }], ...who },
    })
    .execute();
  return response.body;
}

/** Creates a customer and signs them in with the password flow; returns the customer and their access token. */
export async function signedInCustomer(
  connector: TestConnector,
  email: string,
): Promise<{ customerId: string; token: string }> {
  const password = 'demo-password';
  const created = await connector.api.customers().post({ body: { email, password } }).execute();
  const { urls } = connector.sandbox;
  const response = await fetch(`${urls.commercetoolsAuthUrl}/oauth/${urls.projectKey}/customers/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('storefront:storefront').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'password', username: email, password }).toString(),
  });
  const token = (await response.json()) as { access_token: string };
  return { customerId: created.body.customer.id, token: token.access_token };
}

export async function postJson(
  connector: TestConnector,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${connector.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
