// One HTTP exchange with the Merchant API: per-attempt timeout, and jittered exponential retries on 429, 5xx
// and network failures. Friendbuy documents 429 everywhere but no limits and no Retry-After (S1), hence backoff.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { OutboundCallObserver } from '../domain/outbound-call.js';
import { FriendbuyApiError, isRetryableStatus } from './api-error.js';

export interface MapiTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger?: Logger | undefined;
  /** Told of every attempt (metrics, correlation id, trace context). */
  observer?: OutboundCallObserver | undefined;
}

export interface MapiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, e.g. `/v1/event/purchase`. */
  path: string;
  body?: unknown;
  query?: Record<string, string | undefined>;
  token?: string;
  /** Never resent after an outcome that may mean Friendbuy got it (purchases, sign-ups, custom events). */
  atMostOnce?: boolean;
}

export interface MapiResponse {
  status: number;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface MapiTransport {
  /** Resolves with the last response, whatever its status; rejects only when no response arrived at all. */
  send(request: MapiRequest): Promise<MapiResponse>;
}

const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;

export const defaultSleep = (ms: number): Promise<void> => delay(ms);

export function endpointOf(request: Pick<MapiRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}

export function createMapiTransport(options: MapiTransportOptions): MapiTransport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  /** "Equal jitter": half the exponential step is kept so retries stay spaced, half is random to spread load. */
  function backoffMs(attempt: number): number {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
    return ceiling / 2 + options.random() * (ceiling / 2);
  }

  async function attemptOnce(request: MapiRequest): Promise<MapiResponse> {
    const url = new URL(baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    const observed = options.observer?.start(endpointOf(request));
    Object.assign(headers, observed?.headers);

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await options.fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      // The body is read under the same timer: a server that sends headers and then stalls is still a timeout.
      const body = parseBody(await response.text());
      observed?.end(response.status);
      return { status: response.status, body };
    } catch (error) {
      observed?.end('error');
      const endpoint = endpointOf(request);
      const reason = controller.signal.aborted
        ? `timed out after ${options.timeoutMs} ms`
        : `network error: ${describe(error)}`;
      throw new FriendbuyApiError(`Friendbuy ${endpoint} ${reason}`, {
        endpoint,
        retryable: true,
        ambiguous: controller.signal.aborted || !neverConnected(error),
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(request) {
      for (let attempt = 0; ; attempt++) {
        const isLastAttempt = attempt >= options.maxRetries;
        let status: number | undefined;
        try {
          const response = await attemptOnce(request);
          if (isLastAttempt || !isRetryableStatus(response.status)) return response;
          // A 5xx may come after Friendbuy stored the event; only a 429 says it was not taken.
          if (request.atMostOnce && response.status !== 429) return response;
          status = response.status;
        } catch (error) {
          if (isLastAttempt || !(error instanceof FriendbuyApiError)) throw error;
          if (request.atMostOnce && error.ambiguous) throw error;
        }
        const delayMs = backoffMs(attempt);
        options.logger?.warn(
          { endpoint: endpointOf(request), status, attempt: attempt + 1, delayMs: Math.round(delayMs) },
          'Friendbuy request failed; retrying',
        );
        await options.sleep(delayMs);
      }
    },
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// Failures before a connection exists: nothing was sent, so even an at-most-once call may be sent again.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function neverConnected(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && NOT_CONNECTED.has(cause.code);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici hides the useful part (ECONNREFUSED, ECONNRESET…) in `cause`.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
