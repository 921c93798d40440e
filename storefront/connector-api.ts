// Calls from the browser to the connector's public /storefront routes. No cookies travel (`credentials: omit`):
// every proof of who the shopper is goes in the body.
import type { CartRef, CustomerAuth, StorefrontConfig, VisitorStatus } from './types.js';

export class ConnectorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AttributionPost {
  cart: CartRef;
  customerToken?: string | undefined;
  fbuy?: string | undefined;
  referralCode?: string | undefined;
  visitorStatus?: VisitorStatus | undefined;
  landedAt?: string | undefined;
}

export type ConnectorApi = ReturnType<typeof createConnectorApi>;

export function createConnectorApi(baseUrl: string) {
  async function call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/storefront${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'omit',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new ConnectorError(response.status, json.code || 'Error', json.message || '');
    return json as T;
  }
  return {
    config: (storeKey: string, locale?: string) =>
      call<StorefrontConfig>(
        `/config?${new URLSearchParams({ store: storeKey, ...(locale ? { locale } : {}) })}`,
      ),
    attribution: (post: AttributionPost) => call<Record<string, unknown>>('/attribution', post),
    coupon: (post: { cart: CartRef; customerToken?: string | undefined; code: string }) =>
      call<Record<string, unknown>>('/coupon', post),
    customerAuth: (customerToken: string) => call<CustomerAuth>('/customer-auth', { customerToken }),
  };
}
