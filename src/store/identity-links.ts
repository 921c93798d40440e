// The identity graph: which identifiers name the same person. Linking identifiers that belong to different
// people merges them into the longest-known one (its id survives), moving their traits and referrals along.
// Writers serialise on one advisory lock: merges touch rows no single identifier lock would cover, and
// identity writes are rare next to reads. Lock order: a transaction holding this lock appends only to
// advocate ledger streams afterwards, never to order or customer streams (which take their locks first).
import { randomUUID } from 'node:crypto';
import type { IdentityKey, IdentityKeys, LinkKind, TraitKind } from '../domain/identity-keys.js';
import type { Queryable } from './db.js';

const IDENTITY_LOCK = 'identity-graph';

/**
 * Links every identifier to one person (merging people as needed) and attaches the traits; returns the person,
 * or undefined when there is nothing to link. Must run inside a transaction (the lock is transaction-scoped).
 */
export async function linkIdentityKeys(
  tx: Queryable,
  keys: IdentityKeys,
  now: Date,
): Promise<string | undefined> {
  if (keys.links.length === 0) return undefined;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IDENTITY_LOCK]);
  const existing = await tx.query<{ personId: string }>(
    `SELECT person_id AS "personId" FROM identity_links
     WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     GROUP BY person_id ORDER BY min(first_seen_at), person_id`,
    columns(keys.links),
  );
  const [survivor, ...merged] = existing.rows.map((row) => row.personId);
  const personId = survivor ?? `person_${randomUUID()}`;
  if (merged.length > 0) await mergeInto(tx, personId, merged);
  await tx.query(
    `INSERT INTO identity_links (kind, value, person_id, first_seen_at, last_seen_at)
     SELECT kind, value, $3, $4, $4 FROM unnest($1::text[], $2::text[]) AS k(kind, value)
     ON CONFLICT (kind, value) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
    [...columns(keys.links), personId, now],
  );
  if (keys.traits.length > 0) {
    await tx.query(
      `INSERT INTO identity_traits (person_id, kind, value, first_seen_at, last_seen_at)
       SELECT $3, kind, value, $4, $4 FROM unnest($1::text[], $2::text[]) AS k(kind, value)
       ON CONFLICT (person_id, kind, value) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
      [...columns(keys.traits), personId, now],
    );
  }
  return personId;
}

async function mergeInto(tx: Queryable, personId: string, merged: string[]): Promise<void> {
  await tx.query('UPDATE identity_links SET person_id = $1 WHERE person_id = ANY($2::text[])', [
    personId,
    merged,
  ]);
  await tx.query(
    `INSERT INTO identity_traits (person_id, kind, value, first_seen_at, last_seen_at)
     SELECT $1, kind, value, min(first_seen_at), max(last_seen_at) FROM identity_traits
     WHERE person_id = ANY($2::text[]) GROUP BY kind, value
     ON CONFLICT (person_id, kind, value) DO UPDATE SET
       first_seen_at = LEAST(identity_traits.first_seen_at, EXCLUDED.first_seen_at),
       last_seen_at = GREATEST(identity_traits.last_seen_at, EXCLUDED.last_seen_at)`,
    [personId, merged],
  );
  await tx.query('DELETE FROM identity_traits WHERE person_id = ANY($1::text[])', [merged]);
  await tx.query('UPDATE friend_referrals SET person_id = $1 WHERE person_id = ANY($2::text[])', [
    personId,
    merged,
  ]);
}

/** The person any of these identifiers names (the longest-known one if, unmerged, they name several). */
export async function findPerson(
  q: Queryable,
  links: readonly IdentityKey<LinkKind>[],
): Promise<string | undefined> {
  if (links.length === 0) return undefined;
  const result = await q.query<{ personId: string }>(
    `SELECT person_id AS "personId" FROM identity_links
     WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY first_seen_at, person_id LIMIT 1`,
    columns(links),
  );
  return result.rows[0]?.personId;
}

export async function identifiersOf(q: Queryable, personId: string): Promise<IdentityKey[]> {
  const result = await q.query<IdentityKey>(
    `SELECT kind, value FROM identity_links WHERE person_id = $1
     UNION ALL SELECT kind, value FROM identity_traits WHERE person_id = $1 ORDER BY kind, value`,
    [personId],
  );
  return result.rows;
}

/** Another identifier of the same person, e.g. the customer id behind an email hash. */
export async function siblingIdentifier(
  q: Queryable,
  of: IdentityKey<LinkKind>,
  wanted: LinkKind,
): Promise<string | undefined> {
  const result = await q.query<{ value: string }>(
    `SELECT wanted.value FROM identity_links known
     JOIN identity_links wanted ON wanted.person_id = known.person_id AND wanted.kind = $3
     WHERE known.kind = $1 AND known.value = $2 ORDER BY wanted.first_seen_at LIMIT 1`,
    [of.kind, of.value, wanted],
  );
  return result.rows[0]?.value;
}

function columns(keys: readonly IdentityKey<LinkKind | TraitKind>[]): [string[], string[]] {
  return [keys.map((key) => key.kind), keys.map((key) => key.value)];
}
