// The console's sign-in API (/admin/api/session): which methods this deployment offers, who is signed in, the
// sandbox's one-click demo roles, password sign-in against the local operators file, and sign-out. Sign-in
// POSTs take JSON only (a form on another site cannot post JSON without CORS) and are rate-limited per IP and
// per email; the answer to a bad email and to a bad password is the same.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { CodedError } from '../../domain/coded-error.js';
import { OPERATOR_ROLES, permissionsOf } from '../../domain/operators.js';
import type { OidcSignIn } from '../../flows/console/oidc-sign-in.js';
import type { LocalOperator } from '../../flows/console/operators-file.js';
import { checkPassword } from '../../flows/console/password-sign-in.js';
import { sandboxIdentity } from '../../flows/console/sandbox-sign-in.js';
import {
  type ActiveSession,
  type Identity,
  type SessionDeps,
  signIn,
  signOut,
} from '../../flows/console/sessions.js';
import { createAttemptLimiter } from '../attempt-limiter.js';
import { clearConsoleCookie, SESSION, setConsoleCookie } from '../console-cookies.js';
import { parseInput, unauthorized } from '../errors.js';
import { type Guard, operatorOf, requestCookie, SESSION_COOKIE } from '../operator-guard.js';
import { registerOidcSignInRoutes } from './admin-session-oidc.js';

export interface ConsoleSignInDeps {
  sessions: SessionDeps;
  guard: Guard;
  mode: 'sandbox' | 'live';
  localOperators: readonly LocalOperator[];
  oidc?: OidcSignIn | undefined;
  /** Always `Secure` cookies (CONSOLE_COOKIE_SECURE), not only over HTTPS. */
  secureCookies: boolean;
  /** Sign-ins per minute per IP and per email; 0: unlimited. */
  signInRateLimit: number;
}

const sandboxBody = z.strictObject({ role: z.enum(OPERATOR_ROLES) });
const passwordBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** What GET /admin/api/session answers; the admin API token has no session, hence no CSRF token or end. */
function describeSession(request: FastifyRequest, session: ActiveSession | undefined) {
  const operator = session?.operator ?? operatorOf(request);
  return {
    operator: { id: operator.id, name: operator.name, role: operator.role, via: operator.via },
    permissions: permissionsOf(operator.role),
    csrfToken: session?.csrfToken ?? null,
    expiresAt: session?.expiresAt.toISOString() ?? null,
  };
}

function requireJson(request: FastifyRequest): void {
  if (!request.headers['content-type']?.toLowerCase().startsWith('application/json'))
    throw new CodedError('BadRequest', 'content-type: sign-in takes application/json');
}

export async function registerConsoleSessionRoutes(
  app: FastifyInstance,
  deps: ConsoleSignInDeps,
): Promise<void> {
  const { guard } = deps;
  const startSession = async (
    request: FastifyRequest,
    reply: FastifyReply,
    identity: Identity,
    method: string,
  ) => {
    const { token, session } = await signIn(deps.sessions, identity, {
      method,
      correlationId: request.id,
      replacing: requestCookie(request, SESSION_COOKIE),
    });
    setConsoleCookie(request, reply, SESSION, {
      token,
      maxAgeSeconds: deps.sessions.lifetime.absoluteMs / 1000,
      secureAlways: deps.secureCookies,
    });
    return session;
  };

  app.get('/admin/api/session/methods', async () => ({
    sandbox: deps.mode === 'sandbox' ? { roles: [...OPERATOR_ROLES] } : null,
    oidc: deps.oidc ? { label: deps.oidc.label, startUrl: '/admin/api/session/oidc/start' } : null,
    password: deps.localOperators.length > 0,
  }));

  app.get('/admin/api/session', { onRequest: guard('read') }, async (request) =>
    describeSession(request, request.consoleSession),
  );

  app.post('/admin/api/session/sign-out', async (request, reply) => {
    const token = requestCookie(request, SESSION_COOKIE);
    // With a session, sign-out is a state change like any other: it needs the CSRF token (guard runs here).
    if (token && !request.headers.authorization) {
      try {
        await guard('read').call(app, request, reply);
      } catch (error) {
        if (!(error instanceof CodedError) || error.code !== 'Unauthorized') throw error;
      }
      if (request.consoleSession) await signOut(deps.sessions, token, request.id);
    }
    clearConsoleCookie(request, reply, SESSION, deps.secureCookies);
    return reply.code(204).send();
  });

  // A scope of its own, so its rate limits apply only to the sign-in routes registered inside.
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new CodedError('TooManyRequests', `too many sign-in attempts; retry in ${context.after}`),
    });
    const limit = deps.signInRateLimit;
    const perIp =
      limit > 0 ? [scope.rateLimit({ max: limit, timeWindow: 60_000, keyGenerator: (r) => r.ip })] : [];
    const emails = createAttemptLimiter(limit, 60_000);
    const perEmail: preHandlerAsyncHookHandler[] =
      limit > 0
        ? [
            async (request) => {
              const email = (request.body as { email?: unknown } | undefined)?.email;
              if (typeof email === 'string' && !emails.allow(email.trim().toLowerCase()))
                throw new CodedError(
                  'TooManyRequests',
                  'too many sign-in attempts for this email; retry in a minute',
                );
            },
          ]
        : [];

    if (deps.mode === 'sandbox')
      scope.post('/admin/api/session/sandbox', async (request, reply) => {
        requireJson(request);
        const { role } = parseInput(sandboxBody, request.body);
        return describeSession(request, await startSession(request, reply, sandboxIdentity(role), 'sandbox'));
      });

    if (deps.localOperators.length > 0)
      scope.post(
        '/admin/api/session/password',
        { preHandler: [...perIp, ...perEmail] },
        async (request, reply) => {
          requireJson(request);
          const { email, password } = parseInput(passwordBody, request.body);
          const identity = await checkPassword(deps.localOperators, email, password);
          if (!identity) throw unauthorized('the email or the password is wrong');
          return describeSession(request, await startSession(request, reply, identity, 'password'));
        },
      );

    if (deps.oidc) registerOidcSignInRoutes(scope, { ...deps, oidc: deps.oidc, perIp, startSession });
  });
}
