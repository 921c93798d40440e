// The admin API's gate: each route asks for a permission (src/domain/operators.ts) and finds the operator who
// passed on `request.operator`. Automation passes with the admin API token (acting as an admin); people pass
// with a console session cookie, and a session's state-changing request must also carry its CSRF token, which a
// page of another site cannot read, so a forged form or fetch is refused.
import type {} from '@fastify/cookie';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { CodedError } from '../domain/coded-error.js';
import { refusalMessage } from '../domain/operator-access.js';
import { ADMIN_TOKEN_OPERATOR, can, type Operator, type Permission } from '../domain/operators.js';
import type { ActiveSession } from '../flows/console/sessions.js';
import { bearerToken, safeEqual } from './auth.js';
import { unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who passed the guard; set before the handler runs on every guarded route. */
    operator?: Operator;
    /** The console session that passed the guard; absent for the admin API token. */
    consoleSession?: ActiveSession;
  }
}

/** An onRequest hook that lets through only an operator holding `permission`. */
export type Guard = (permission: Permission) => onRequestAsyncHookHandler;

export const SESSION_COOKIE = 'ctfb_console';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A cookie the browser sent. Cookies are parsed here, on demand, not by a hook on every request: the cart API
 * extension and event intake never read one and should not pay for it.
 */
export function requestCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  return header ? request.server.parseCookie(header)[name] : undefined;
}

/** The guard for automation alone: `Authorization: Bearer <CONNECTOR_ADMIN_TOKEN>`. */
export function bearerGuard(adminToken: string): Guard {
  return consoleGuard({ adminToken });
}

export interface ConsoleGuardOptions {
  adminToken: string;
  /** The live session behind a cookie's token; absent, only the admin API token passes. */
  resumeSession?: ((token: string) => Promise<ActiveSession | undefined>) | undefined;
}

/** The token, else a console session (with its CSRF token on anything but a read); then the permission. */
export function consoleGuard(options: ConsoleGuardOptions): Guard {
  return (permission) => async (request: FastifyRequest) => {
    const operator =
      (await tokenOperator(request, options.adminToken)) ?? (await sessionOperator(request, options));
    if (!can(operator.role, permission))
      throw new CodedError('Forbidden', refusalMessage(operator.role, permission), { permission });
    request.operator = operator;
  };
}

async function tokenOperator(request: FastifyRequest, adminToken: string): Promise<Operator | undefined> {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  // A wrong token is refused outright, never retried as a session: automation learns its token is wrong.
  if (!safeEqual(token, adminToken)) throw unauthorized();
  return ADMIN_TOKEN_OPERATOR;
}

async function sessionOperator(request: FastifyRequest, options: ConsoleGuardOptions): Promise<Operator> {
  const token = requestCookie(request, SESSION_COOKIE);
  const session = token && options.resumeSession ? await options.resumeSession(token) : undefined;
  if (!token || !session) throw unauthorized('sign in to the console, or send the admin API token');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))
      throw new CodedError(
        'CsrfRejected',
        `a signed-in request that changes something needs the X-CSRF-Token header of GET /admin/api/session`,
      );
  }
  request.consoleSession = session;
  return session.operator;
}

/** The operator behind a guarded request (the guard ran, so there is one). */
export function operatorOf(request: FastifyRequest): Operator {
  if (!request.operator) throw unauthorized();
  return request.operator;
}
