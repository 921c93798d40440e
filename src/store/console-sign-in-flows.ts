// OpenID Connect sign-ins under way (migration 031): what the callback must check, kept for a few minutes and
// taken once, by the hash of the browser's short-lived cookie.
import type { Queryable } from './db.js';

export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export async function saveSignInFlow(
  q: Queryable,
  browserHash: Buffer,
  flow: SignInFlow,
  expiresAt: Date,
  now: Date,
): Promise<void> {
  await q.query('DELETE FROM console_sign_in_flows WHERE expires_at <= $1', [now]);
  await q.query(
    `INSERT INTO console_sign_in_flows (browser_hash, state, nonce, code_verifier, return_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [browserHash, flow.state, flow.nonce, flow.codeVerifier, flow.returnTo, expiresAt],
  );
}

/** The flow, removed so it completes at most once; undefined when unknown or expired. */
export async function takeSignInFlow(
  q: Queryable,
  browserHash: Buffer,
  now: Date,
): Promise<SignInFlow | undefined> {
  const result = await q.query<SignInFlow & { expiresAt: Date }>(
    `DELETE FROM console_sign_in_flows WHERE browser_hash = $1
     RETURNING state, nonce, code_verifier AS "codeVerifier", return_to AS "returnTo", expires_at AS "expiresAt"`,
    [browserHash],
  );
  const flow = result.rows[0];
  if (!flow || new Date(flow.expiresAt) <= now) return undefined;
  return { state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier, returnTo: flow.returnTo };
}
