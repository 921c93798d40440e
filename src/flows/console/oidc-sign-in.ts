// Sign-in through the merchant's identity provider (OpenID Connect, authorization code flow with PKCE, state
// and nonce, by openid-client). What the callback must check is kept in the store for ten minutes under the
// hash of a cookie only the starting browser holds, so a callback link sent to someone else signs no one in.
// The role comes from a claim (ID token, else userinfo) through CONSOLE_OIDC_ROLE_MAP; no mapped role, no entry.
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Clock } from '../../clock.js';
import type { OidcSettings } from '../../config-console.js';
import { roleFromClaim } from '../../domain/operator-access.js';
import { saveSignInFlow, takeSignInFlow } from '../../store/console-sign-in-flows.js';
import type { Db } from '../../store/db.js';
import type { Identity } from './sessions.js';

export const SIGN_IN_FLOW_MS = 10 * 60_000;

export type OidcOutcome =
  | { outcome: 'signed-in'; identity: Identity; returnTo: string }
  /** The person is known to the identity provider but holds no role the console maps. */
  | { outcome: 'no-role'; name: string; returnTo: string }
  /** Unknown, expired or replayed flow, or the provider refused: start again. */
  | { outcome: 'failed'; reason: string };

export interface OidcSignIn {
  label: string;
  /** Where to send the browser, and the token of the cookie that binds the flow to it. */
  start(returnTo: string): Promise<{ url: string; browserToken: string }>;
  finish(browserToken: string | undefined, callbackUrl: URL): Promise<OidcOutcome>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();
const isLoopback = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

export function createOidcSignIn(settings: OidcSettings, deps: { db: Db; clock: Clock }): OidcSignIn {
  // Discovered on first use and kept: the connector starts even while the provider is unreachable.
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        oidc.ClientSecretPost(settings.clientSecret),
        {
          // Plain HTTP only for a provider on this machine (a development or test provider).
          execute: isLoopback(settings.issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    label: settings.label,
    async start(returnTo) {
      const config = await configuration();
      const flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      };
      const browserToken = randomBytes(32).toString('base64url');
      const now = deps.clock.now();
      await saveSignInFlow(
        deps.db,
        hashOf(browserToken),
        flow,
        new Date(now.getTime() + SIGN_IN_FLOW_MS),
        now,
      );
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes.join(' '),
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, browserToken };
    },

    async finish(browserToken, callbackUrl) {
      if (!browserToken) return { outcome: 'failed', reason: 'this browser did not start a sign-in' };
      const flow = await takeSignInFlow(deps.db, hashOf(browserToken), deps.clock.now());
      if (!flow) return { outcome: 'failed', reason: 'the sign-in expired or was already used' };
      const config = await configuration();
      // The provider answers on our redirect URI; the request's own host may differ behind a proxy.
      const current = new URL(`${settings.redirectUri}${callbackUrl.search}`);
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        return { outcome: 'failed', reason: (error as Error).message };
      }
      const claims = tokens.claims();
      if (!claims) return { outcome: 'failed', reason: 'the identity provider sent no ID token' };
      let all: Record<string, unknown> = claims;
      if (claims[settings.rolesClaim] === undefined && tokens.access_token) {
        try {
          all = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
        } catch (error) {
          return { outcome: 'failed', reason: `userinfo: ${(error as Error).message}` };
        }
      }
      const name = [all.name, all.email, all.preferred_username, claims.sub].find(
        (value): value is string => typeof value === 'string' && value.length > 0,
      )!;
      const role = roleFromClaim(all[settings.rolesClaim], settings.roleMap);
      if (!role) return { outcome: 'no-role', name, returnTo: flow.returnTo };
      return {
        outcome: 'signed-in',
        identity: { id: `oidc:${claims.sub}`, name, role, source: 'oidc' },
        returnTo: flow.returnTo,
      };
    },
  };
}
