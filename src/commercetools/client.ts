// The commercetools API client: client-credentials auth, retries with jittered exponential backoff on gateway
// errors and network failures. No concurrent-modification middleware: a 409 needs a re-read and a new decision,
// which is what `updateWithRetry` does.
import { type ByProjectKeyRequestBuilder, createApiBuilderFromCtpClient } from '@commercetools/platform-sdk';
import { ClientBuilder } from '@commercetools/ts-client';
import type { OutboundCallObserver } from '../domain/outbound-call.js';
import { endpointTemplate } from './endpoint-template.js';

export interface CommercetoolsClientOptions {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  /** e.g. `https://auth.europe-west1.gcp.commercetools.com`, or the sandbox's `http://host:port/sandbox/commercetools`. */
  authUrl: string;
  /** e.g. `https://api.europe-west1.gcp.commercetools.com`, or the same sandbox URL. */
  apiUrl: string;
  /** Omit to get the API client's own scopes. */
  scopes?: string[] | undefined;
  fetch?: typeof fetch | undefined;
  /** Retries after the first attempt, for retryable statuses and for network errors separately; default 3. */
  maxRetries?: number | undefined;
  /** Told of every attempt, token requests included: metrics, and the correlation id and trace context to send. */
  observer?: OutboundCallObserver | undefined;
}

const RETRY_STATUSES = [500, 502, 503, 504];
const RETRY_DELAY_MS = 200;
const MAX_RETRY_DELAY_MS = 10_000;

/**
 * @example
 * const apiRoot = createCommercetoolsClient({ projectKey, clientId, clientSecret, authUrl, apiUrl });
 * const { body: order } = await apiRoot.orders().withId({ ID: orderId }).get().execute();
 */
export function createCommercetoolsClient(options: CommercetoolsClientOptions): ByProjectKeyRequestBuilder {
  const maxRetries = options.maxRetries ?? 3;
  const fetchFn = options.fetch ?? fetch;
  const httpClient = retryNetworkErrors(
    options.observer ? observeAttempts(fetchFn, options.observer, options) : fetchFn,
    maxRetries,
  );
  const client = new ClientBuilder()
    .withProjectKey(options.projectKey)
    .withClientCredentialsFlow({
      host: options.authUrl,
      projectKey: options.projectKey,
      credentials: { clientId: options.clientId, clientSecret: options.clientSecret },
      ...(options.scopes ? { scopes: options.scopes } : {}),
      httpClient,
    })
    .withHttpMiddleware({
      host: options.apiUrl,
      httpClient,
      enableRetry: true,
      retryConfig: {
        maxRetries,
        retryDelay: RETRY_DELAY_MS,
        backoff: true,
        maxDelay: MAX_RETRY_DELAY_MS,
        retryCodes: RETRY_STATUSES,
      },
    })
    .build();
  return createApiBuilderFromCtpClient(client).withProjectKey({ projectKey: options.projectKey });
}

/**
 * The SDK retries by status code only, so a refused or reset connection would fail at once. Per the Fetch
 * standard a network failure rejects with a TypeError; aborts and timeouts are left to the SDK.
 * Retrying a write is safe enough here: updates carry a version (a replay gets a 409) and order creation
 * from an already ordered cart is refused.
 */
function retryNetworkErrors(fetchFn: typeof fetch, maxRetries: number): typeof fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchFn(input, init);
      } catch (error) {
        if (!(error instanceof TypeError) || attempt >= maxRetries) throw error;
        await sleep(backoffDelay(attempt + 1));
      }
    }
  };
}

/** Every attempt, the SDK's retries and ours, reported under its endpoint template with the observer's headers. */
function observeAttempts(
  fetchFn: typeof fetch,
  observer: OutboundCallObserver,
  options: CommercetoolsClientOptions,
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const call = observer.start(endpointTemplate(method.toUpperCase(), url, options));
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(call.headers))
      if (!headers.has(name)) headers.set(name, value);
    try {
      const response = await fetchFn(input, { ...init, headers });
      call.end(response.status);
      return response;
    } catch (error) {
      call.end('error');
      throw error;
    }
  };
}

/** Same shape as the SDK's own: delay · 2^n · (1..2), capped. */
function backoffDelay(retry: number): number {
  return Math.min(Math.round((Math.random() + 1) * RETRY_DELAY_MS * 2 ** retry), MAX_RETRY_DELAY_MS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
