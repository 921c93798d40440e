// Client for Friendbuy's Merchant API (reference §2): bearer-token handling with one re-authorisation on 401,
// on top of the transport's timeouts and retries. Every failure is a FriendbuyApiError.
import type { Logger } from 'pino';
import { z } from 'zod';
import { systemClock } from '../clock.js';
import type { OutboundCallObserver } from '../domain/outbound-call.js';
import type { FriendbuyPurchase } from '../domain/purchase.js';
import { FriendbuyApiError, isRetryableStatus } from './api-error.js';
import {
  createMapiTransport,
  defaultSleep,
  endpointOf,
  type MapiRequest,
  type MapiResponse,
} from './mapi-transport.js';
import {
  authorizationResponseSchema,
  errorBodySchema,
  eventResponseSchema,
  personalReferralLinkBatchResponseSchema,
  personalReferralLinkSchema,
} from './response-schemas.js';
import { type CachedToken, createTokenCache, type TokenCache } from './token-cache.js';
import type {
  CustomEvent,
  CustomerUpsert,
  EventResponse,
  PersonalReferralLink,
  PersonalReferralLinkBatchItem,
  PersonalReferralLinkBatchResponse,
  PersonalReferralLinkRequest,
  SignUpEvent,
} from './types.js';

export interface MapiClientOptions {
  /** Without `/v1`, e.g. `https://mapi.fbot.me` or the sandbox's `http://host:port/sandbox/friendbuy`. */
  baseUrl: string;
  key: string;
  secret: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx, network errors and timeouts. */
  maxRetries?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Decides when a cached token counts as expired; inject the connector's clock. */
  now?: () => Date;
  /** The client's own by default; clients given one cache share their tokens. */
  tokenCache?: TokenCache;
  /** Told of every attempt: metrics, and the correlation id and trace context to send. */
  observer?: OutboundCallObserver | undefined;
}

export interface MapiClient {
  trackPurchase(body: FriendbuyPurchase): Promise<EventResponse>;
  trackSignUp(body: SignUpEvent): Promise<EventResponse>;
  trackCustomEvent(body: CustomEvent): Promise<EventResponse>;
  upsertCustomer(body: CustomerUpsert): Promise<EventResponse>;
  createPersonalReferralLink(body: PersonalReferralLinkRequest): Promise<PersonalReferralLink>;
  createPersonalReferralLinks(
    requests: PersonalReferralLinkBatchItem[],
  ): Promise<PersonalReferralLinkBatchResponse>;
  /** GDPR/CCPA erasure (asynchronous): Friendbuy answers with the id of its erasure job. */
  deleteUserData(person: UserDataQuery): Promise<{ jobId?: string | undefined }>;
  /** GDPR/CCPA export: what Friendbuy holds about the person, as it sends it. */
  getUserData(person: UserDataQuery): Promise<unknown>;
  /** An authorised GET of an endpoint wrapped elsewhere (analytics.ts), its body parsed with `schema`. */
  get<T>(path: string, query: Record<string, string | undefined>, schema: z.ZodType<T>): Promise<T>;
}

/** Whom `/v1/user-data` is about: an email, a customer id, or both. */
export type UserDataQuery = {
  email?: string | undefined;
  customerId?: string | undefined;
};

const userDataJobSchema = z.looseObject({
  jobId: z.string().optional(),
  task_id: z.string().optional(),
  taskId: z.string().optional(),
});

/** Friendbuy's documented batch limit (S1). */
export const MAX_REFERRAL_LINK_BATCH = 10;

/**
 * @example
 * const friendbuy = createMapiClient({ baseUrl: 'https://mapi.fbot.me', key, secret, logger });
 * await friendbuy.trackPurchase(mapped.purchase); // from mapOrderToPurchase (domain/purchase.ts)
 */
export function createMapiClient(options: MapiClientOptions): MapiClient {
  const transport = createMapiTransport({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
    observer: options.observer,
  });
  const tokens = options.tokenCache ?? createTokenCache();
  const now = options.now ?? (() => systemClock.now());
  const cacheKey = `${options.baseUrl.replace(/\/+$/, '')} ${options.key}`;

  async function authorize(): Promise<CachedToken> {
    const request: MapiRequest = {
      method: 'POST',
      path: '/v1/authorization',
      body: { key: options.key, secret: options.secret },
    };
    const issued = parseSuccess(request, await transport.send(request), authorizationResponseSchema);
    options.logger?.debug({ expires: issued.expires }, 'Friendbuy MAPI token issued');
    return { token: issued.token, expiresAt: Date.parse(issued.expires) };
  }

  async function call<T>(request: MapiRequest, schema: z.ZodType<T>): Promise<T> {
    let token = await tokens.acquire(cacheKey, now().getTime(), authorize);
    let response = await transport.send({ ...request, token });
    if (response.status === 401) {
      // Friendbuy may revoke a token before `expires` (or our clock drifted): one fresh token, one more try.
      options.logger?.info(
        { endpoint: endpointOf(request) },
        'Friendbuy rejected the MAPI token; re-authorising',
      );
      tokens.invalidate(cacheKey, token);
      token = await tokens.acquire(cacheKey, now().getTime(), authorize);
      response = await transport.send({ ...request, token });
    }
    return parseSuccess(request, response, schema);
  }

  return {
    // Events are counted by Friendbuy each time they arrive (a purchase has no documented idempotency key).
    trackPurchase: (body) =>
      call({ method: 'POST', path: '/v1/event/purchase', body, atMostOnce: true }, eventResponseSchema),
    trackSignUp: (body) =>
      call(
        { method: 'POST', path: '/v1/event/account-sign-up', body, atMostOnce: true },
        eventResponseSchema,
      ),
    trackCustomEvent: (body) =>
      call({ method: 'POST', path: '/v1/event/custom', body, atMostOnce: true }, eventResponseSchema),
    upsertCustomer: (body) => call({ method: 'POST', path: '/v1/customer', body }, eventResponseSchema),
    createPersonalReferralLink: (body) =>
      call({ method: 'POST', path: '/v1/personal-referral-link', body }, personalReferralLinkSchema),

    async createPersonalReferralLinks(requests) {
      const request: MapiRequest = {
        method: 'POST',
        path: '/v1/personal-referral-link-batch',
        body: { requests },
      };
      if (requests.length > MAX_REFERRAL_LINK_BATCH) {
        throw rejectedLocally(
          request,
          `at most ${MAX_REFERRAL_LINK_BATCH} requests per batch, got ${requests.length}`,
        );
      }
      if (requests.length === 0) return { purls: [] };
      return call(request, personalReferralLinkBatchResponseSchema);
    },

    // The reference names the answer `jobId` (spec) or `task_id` (guide, with a 204): accept either, or none.
    deleteUserData: async (person) => {
      const answer = await call(
        { method: 'DELETE', path: '/v1/user-data', query: person },
        userDataJobSchema,
      );
      return { jobId: answer.jobId ?? answer.task_id ?? answer.taskId };
    },
    getUserData: (person) => call({ method: 'GET', path: '/v1/user-data', query: person }, z.unknown()),

    get: (path, query, schema) => call({ method: 'GET', path, query }, schema),
  };
}

function parseSuccess<T>(request: MapiRequest, response: MapiResponse, schema: z.ZodType<T>): T {
  const endpoint = endpointOf(request);
  const { status } = response;
  if (status < 200 || status >= 300) {
    const parsed = errorBodySchema.safeParse(response.body);
    const body = parsed.success ? parsed.data : undefined;
    const detail = body?.message ? `: ${body.message}` : '';
    throw new FriendbuyApiError(`Friendbuy ${endpoint} failed with ${status}${detail}`, {
      endpoint,
      status,
      retryable: isRetryableStatus(status),
      ambiguous: status >= 500,
      body,
    });
  }
  // An empty 2xx parses as an empty object.
  const parsed = schema.safeParse(response.body ?? {});
  if (parsed.success) return parsed.data;
  // Not retryable: Friendbuy accepted the call, so sending it again could double-count the event.
  throw new FriendbuyApiError(`Friendbuy ${endpoint} returned an unexpected ${status} body`, {
    endpoint,
    status,
    retryable: false,
    cause: parsed.error,
  });
}

function rejectedLocally(request: MapiRequest, reason: string): FriendbuyApiError {
  const endpoint = endpointOf(request);
  return new FriendbuyApiError(`Friendbuy ${endpoint} not sent: ${reason}`, { endpoint, retryable: false });
}
