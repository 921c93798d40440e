// The console's cookies: the session (`ctfb_console`, every path, HttpOnly, SameSite=Lax so a link from another
// site still arrives signed in but another site's form or fetch does not) and the OpenID Connect flow's, which
// only the callback reads. Secure whenever the browser came over HTTPS, or always when configured.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './operator-guard.js';

export const SIGN_IN_FLOW_COOKIE = 'ctfb_console_oidc';
export const SIGN_IN_FLOW_PATH = '/admin/api/session/oidc';

function options(request: FastifyRequest, secureAlways: boolean, path: string): CookieSerializeOptions {
  // request.protocol reads X-Forwarded-Proto only from proxies CONNECTOR_TRUST_PROXY trusts.
  return { httpOnly: true, sameSite: 'lax', path, secure: secureAlways || request.protocol === 'https' };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  secureAlways: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    ...options(request, secureAlways, '/'),
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secureAlways: boolean,
): void {
  void reply.clearCookie(SESSION_COOKIE, options(request, secureAlways, '/'));
}

export function setSignInFlowCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  secureAlways: boolean,
): void {
  void reply.setCookie(SIGN_IN_FLOW_COOKIE, token, {
    ...options(request, secureAlways, SIGN_IN_FLOW_PATH),
    maxAge: maxAgeSeconds,
  });
}

export function clearSignInFlowCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secureAlways: boolean,
): void {
  void reply.clearCookie(SIGN_IN_FLOW_COOKIE, options(request, secureAlways, SIGN_IN_FLOW_PATH));
}
