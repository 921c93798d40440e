// Every operator action lands on the ledger with who did it, on what, and why: the console's audit trail and
// the answer to "who approved this?". Call it inside the transaction that makes the change, so the change and
// its record commit together.
import type { Operator } from '../domain/operators.js';
import type { Queryable } from '../store/db.js';
import { appendEvent } from '../store/ledger.js';
import {
  listOperatorActions,
  OPERATOR_STREAM_PREFIX,
  type OperatorActionFilter,
  type OperatorActionRow,
} from '../store/operator-actions.js';

export interface OperatorActionInput {
  /** What was done, in the merchant's words: `review.approved`, `outbox.retried`, `coupon.reissued`, `signed-in`. */
  action: string;
  /** What it was done to: `review:12`, `order:<id>`, `reward:<id>`, `outbox:<id>`; absent for sign-in. */
  subject?: string | undefined;
  reason?: string | undefined;
  /** Small, non-personal facts about the action (counts, ids). */
  details?: Record<string, unknown> | undefined;
  correlationId?: string | undefined;
  /** Makes a retried request record once (e.g. `review:12:approve`). */
  dedupKey?: string | undefined;
}

export async function recordOperatorAction(
  tx: Queryable,
  operator: Operator,
  input: OperatorActionInput,
  now: Date,
): Promise<void> {
  await appendEvent(
    tx,
    {
      stream: `${OPERATOR_STREAM_PREFIX}${operator.id}`,
      type: `operator.${input.action}`,
      data: {
        operator: { id: operator.id, name: operator.name, role: operator.role, via: operator.via },
        ...(input.subject !== undefined && { subject: input.subject }),
        ...(input.reason !== undefined && { reason: input.reason }),
        ...(input.details !== undefined && { details: input.details }),
      },
      dedupKey: input.dedupKey && `operator-action:${input.dedupKey}`,
      correlationId: input.correlationId,
      occurredAt: now,
    },
    now,
  );
}

export interface AuditEntry {
  id: number;
  action: string;
  operator: Pick<Operator, 'id' | 'name' | 'role' | 'via'>;
  subject: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  correlationId: string | null;
  at: Date;
}

/** The audit trail, newest first: one operator's, one subject's, or everyone's. */
export async function readAuditTrail(
  q: Queryable,
  filter: OperatorActionFilter,
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const { actions, next } = await listOperatorActions(q, filter);
  return { entries: actions.map(auditEntry), next };
}

function auditEntry(row: OperatorActionRow): AuditEntry {
  const data = row.data as {
    operator: AuditEntry['operator'];
    subject?: string;
    reason?: string;
    details?: Record<string, unknown>;
  };
  return {
    id: row.id,
    action: row.type.slice('operator.'.length),
    operator: data.operator,
    subject: data.subject ?? null,
    reason: data.reason ?? null,
    details: data.details ?? null,
    correlationId: row.correlationId,
    at: row.occurredAt,
  };
}
