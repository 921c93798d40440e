// Tells which commercetools customer a storefront access token belongs to, by asking commercetools: OAuth 2.0
// Token Introspection (RFC 7662) on the auth service, `POST {authUrl}/oauth/introspect`. A customer token's
// scope holds `customer_id:{id}`. Introspecting tokens issued to another API client (the storefront's) needs the
// `introspect_oauth_tokens` scope on the connector's client. `GET /{projectKey}/me` with the shopper's token
// would also work, but depends on the storefront client's scopes; introspection does not.

export interface CustomerTokenVerifierOptions {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch | undefined;
  /** Introspection answers within ~100 ms; the shopper waits meanwhile. */
  timeoutMs?: number | undefined;
}

/** The customer id the token was issued for, or undefined when the token is not an active customer token. */
export type CustomerTokenVerifier = (token: string) => Promise<string | undefined>;

export class TokenIntrospectionError extends Error {
  override readonly name = 'TokenIntrospectionError';
}

/**
 * @example
 * const verify = createCustomerTokenVerifier({ authUrl, clientId, clientSecret });
 * const customerId = await verify(tokenFromTheStorefront); // undefined → 401
 */
export function createCustomerTokenVerifier(options: CustomerTokenVerifierOptions): CustomerTokenVerifier {
  const fetchFn = options.fetch ?? fetch;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  return async (token) => {
    let response: Response;
    try {
      response = await fetchFn(`${options.authUrl.replace(/\/+$/, '')}/oauth/introspect`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new TokenIntrospectionError(`token introspection failed: ${(error as Error).message}`);
    }
    // The token itself is never part of an error message: it is a credential.
    if (!response.ok) throw new TokenIntrospectionError(`token introspection answered ${response.status}`);
    const body = (await response.json()) as { active?: unknown; scope?: unknown };
    if (body.active !== true || typeof body.scope !== 'string') return undefined;
    return customerIdFromScope(body.scope);
  };
}

export function customerIdFromScope(scope: string): string | undefined {
  const entry = scope.split(/\s+/).find((part) => part.startsWith('customer_id:'));
  const id = entry?.slice('customer_id:'.length);
  return id || undefined;
}
