// The admin API's gate: each route asks for a permission (src/domain/operators.ts) and finds the operator who
// passed on `request.operator`. Today only the admin API token (automation, acting as an admin) passes; console
// sessions plug in here so every route accepts either.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ADMIN_TOKEN_OPERATOR, type Operator, type Permission } from '../domain/operators.js';
import { bearerToken, safeEqual } from './auth.js';
import { unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who passed the guard; set before the handler runs on every guarded route. */
    operator?: Operator;
  }
}

/** An onRequest hook that lets through only an operator holding `permission`. */
export type Guard = (permission: Permission) => onRequestAsyncHookHandler;

/** The guard for automation alone: `Authorization: Bearer <CONNECTOR_ADMIN_TOKEN>`. */
export function bearerGuard(adminToken: string): Guard {
  return () => async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token || !safeEqual(token, adminToken)) throw unauthorized();
    request.operator = ADMIN_TOKEN_OPERATOR;
  };
}

/** The operator behind a guarded request (the guard ran, so there is one). */
export function operatorOf(request: FastifyRequest): Operator {
  if (!request.operator) throw unauthorized();
  return request.operator;
}
