// Console sessions: a random token in the browser's cookie, its SHA-256 in the store, and the CSRF token derived
// from it (an HMAC), so nothing that signs a person in is ever stored or logged. Signing in and out are operator
// actions on the audit trail, recorded in the same transaction as the session row.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { type SessionLifetime, sessionExpiresAt } from '../../domain/console-session.js';
import type { Operator, OperatorRole } from '../../domain/operators.js';
import {
  deleteEndedSessions,
  deleteOperatorSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  type OperatorSource,
  saveOperatorSignIn,
  touchSession,
} from '../../store/console-sessions.js';
import type { Db, Queryable } from '../../store/db.js';
import { recordOperatorAction } from '../operator-audit.js';

export type { OperatorSource };

export interface SessionDeps {
  db: Db;
  clock: Clock;
  lifetime: SessionLifetime;
}

/** Who signs in, as the sign-in method proved it. */
export interface Identity {
  id: string;
  name: string;
  role: OperatorRole;
  source: OperatorSource;
}

export interface ActiveSession {
  operator: Operator;
  source: OperatorSource;
  csrfToken: string;
  expiresAt: Date;
}

/** A minute between `last_seen_at` writes: precise enough for an idle timeout of minutes or hours. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** The CSRF token of a session: only the holder of its cookie can compute it, and nothing needs storing. */
function csrfTokenOf(token: string): string {
  return createHmac('sha256', token).update('ctfb-console-csrf').digest('base64url');
}

const operatorOf = (identity: { id: string; name: string; role: OperatorRole }): Operator => ({
  id: identity.id,
  name: identity.name,
  role: identity.role,
  via: 'session',
});

/**
 * Opens a session; answers the cookie's token and the session. The browser's previous session (`replacing`, its
 * old cookie) ends in the same transaction: signing in as someone else signs the previous person out.
 */
export async function signIn(
  deps: SessionDeps,
  identity: Identity,
  context: { correlationId?: string | undefined; method: string; replacing?: string | undefined },
): Promise<{ token: string; session: ActiveSession }> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.lifetime.absoluteMs);
  const operator = operatorOf(identity);
  await deps.db.transaction(async (tx) => {
    await deleteEndedSessions(tx, now, new Date(now.getTime() - deps.lifetime.idleMs));
    if (context.replacing) await endSession(tx, context.replacing, now, context.correlationId);
    await saveOperatorSignIn(tx, identity, now);
    await insertSession(
      tx,
      {
        tokenHash: hashOf(token),
        operatorId: identity.id,
        operatorName: identity.name,
        role: identity.role,
        expiresAt,
      },
      now,
    );
    await recordOperatorAction(
      tx,
      operator,
      { action: 'signed-in', details: { method: context.method }, correlationId: context.correlationId },
      now,
    );
  });
  return {
    token,
    session: {
      operator,
      source: identity.source,
      csrfToken: csrfTokenOf(token),
      expiresAt: sessionExpiresAt({ createdAt: now, lastSeenAt: now }, deps.lifetime),
    },
  };
}

/** The live session behind a cookie's token, marked seen; undefined once it ended or was revoked. */
export async function resumeSession(deps: SessionDeps, token: string): Promise<ActiveSession | undefined> {
  const now = deps.clock.now();
  const tokenHash = hashOf(token);
  const row = await findLiveSession(deps.db, tokenHash, now, new Date(now.getTime() - deps.lifetime.idleMs));
  if (!row) return undefined;
  const lastSeenAt = new Date(row.lastSeenAt);
  const stale = now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
  if (stale) await touchSession(deps.db, tokenHash, now, new Date(now.getTime() - TOUCH_EVERY_MS));
  const seen = stale ? now : lastSeenAt;
  return {
    operator: operatorOf({ id: row.operatorId, name: row.operatorName, role: row.role }),
    source: row.source,
    csrfToken: csrfTokenOf(token),
    expiresAt: sessionExpiresAt({ createdAt: new Date(row.createdAt), lastSeenAt: seen }, deps.lifetime),
  };
}

/** Ends the session behind a token (nothing happens for an unknown one). */
export async function signOut(deps: SessionDeps, token: string, correlationId?: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction((tx) => endSession(tx, token, now, correlationId));
}

async function endSession(tx: Queryable, token: string, now: Date, correlationId: string | undefined) {
  const ended = await deleteSession(tx, hashOf(token));
  if (!ended) return;
  const operator = operatorOf({ id: ended.operatorId, name: ended.operatorName, role: ended.role });
  await recordOperatorAction(tx, operator, { action: 'signed-out', correlationId }, now);
}

/** Signs an operator out everywhere (an admin's action, on the audit trail); answers how many sessions ended. */
export async function revokeOperatorSessions(
  deps: SessionDeps,
  by: Operator,
  operatorId: string,
  correlationId?: string,
): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ended = await deleteOperatorSessions(
      tx,
      operatorId,
      now,
      new Date(now.getTime() - deps.lifetime.idleMs),
    );
    await recordOperatorAction(
      tx,
      by,
      {
        action: 'sessions.revoked',
        subject: `operator:${operatorId}`,
        details: { sessions: ended },
        correlationId,
      },
      now,
    );
    return ended;
  });
}
