// Sign-in through the merchant's identity provider: /oidc/start sends the browser there with a short-lived
// cookie that binds the flow to it; /oidc/callback checks the answer, opens the session and goes back to the
// console page the person started from (a path of this connector only). A person the provider knows but whose
// groups map to no console role gets a page that says so, not a session.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { CodedError } from '../../domain/coded-error.js';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../../domain/console-session.js';
import { type OidcSignIn, SIGN_IN_FLOW_MS } from '../../flows/console/oidc-sign-in.js';
import type { ActiveSession, Identity } from '../../flows/console/sessions.js';
import { clearConsoleCookie, SIGN_IN_FLOW, setConsoleCookie } from '../console-cookies.js';
import { requestCookie } from '../operator-guard.js';

interface OidcRouteDeps {
  oidc: OidcSignIn;
  secureCookies: boolean;
  perIp: preHandlerAsyncHookHandler[];
  startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    identity: Identity,
    method: string,
  ): Promise<ActiveSession>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, title: string, message: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">` +
        `<h1>${escapeHtml(title)}</h1><p>${message}</p>` +
        `<p><a href="${DEFAULT_RETURN_TO}">Back to the console sign-in</a></p></body></html>`,
    );
}

/** The provider did not answer (discovery, its token endpoint): a 502 for the browser, the cause in the log. */
async function fromProvider<T>(oidc: OidcSignIn, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new CodedError(
      'IdentityProviderUnavailable',
      `${oidc.label} did not answer; try again shortly`,
      {},
      { cause: error },
    );
  }
}

export function registerOidcSignInRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const { oidc } = deps;

  app.get('/admin/api/session/oidc/start', { preHandler: deps.perIp }, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo);
    const started = await fromProvider(oidc, () => oidc.start(returnTo));
    setConsoleCookie(request, reply, SIGN_IN_FLOW, {
      token: started.browserToken,
      maxAgeSeconds: SIGN_IN_FLOW_MS / 1000,
      secureAlways: deps.secureCookies,
    });
    return reply.redirect(started.url, 302);
  });

  app.get('/admin/api/session/oidc/callback', { preHandler: deps.perIp }, async (request, reply) => {
    const browserToken = requestCookie(request, SIGN_IN_FLOW.name);
    clearConsoleCookie(request, reply, SIGN_IN_FLOW, deps.secureCookies);
    const callbackUrl = new URL(request.url, 'http://callback.invalid');
    const result = await fromProvider(oidc, () => oidc.finish(browserToken, callbackUrl));
    if (result.outcome === 'failed') {
      request.log.info({ reason: result.reason }, 'console sign-in through the identity provider failed');
      return page(
        reply,
        400,
        'Sign-in did not complete',
        `${escapeHtml(result.reason)}. Start the sign-in again.`,
      );
    }
    if (result.outcome === 'no-role') {
      request.log.info('console sign-in refused: no console role in the identity provider claim');
      return page(
        reply,
        403,
        'No console role',
        `You signed in at ${escapeHtml(oidc.label)} as ${escapeHtml(result.name)}, but none of your groups gives ` +
          'you a role in the console. Ask your administrator to add you to a group the connector maps to a role ' +
          '(CONSOLE_OIDC_ROLE_MAP).',
      );
    }
    await deps.startSession(request, reply, result.identity, 'oidc');
    return reply.redirect(result.returnTo, 302);
  });
}
