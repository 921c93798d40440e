// The audit trail's reads: every operator action is a ledger event on the operator's own stream
// (`operator:<id>`), so the trail is append-only and hash-chained like every other fact.
import type { Queryable } from './db.js';
import { openPersonalFields } from './sealed-fields.js';

export const OPERATOR_STREAM_PREFIX = 'operator:';

export interface OperatorActionRow {
  id: number;
  type: string;
  data: Record<string, unknown>;
  correlationId: string | null;
  occurredAt: Date;
}

export interface OperatorActionFilter {
  /** One operator's trail (their operator id); every operator's when absent. */
  operatorId?: string | undefined;
  /** Only actions on this subject (`review:12`, `order:<id>`, `reward:<id>`, …). */
  subject?: string | undefined;
  /** Ledger ids below this one: the next page of a newest-first listing. */
  before?: number | undefined;
  limit: number;
}

/** Operator actions, newest first, one page at a time (`next` is the `before` of the next page). */
export async function listOperatorActions(
  q: Queryable,
  filter: OperatorActionFilter,
): Promise<{ actions: OperatorActionRow[]; next: number | null }> {
  const result = await q.query<OperatorActionRow>(
    `SELECT id, type, data, correlation_id AS "correlationId", occurred_at AS "occurredAt" FROM ledger
     WHERE stream LIKE $1 AND ($2::text IS NULL OR stream = $3) AND ($4::text IS NULL OR data ->> 'subject' = $4)
       AND ($5::bigint IS NULL OR id < $5)
     ORDER BY id DESC LIMIT $6`,
    [
      `${OPERATOR_STREAM_PREFIX}%`,
      filter.operatorId ?? null,
      `${OPERATOR_STREAM_PREFIX}${filter.operatorId ?? ''}`,
      filter.subject ?? null,
      filter.before ?? null,
      filter.limit + 1,
    ],
  );
  const rows = (await openPersonalFields(q, result.rows)).map((row) => ({ ...row, id: Number(row.id) }));
  const more = rows.length > filter.limit;
  const page = more ? rows.slice(0, filter.limit) : rows;
  return { actions: page, next: more ? (page.at(-1)?.id ?? null) : null };
}
