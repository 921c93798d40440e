// Every call the console makes to the admin API goes through here: JSON in and out, the session cookie sent
// same-origin, the CSRF token on every state-changing request, and one error type whose message says what
// happened. A 401 tells the app to show the sign-in page.
import type { ApiErrorBody } from './api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly correlationId?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => {};

/** The session's CSRF token, sent as X-CSRF-Token on POST/PUT/PATCH/DELETE (set after GET /admin/api/session). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the server answers 401: the session expired or was signed out elsewhere. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function getJson<T>(path: string, query?: Query): Promise<T> {
  return request<T>('GET', withQuery(path, query));
}

export function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, body);
}

export function deleteJson<T>(path: string): Promise<T> {
  return request<T>('DELETE', path);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Offline', 'The connector did not answer. Check your network, then try again.');
  }
  if (response.status === 401 && !path.startsWith('/admin/api/session')) onSignedOut();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw errorOf(response.status, parsed);
  return parsed as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const answer = (body ?? {}) as ApiErrorBody;
  const code = answer.error?.code ?? answer.code ?? `Http${status}`;
  const message =
    answer.error?.message ?? answer.message ?? FALLBACK[status] ?? `The connector answered ${status}.`;
  return new ApiError(status, code, message, answer.correlationId);
}

const FALLBACK: Record<number, string> = {
  401: 'You are signed out.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  429: 'Too many attempts; wait a minute and try again.',
  503: 'The connector is starting or its store is unavailable; try again in a moment.',
};
