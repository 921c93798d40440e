// The console's operators and sessions (migration 031). Sessions are looked up by the hash of their token; the
// idle and absolute ends are both checked in the query, so an ended session is never found.
import type { OperatorRole as Role } from '../domain/operators.js';
import type { Queryable } from './db.js';

export type OperatorSource = 'oidc' | 'local' | 'sandbox';

export interface SessionRow {
  operatorId: string;
  operatorName: string;
  role: Role;
  source: OperatorSource;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface ConsoleOperatorRow {
  id: string;
  name: string;
  role: Role;
  source: OperatorSource;
  lastSignedInAt: Date;
  activeSessions: number;
}

export async function saveOperatorSignIn(
  q: Queryable,
  operator: { id: string; name: string; role: Role; source: OperatorSource },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO console_operators (id, name, role, source, last_signed_in_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = $2, role = $3, source = $4, last_signed_in_at = $5`,
    [operator.id, operator.name, operator.role, operator.source, now],
  );
}

export async function insertSession(
  q: Queryable,
  session: { tokenHash: Buffer; operatorId: string; operatorName: string; role: Role; expiresAt: Date },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO console_sessions (token_hash, operator_id, operator_name, role, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6)`,
    [session.tokenHash, session.operatorId, session.operatorName, session.role, now, session.expiresAt],
  );
}

/** The session, unless it ended: past its absolute end, or not seen since `idleSince`. */
export async function findLiveSession(
  q: Queryable,
  tokenHash: Buffer,
  now: Date,
  idleSince: Date,
): Promise<SessionRow | undefined> {
  const result = await q.query<SessionRow>(
    `SELECT s.operator_id AS "operatorId", s.operator_name AS "operatorName", s.role, o.source,
       s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt"
     FROM console_sessions s JOIN console_operators o ON o.id = s.operator_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3`,
    [tokenHash, now, idleSince],
  );
  return result.rows[0];
}

/** Marks the session seen now, at most once per `staleBefore` window, so reads do not write on every request. */
export async function touchSession(
  q: Queryable,
  tokenHash: Buffer,
  now: Date,
  staleBefore: Date,
): Promise<void> {
  await q.query('UPDATE console_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $3', [
    tokenHash,
    now,
    staleBefore,
  ]);
}

/** Ends one session; answers whose it was. */
export async function deleteSession(q: Queryable, tokenHash: Buffer): Promise<SessionRow | undefined> {
  const result = await q.query<SessionRow>(
    `DELETE FROM console_sessions s USING console_operators o WHERE s.token_hash = $1 AND o.id = s.operator_id
     RETURNING s.operator_id AS "operatorId", s.operator_name AS "operatorName", s.role, o.source,
       s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt"`,
    [tokenHash],
  );
  return result.rows[0];
}

/** Ends every session of one operator; answers how many were live. */
export async function deleteOperatorSessions(
  q: Queryable,
  operatorId: string,
  now: Date,
  idleSince: Date,
): Promise<number> {
  const result = await q.query<{ live: boolean }>(
    `DELETE FROM console_sessions WHERE operator_id = $1
     RETURNING (expires_at > $2 AND last_seen_at > $3) AS live`,
    [operatorId, now, idleSince],
  );
  return result.rows.filter((row) => row.live).length;
}

/** Forgets ended sessions (called at each sign-in, so the table holds little more than the live ones). */
export async function deleteEndedSessions(q: Queryable, now: Date, idleSince: Date): Promise<void> {
  await q.query('DELETE FROM console_sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [
    now,
    idleSince,
  ]);
}

export async function listConsoleOperators(
  q: Queryable,
  now: Date,
  idleSince: Date,
): Promise<ConsoleOperatorRow[]> {
  const result = await q.query<ConsoleOperatorRow>(
    `SELECT o.id, o.name, o.role, o.source, o.last_signed_in_at AS "lastSignedInAt",
       (SELECT count(*) FROM console_sessions s
        WHERE s.operator_id = o.id AND s.expires_at > $1 AND s.last_seen_at > $2)::int AS "activeSessions"
     FROM console_operators o ORDER BY o.last_signed_in_at DESC, o.id LIMIT 1000`,
    [now, idleSince],
  );
  return result.rows;
}
