// Shared-secret checks for inbound routes, compared in constant time so response timing leaks nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { unauthorized } from './errors.js';

/** Constant-time string equality (hashing first makes the lengths equal, so length leaks nothing either). */
export function safeEqual(actual: string, expected: string): boolean {
  return secretMatcher(expected)(actual);
}

/**
 * `safeEqual` against one secret fixed at start (a route's token): its digest is computed once, so each request
 * hashes only what it sent.
 */
export function secretMatcher(expected: string): (actual: string) => boolean {
  const b = createHash('sha256').update(expected).digest();
  return (actual) => {
    const a = createHash('sha256').update(actual).digest();
    return timingSafeEqual(a, b) && actual.length === expected.length;
  };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return undefined;
}

/**
 * onRequest hook factory: accepts `Authorization: Bearer <token>` or, where allowed, `?token=<token>`.
 * Callback-style like the app's own hooks: it guards the event intake, so no promise per request.
 */
export function requireBearer(
  expected: string,
  options: { allowQueryToken?: boolean } = {},
): onRequestHookHandler {
  const matches = secretMatcher(expected);
  return (request, _reply, done) => {
    const query = request.query as Record<string, unknown> | undefined;
    const fromQuery = options.allowQueryToken && typeof query?.token === 'string' ? query.token : undefined;
    const token = bearerToken(request) ?? fromQuery;
    done(token && matches(token) ? undefined : unauthorized());
  };
}
