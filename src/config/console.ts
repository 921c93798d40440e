// The operator console's sign-in: how long sessions live, and the ways people sign in (the sandbox's demo
// roles, a local operators file, or the merchant's identity provider over OpenID Connect).
import { isOperatorRole, type OperatorRole } from '../domain/operators.js';
import { duration, flag, list, pairs, secret, text, url, wholeNumber } from './parsers.js';
import { variable } from './variable.js';

export const consoleSignIn = {
  CONSOLE_SESSION_TTL: variable({
    doc: 'a console session ends this long after sign-in, however active',
    parse: duration(5 * 60_000, 30 * 86_400_000),
    default: '12h',
  }),
  CONSOLE_SESSION_IDLE: variable({
    doc: 'a console session ends after this long without a request',
    parse: duration(60_000, 30 * 86_400_000),
    default: '8h',
  }),
  CONSOLE_COOKIE_SECURE: variable({
    doc: 'always mark the session cookie `Secure`; otherwise it is `Secure` when the request came over HTTPS (behind a proxy: with `CONNECTOR_TRUST_PROXY`, from `X-Forwarded-Proto`)',
    parse: flag,
    default: 'false',
  }),
  CONSOLE_SIGN_IN_RATE_LIMIT: variable({
    doc: 'password and identity-provider sign-ins per minute, per client IP and per email, then 429; `0` turns it off',
    parse: wholeNumber(0, 10_000),
    default: '10',
  }),
  CONSOLE_OPERATORS_FILE: variable({
    doc: 'local operators (JSON or YAML list of `{email, name, role, passwordHash}`), for merchants without an identity provider ([console](console.md#the-operators-file)); `ct-friendbuy operators add` writes it',
    parse: text,
  }),
  CONSOLE_PUBLIC_URL: variable({
    doc: "the connector's URL as browsers reach it; the identity provider redirects to `<url>/admin/api/session/oidc/callback`",
    parse: url('http:', 'https:'),
    defaultDoc: '`CONNECTOR_PUBLIC_URL`',
  }),
  CONSOLE_OIDC_ISSUER: variable({
    doc: 'the OpenID Connect issuer URL of your identity provider; the console then offers to sign in with it',
    parse: url('http:', 'https:'),
  }),
  CONSOLE_OIDC_CLIENT_ID: variable({
    doc: "the console's client id at the identity provider",
    parse: text,
  }),
  CONSOLE_OIDC_CLIENT_SECRET: variable({
    doc: "the console's client secret at the identity provider",
    parse: secret(),
    secret: true,
  }),
  CONSOLE_OIDC_SCOPES: variable({
    doc: 'scopes asked for at sign-in, space-separated (add the one that releases the roles claim, e.g. `groups`)',
    parse: list(/\s+/, 'scopes, space-separated'),
    default: 'openid profile email',
  }),
  CONSOLE_OIDC_ROLES_CLAIM: variable({
    doc: "the ID token or userinfo claim that lists the person's groups or roles",
    parse: text,
    default: 'roles',
  }),
  CONSOLE_OIDC_ROLE_MAP: variable({
    doc: 'claim values → console roles, e.g. `ct-fraud=reviewer,ct-cs=agent,ct-ops=admin,ct-marketing=viewer`; a person with no mapped value is refused. Unset: values that are role names count as such',
    parse: pairs<Record<string, OperatorRole>>(
      'comma-separated `value=role` pairs (roles: viewer, agent, reviewer, admin)',
      'group=reviewer',
      (key, value) => (isOperatorRole(value) ? [key, value] : undefined),
    ),
  }),
  CONSOLE_OIDC_LABEL: variable({
    doc: 'the sign-in button reads `Sign in with <label>`',
    parse: text,
    default: 'your identity provider',
  }),
};
