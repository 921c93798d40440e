// The inbox records every inbound message under its natural dedup key before we acknowledge it. Recording
// and enqueueing its processing job happen in one statement, so an acknowledged message always has a job.
import type { Queryable } from './db.js';

export interface InboundMessage {
  source: 'commercetools' | 'friendbuy';
  dedupKey: string;
  kind: string;
  resourceId?: string | undefined;
  payload: unknown;
  correlationId: string;
  receivedAt: Date;
}

export interface RecordResult {
  /** False when the dedup key was already recorded: a redelivery, acknowledged without new work. */
  recorded: boolean;
}

/**
 * Records a message; when `processWith` names a job kind, enqueues `{inboxId}` for it in the same statement.
 */
export async function recordInbound(
  q: Queryable,
  message: InboundMessage,
  processWith?: string,
): Promise<RecordResult> {
  const params = [
    message.source,
    message.dedupKey,
    message.kind,
    message.resourceId ?? null,
    JSON.stringify(message.payload),
    message.correlationId,
    message.receivedAt,
  ];
  if (!processWith) {
    const result = await q.query(
      `INSERT INTO inbox (source, dedup_key, kind, resource_id, payload, correlation_id, received_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (source, dedup_key) DO NOTHING RETURNING id`,
      params,
    );
    return { recorded: result.rowCount > 0 };
  }
  const result = await q.query(
    `WITH recorded AS (
       INSERT INTO inbox (source, dedup_key, kind, resource_id, payload, correlation_id, received_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (source, dedup_key) DO NOTHING RETURNING id
     )
     INSERT INTO outbox (kind, dedup_key, payload, run_after, correlation_id, created_at, updated_at)
     SELECT $8, 'inbox:' || id, jsonb_build_object('inboxId', id), $7, $6, $7, $7 FROM recorded
     RETURNING id`,
    [...params, processWith],
  );
  return { recorded: result.rowCount > 0 };
}

export interface InboxRow {
  id: number;
  source: string;
  dedupKey: string;
  kind: string;
  resourceId: string | null;
  payload: unknown;
  correlationId: string;
  receivedAt: Date;
}

export async function readInbound(q: Queryable, id: number): Promise<InboxRow | undefined> {
  const result = await q.query<InboxRow>(
    `SELECT id, source, dedup_key AS "dedupKey", kind, resource_id AS "resourceId", payload,
            correlation_id AS "correlationId", received_at AS "receivedAt"
     FROM inbox WHERE id = $1`,
    [id],
  );
  return result.rows[0];
}

/** Counts a message type we acknowledge but do not handle, so operators see what is being ignored. */
export async function countUnhandled(q: Queryable, source: string, kind: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO unhandled_messages (source, kind, count, last_seen_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (source, kind) DO UPDATE SET count = unhandled_messages.count + 1, last_seen_at = $3`,
    [source, kind, at],
  );
}

export async function unhandledCounts(q: Queryable): Promise<Record<string, number>> {
  const result = await q.query<{ source: string; kind: string; count: number }>(
    'SELECT source, kind, count FROM unhandled_messages',
  );
  return Object.fromEntries(result.rows.map((row) => [`${row.source}:${row.kind}`, Number(row.count)]));
}
