// The ledger: append-only facts per stream. The database refuses UPDATE/DELETE (migration 001); each event
// carries the hash of the previous one in its stream, so an edit made behind the database's back is detectable.
// Personal fields are stored sealed and the hash covers the sealed text (store/sealed-fields.ts): readers get
// them opened, `verifyLedger` never needs them.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Queryable } from './db.js';
import { openPersonalFields, sealPersonalFields } from './sealed-fields.js';

export interface LedgerEventInput {
  stream: string;
  type: string;
  data: Record<string, unknown>;
  /** When set, a second append with the same key is a no-op (idempotent recording). */
  dedupKey?: string | undefined;
  correlationId?: string | undefined;
  occurredAt: Date;
}

export interface LedgerEvent {
  id: number;
  stream: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  dedupKey: string | null;
  correlationId: string | null;
  occurredAt: Date;
  recordedAt: Date;
  prevHash: string | null;
  hash: string;
}

const COLUMNS = `id, stream, seq, type, data, dedup_key AS "dedupKey", correlation_id AS "correlationId",
  occurred_at AS "occurredAt", recorded_at AS "recordedAt", prev_hash AS "prevHash", hash`;

export function hashEvent(
  event: Pick<LedgerEvent, 'stream' | 'seq' | 'type' | 'data' | 'prevHash'> & { occurredAt: Date },
): string {
  const body = canonicalJson({
    stream: event.stream,
    seq: event.seq,
    type: event.type,
    data: event.data,
    occurredAt: new Date(event.occurredAt).toISOString(),
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one event to its stream. Must run inside a transaction: a per-stream advisory lock orders appends.
 * Returns the stored event, or undefined when `dedupKey` was already recorded.
 */
export async function appendEvent(
  tx: Queryable,
  input: LedgerEventInput,
  recordedAt: Date,
): Promise<LedgerEvent | undefined> {
  await lockStream(tx, input.stream);
  if (input.dedupKey) {
    const existing = await tx.query('SELECT 1 FROM ledger WHERE dedup_key = $1', [input.dedupKey]);
    if (existing.rowCount > 0) return undefined;
  }
  const last = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM ledger WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
    [input.stream],
  );
  const seq = (last.rows[0]?.seq ?? 0) + 1;
  const prevHash = last.rows[0]?.hash ?? null;
  // Hash what the database will give back: plain JSON, not Dates or undefined fields, personal fields sealed.
  const plain = JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>;
  const data = await sealPersonalFields(tx, plain, recordedAt);
  const hash = hashEvent({ ...input, data, seq, prevHash });
  const result = await tx.query<LedgerEvent>(
    `INSERT INTO ledger (stream, seq, type, data, dedup_key, correlation_id, occurred_at, recorded_at, prev_hash, hash)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
      input.stream,
      seq,
      input.type,
      JSON.stringify(data),
      input.dedupKey ?? null,
      input.correlationId ?? null,
      input.occurredAt,
      recordedAt,
      prevHash,
      hash,
    ],
  );
  const stored = result.rows[0];
  return stored && { ...stored, data: plain };
}

/**
 * Holds the stream's append lock until the transaction ends (appendEvent takes it too; it is re-entrant), so a
 * caller can read the stream, decide, and append with nobody appending in between.
 */
export async function lockStream(tx: Queryable, stream: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ledger:${stream}`]);
}

export async function readStream(q: Queryable, stream: string): Promise<LedgerEvent[]> {
  const result = await q.query<LedgerEvent>(`SELECT ${COLUMNS} FROM ledger WHERE stream = $1 ORDER BY seq`, [
    stream,
  ]);
  return openPersonalFields(q, result.rows);
}

/** The data of the stream's first event of this type, if any. */
export async function findEventData(
  q: Queryable,
  stream: string,
  type: string,
): Promise<Record<string, unknown> | undefined> {
  const result = await q.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM ledger WHERE stream = $1 AND type = $2 ORDER BY seq LIMIT 1',
    [stream, type],
  );
  return (await openPersonalFields(q, result.rows))[0]?.data;
}

export async function hasEvent(q: Queryable, stream: string, type: string): Promise<boolean> {
  const result = await q.query('SELECT 1 FROM ledger WHERE stream = $1 AND type = $2 LIMIT 1', [
    stream,
    type,
  ]);
  return result.rowCount > 0;
}

/** True when an event with this dedup key is on the ledger. */
export async function isRecorded(q: Queryable, dedupKey: string): Promise<boolean> {
  const result = await q.query('SELECT 1 FROM ledger WHERE dedup_key = $1', [dedupKey]);
  return result.rowCount > 0;
}

export interface ChainBreak {
  stream: string;
  seq: number;
  reason: string;
}

/** Recomputes every stream's hash chain; returns where it breaks (empty when the ledger is intact). */
export async function verifyLedger(
  q: Queryable,
  stream?: string,
): Promise<{ events: number; breaks: ChainBreak[] }> {
  const result = await q.query<LedgerEvent>(
    `SELECT ${COLUMNS} FROM ledger ${stream ? 'WHERE stream = $1' : ''} ORDER BY stream, seq`,
    stream ? [stream] : [],
  );
  const breaks: ChainBreak[] = [];
  let previous: LedgerEvent | undefined;
  for (const event of result.rows) {
    const expectedPrev = previous?.stream === event.stream ? previous.hash : null;
    const expectedSeq = previous?.stream === event.stream ? previous.seq + 1 : 1;
    if (event.seq !== expectedSeq)
      breaks.push({ stream: event.stream, seq: event.seq, reason: 'sequence gap' });
    if (event.prevHash !== expectedPrev)
      breaks.push({ stream: event.stream, seq: event.seq, reason: 'previous hash does not match' });
    if (hashEvent(event) !== event.hash)
      breaks.push({ stream: event.stream, seq: event.seq, reason: 'content does not match its hash' });
    previous = event;
  }
  return { events: result.rows.length, breaks };
}
