// Holes in commercetools' per-resource message sequence numbers, as the inbox shows them (dedup keys are
// `resource id:sequence number`), and the verdicts already given on them (migration 030).
import type { Queryable } from './db.js';

export interface SequenceHole {
  resourceId: string;
  fromSequence: number;
  toSequence: number;
  /** When the messages on either side of the hole were received (before: undefined for a leading hole). */
  before: Date | null;
  after: Date;
}

/**
 * Holes not judged yet, among messages received since `since`, whose later side arrived before `settledBefore`
 * (redeliveries come late and out of order: a hole younger than that may still fill). A leading hole counts for
 * orders only, whose first message (OrderCreated) the connector always handles.
 */
export async function findSequenceHoles(
  q: Queryable,
  window: { since: Date; settledBefore: Date },
): Promise<SequenceHole[]> {
  const result = await q.query<SequenceHole>(
    `WITH messages AS (
       SELECT resource_id, split_part(dedup_key, ':', 2)::int AS seq, received_at, kind
       FROM inbox WHERE source = 'commercetools' AND received_at >= $1 AND resource_id IS NOT NULL
         AND dedup_key ~ '^[^:]+:[0-9]{1,9}$'
     ), neighbours AS (
       SELECT resource_id, seq, received_at, kind,
         lag(seq) OVER w AS prev_seq, lag(received_at) OVER w AS prev_at, row_number() OVER w AS n
       FROM messages WINDOW w AS (PARTITION BY resource_id ORDER BY seq)
     )
     SELECT h.resource_id AS "resourceId", h.from_seq AS "fromSequence", h.seq - 1 AS "toSequence",
       h.prev_at AS before, h.received_at AS after
     FROM (
       SELECT *, CASE WHEN prev_seq IS NULL THEN 1 ELSE prev_seq + 1 END AS from_seq FROM neighbours
       WHERE (prev_seq IS NOT NULL AND seq > prev_seq + 1)
         OR (prev_seq IS NULL AND seq > 1 AND (kind LIKE 'Order%' OR kind LIKE 'Return%'))
     ) h
     WHERE h.received_at < $2
       AND NOT EXISTS (SELECT 1 FROM delivery_gaps g WHERE g.resource_id = h.resource_id AND g.from_sequence = h.from_seq)
     LIMIT 500`,
    [window.since, window.settledBefore],
  );
  return result.rows;
}

export async function recordGapVerdict(
  q: Queryable,
  hole: SequenceHole,
  verdict: { kind: 'gap' | 'unsubscribed'; windowFrom: Date; windowTo: Date },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO delivery_gaps (resource_id, from_sequence, to_sequence, verdict, window_from, window_to, detected_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      hole.resourceId,
      hole.fromSequence,
      hole.toSequence,
      verdict.kind,
      verdict.windowFrom,
      verdict.windowTo,
      now,
    ],
  );
}
