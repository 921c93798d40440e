// The operator console's configuration: its variables are a group of the table (src/config/console.ts), read
// with the rest of the environment by `loadConfig`; this turns them into one value and checks they fit together.

import type { consoleSignIn } from './config/console.js';
import type { connect } from './config/services.js';
import type { ValuesOf } from './config/variable.js';
import type { SessionLifetime } from './domain/console-session.js';
import type { RoleMap } from './domain/operator-access.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  rolesClaim: string;
  roleMap: RoleMap;
  label: string;
  /** Where the identity provider sends the browser back: `<CONSOLE_PUBLIC_URL>/admin/api/session/oidc/callback`. */
  redirectUri: string;
}

export interface ConsoleConfig {
  session: SessionLifetime;
  /** Always `Secure` cookies, not only on requests that came over HTTPS. */
  secureCookies: boolean;
  /** Sign-ins per minute, per IP and per email; 0: unlimited. */
  signInRateLimit: number;
  /** The local operators file (CONSOLE_OPERATORS_FILE), loaded and checked at start. */
  operatorsFile?: string | undefined;
  /** Sign-in through the merchant's identity provider, when CONSOLE_OIDC_ISSUER is set. */
  oidc?: OidcSettings | undefined;
}

export const OIDC_CALLBACK_PATH = '/admin/api/session/oidc/callback';

export function consoleConfigFrom(
  values: ValuesOf<typeof consoleSignIn> &
    Pick<ValuesOf<typeof connect>, 'CONNECTOR_PUBLIC_URL' | 'CONNECT_SERVICE_URL'>,
  problems: string[],
): ConsoleConfig {
  return {
    session: { idleMs: values.CONSOLE_SESSION_IDLE, absoluteMs: values.CONSOLE_SESSION_TTL },
    secureCookies: values.CONSOLE_COOKIE_SECURE,
    signInRateLimit: values.CONSOLE_SIGN_IN_RATE_LIMIT,
    operatorsFile: values.CONSOLE_OPERATORS_FILE,
    oidc: oidcSettingsOf(values, problems),
  };
}

function oidcSettingsOf(
  values: Parameters<typeof consoleConfigFrom>[0],
  problems: string[],
): OidcSettings | undefined {
  const issuer = values.CONSOLE_OIDC_ISSUER;
  if (!issuer) {
    if (values.CONSOLE_OIDC_CLIENT_ID)
      problems.push('CONSOLE_OIDC_CLIENT_ID is set without CONSOLE_OIDC_ISSUER');
    return undefined;
  }
  const publicUrl = values.CONSOLE_PUBLIC_URL ?? values.CONNECTOR_PUBLIC_URL ?? values.CONNECT_SERVICE_URL;
  const missing = [
    values.CONSOLE_OIDC_CLIENT_ID ? undefined : 'CONSOLE_OIDC_CLIENT_ID',
    values.CONSOLE_OIDC_CLIENT_SECRET ? undefined : 'CONSOLE_OIDC_CLIENT_SECRET',
    publicUrl ? undefined : 'CONSOLE_PUBLIC_URL (or CONNECTOR_PUBLIC_URL)',
  ].filter((name) => name !== undefined);
  for (const name of missing) problems.push(`${name} is required with CONSOLE_OIDC_ISSUER`);
  if (!values.CONSOLE_OIDC_SCOPES.includes('openid'))
    problems.push('CONSOLE_OIDC_SCOPES must include openid');
  if (missing.length > 0) return undefined;
  return {
    issuer,
    clientId: values.CONSOLE_OIDC_CLIENT_ID!,
    clientSecret: values.CONSOLE_OIDC_CLIENT_SECRET!,
    scopes: values.CONSOLE_OIDC_SCOPES,
    rolesClaim: values.CONSOLE_OIDC_ROLES_CLAIM,
    roleMap: values.CONSOLE_OIDC_ROLE_MAP ?? {},
    label: values.CONSOLE_OIDC_LABEL,
    redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
  };
}
