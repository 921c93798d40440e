// The one error every Merchant API failure becomes, so callers (outbox workers) decide retry-or-dead-letter
// from `retryable` alone. It never carries the MAPI secret or a bearer token.
import type { FriendbuyErrorBody } from './types.js';

export interface FriendbuyApiErrorInit {
  /** `POST /v1/event/purchase` style: method and path, never the full URL with a query of personal data. */
  endpoint: string;
  /** HTTP status, or undefined when no response arrived (network error, timeout, rejected locally). */
  status?: number | undefined;
  retryable: boolean;
  /**
   * The request may have reached Friendbuy and been acted on (a timeout, a dropped connection, a 5xx after
   * sending): for a call Friendbuy cannot deduplicate, sending it again could count it twice.
   */
  ambiguous?: boolean | undefined;
  body?: FriendbuyErrorBody | undefined;
  cause?: unknown;
}

export class FriendbuyApiError extends Error {
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly body: FriendbuyErrorBody | undefined;

  constructor(message: string, init: FriendbuyApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FriendbuyApiError';
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.retryable = init.retryable;
    this.ambiguous = init.ambiguous ?? false;
    this.body = init.body;
  }
}

/** 429 and 5xx are Friendbuy saying "not now"; any other 4xx will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
