// Crypto-shredding of the ledger's personal fields (docs/privacy.md). The ledger is append-only and its hash
// chain covers each event's data, so an erasure cannot edit it. Instead every personal identifier in an event's
// data (a keyed email hash, a customer id) is stored sealed with AES-256-GCM under a key of that identifier's
// own, kept in `ledger_keys` outside the ledger; the chain is computed over the sealed text. Erasure deletes
// the person's keys: their identifiers on the ledger become unreadable, and every chain still verifies.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db.js';

/** The data fields that name a person, at any depth (`advocate.emailHash`, `friends[].customerId`). */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'emailHash',
  'customerId',
  'friendbuyCustomerId',
  'customerNumber',
]);

const PREFIX = 'sealed:v1:';

interface SubjectKey {
  id: string;
  key: Buffer;
}

/** The data with every personal field sealed under its identifier's key (created on first use). */
export async function sealPersonalFields(
  q: Queryable,
  data: Record<string, unknown>,
  now: Date,
): Promise<Record<string, unknown>> {
  const values = new Set<string>();
  visitPersonal(data, (value) => {
    values.add(value);
    return value;
  });
  if (values.size === 0) return data;
  const keys = await keysForSubjects(q, [...values], now);
  return visitPersonal(data, (value) => seal(value, keys.get(value)!)) as Record<string, unknown>;
}

/** The data as it was appended; a field whose key was shredded is left out (its person was erased). */
export async function openPersonalFields<T extends { data: Record<string, unknown> }>(
  q: Queryable,
  rows: T[],
): Promise<T[]> {
  const ids = new Set<string>();
  for (const row of rows) {
    visitSealed(row.data, (sealed) => {
      ids.add(sealed.split(':')[2]!);
      return sealed;
    });
  }
  if (ids.size === 0) return rows;
  const result = await q.query<{ id: string; key: string }>(
    'SELECT id, key FROM ledger_keys WHERE id = ANY($1::text[])',
    [[...ids]],
  );
  const keys = new Map(result.rows.map((row) => [row.id, Buffer.from(row.key, 'hex')]));
  return rows.map((row) => ({
    ...row,
    data: visitSealed(row.data, (sealed) => open(sealed, keys)) as Record<string, unknown>,
  }));
}

/** Deletes the keys of these identifiers: what the ledger holds sealed under them can never be read again. */
export async function shredSubjects(q: Queryable, values: readonly string[]): Promise<number> {
  const result = await q.query('DELETE FROM ledger_keys WHERE subject = ANY($1::text[])', [[...values]]);
  return result.rowCount;
}

async function keysForSubjects(
  q: Queryable,
  subjects: string[],
  now: Date,
): Promise<Map<string, SubjectKey>> {
  const read = async (wanted: string[]) =>
    (
      await q.query<{ id: string; subject: string; key: string }>(
        'SELECT id, subject, key FROM ledger_keys WHERE subject = ANY($1::text[])',
        [wanted],
      )
    ).rows.map((row) => [row.subject, { id: row.id, key: Buffer.from(row.key, 'hex') }] as const);
  const keys = new Map(await read(subjects));
  const missing = subjects.filter((subject) => !keys.has(subject));
  if (missing.length === 0) return keys;
  // Concurrent first uses of one subject: the loser's insert does nothing and it reads the winner's key.
  await q.query(
    `INSERT INTO ledger_keys (id, subject, key, created_at)
     SELECT id, subject, key, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS fresh (id, subject, key)
     ON CONFLICT (subject) DO NOTHING`,
    [missing.map(() => randomUUID()), missing, missing.map(() => randomBytes(32).toString('hex')), now],
  );
  for (const [subject, key] of await read(missing)) keys.set(subject, key);
  return keys;
}

function seal(value: string, subject: SubjectKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subject.key, iv);
  cipher.setAAD(Buffer.from(subject.id));
  const text = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  const parts = [iv, text, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return `${PREFIX}${subject.id}:${parts.join(':')}`;
}

function open(sealed: string, keys: Map<string, Buffer>): string | undefined {
  const [, , id, iv, text, tag] = sealed.split(':');
  const key = keys.get(id!);
  if (!key) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
  decipher.setAAD(Buffer.from(id!));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(text!, 'base64url')), decipher.final()]).toString('utf8');
}

/** Rebuilds `value`, passing every string under a personal field through `change`. */
function visitPersonal(value: unknown, change: (value: string) => string, personal = false): unknown {
  if (typeof value === 'string') return personal && !value.startsWith(PREFIX) ? change(value) : value;
  if (Array.isArray(value)) return value.map((item) => visitPersonal(item, change, personal));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, visitPersonal(item, change, PERSONAL_FIELDS.has(key))]),
  );
}

/** Rebuilds `value`, passing every sealed string through `change` (undefined drops a field). */
function visitSealed(value: unknown, change: (sealed: string) => string | undefined): unknown {
  if (typeof value === 'string') return value.startsWith(PREFIX) ? change(value) : value;
  if (Array.isArray(value)) return value.map((item) => visitSealed(item, change));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .map(([key, item]) => [key, visitSealed(item, change)] as const)
      .filter(([, item]) => item !== undefined),
  );
}
