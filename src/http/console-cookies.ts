// The console's cookies: the session (`ctfb_console`, every path, HttpOnly, SameSite=Lax so a link from another
// site still arrives signed in but another site's form or fetch does not) and the OpenID Connect flow's, which
// only the callback reads. Secure whenever the browser came over HTTPS, or always when configured.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './operator-guard.js';

export interface ConsoleCookie {
  name: string;
  path: string;
}

export const SESSION: ConsoleCookie = { name: SESSION_COOKIE, path: '/' };
export const SIGN_IN_FLOW: ConsoleCookie = { name: 'ctfb_console_oidc', path: '/admin/api/session/oidc' };

function options(request: FastifyRequest, cookie: ConsoleCookie, secureAlways: boolean) {
  // request.protocol reads X-Forwarded-Proto only from proxies CONNECTOR_TRUST_PROXY trusts.
  const secure = secureAlways || request.protocol === 'https';
  return { httpOnly: true, sameSite: 'lax' as const, path: cookie.path, secure };
}

export function setConsoleCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: ConsoleCookie,
  value: { token: string; maxAgeSeconds: number; secureAlways: boolean },
): void {
  void reply.setCookie(cookie.name, value.token, {
    ...options(request, cookie, value.secureAlways),
    maxAge: value.maxAgeSeconds,
  });
}

export function clearConsoleCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: ConsoleCookie,
  secureAlways: boolean,
): void {
  void reply.clearCookie(cookie.name, options(request, cookie, secureAlways));
}
