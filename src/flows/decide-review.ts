// An operator's decision on a review case: the case row and the order's `review.decided` ledger event change in
// one transaction, then the order is re-evaluated (an approval releases the held referral, a rejection makes it
// ineligible and so reverses its rewards) and the fraud verdict field is projected again.
import type { Operator } from '../domain/operators.js';
import { decideReview, type ReviewCase, type ReviewDecision, type ReviewRefusal } from '../domain/review.js';
import type { Queryable } from '../store/db.js';
import { appendEvent, lockStream } from '../store/ledger.js';
import { lockReview, type ReviewRow, saveReviewDecision } from '../store/reviews.js';
import { enqueueFraudVerdictProjection } from './assess-referral.js';
import { type FlowDeps, orderStream } from './deps.js';
import { recordOperatorAction } from './operator-audit.js';
import { enqueueEligibilityEvaluation } from './queue-eligibility-evaluation.js';

export const REVIEW_DECIDED = 'review.decided';

export interface ReviewDecisionInput {
  decision: ReviewDecision;
  /** The operator who decided (recorded on the case and the ledger). */
  by: string;
  /** Who passed the admin API's guard: the decision goes on their audit trail, in the same transaction. */
  operator?: Operator | undefined;
  reason?: string | undefined;
  correlationId?: string | undefined;
}

export type ReviewDecisionResult =
  | { outcome: 'notFound' }
  | { outcome: 'decided' | 'unchanged'; review: ReviewRow }
  | { outcome: 'refused'; review: ReviewRow; refusal: ReviewRefusal };

type DecideDeps = Pick<FlowDeps, 'db' | 'clock'>;

/**
 * Decides one case. Idempotent: the same decision again is `unchanged`; the other decision on a closed case is
 * `refused` with who decided it and when.
 * @example await decideReviewCase(deps, 7, { decision: 'reject', by: 'ops@shop.example', reason: 'same device' })
 */
export async function decideReviewCase(
  deps: DecideDeps,
  reviewId: number,
  input: ReviewDecisionInput,
): Promise<ReviewDecisionResult> {
  return deps.db.transaction((tx) => decideInTransaction(tx, reviewId, input, deps.clock.now()));
}

/**
 * Decides several cases, each in its own transaction, so one refused or unknown case does not stop the others.
 * An input no case could accept (no operator, a rejection without reason) is refused once, before any case.
 */
export async function decideReviews(
  deps: DecideDeps,
  reviewIds: readonly number[],
  input: ReviewDecisionInput,
): Promise<{ refusal: ReviewRefusal } | { results: { id: number; result: ReviewDecisionResult }[] }> {
  const check = decideReview({ status: 'open' }, { ...input, at: deps.clock.now() });
  if (check.outcome === 'refused') return { refusal: check.refusal };
  const results: { id: number; result: ReviewDecisionResult }[] = [];
  for (const id of reviewIds) {
    const result = await deps.db.transaction((tx) => decideInTransaction(tx, id, input, deps.clock.now()));
    results.push({ id, result });
  }
  return { results };
}

// Lock order: the case row, then the order stream. Nothing else takes a review row lock, so this cannot
// deadlock with the eligibility evaluation (which holds the stream while it opens a case, without a row lock).
async function decideInTransaction(
  tx: Queryable,
  reviewId: number,
  input: ReviewDecisionInput,
  now: Date,
): Promise<ReviewDecisionResult> {
  const row = await lockReview(tx, reviewId);
  if (!row) return { outcome: 'notFound' };
  const stream = orderStream(row.orderId);
  await lockStream(tx, stream);
  const outcome = decideReview(caseOf(row), {
    decision: input.decision,
    by: input.by,
    reason: input.reason,
    at: now,
  });
  if (outcome.outcome === 'refused') return { outcome: 'refused', review: row, refusal: outcome.refusal };
  if (outcome.outcome === 'unchanged' || !outcome.review.decided)
    return { outcome: 'unchanged', review: row };
  const { by, reason } = outcome.review.decided;
  const decision = { status: outcome.review.status, by, at: now, reason: reason ?? null };
  await saveReviewDecision(tx, row.id, decision);
  await appendEvent(
    tx,
    {
      stream,
      type: REVIEW_DECIDED,
      data: { reviewId: row.id, decision: input.decision, by, reason: reason ?? null },
      dedupKey: `${REVIEW_DECIDED}:${row.orderId}`,
      correlationId: input.correlationId,
      occurredAt: now,
    },
    now,
  );
  await enqueueEligibilityEvaluation(
    tx,
    { orderId: row.orderId, reason: `review:${row.id}`, correlationId: input.correlationId },
    now,
  );
  await enqueueFraudVerdictProjection(tx, row.orderId, 'review', now, input.correlationId);
  if (input.operator)
    await recordOperatorAction(
      tx,
      input.operator,
      {
        action: input.decision === 'approve' ? 'review.approved' : 'review.rejected',
        subject: `review:${row.id}`,
        reason: reason ?? undefined,
        // The admin API token speaks for whoever automation names; keep that name beside the token's.
        details: { orderId: row.orderId, ...(input.operator.via === 'token' && { decidedAs: by }) },
        correlationId: input.correlationId,
        dedupKey: `review:${row.id}:${input.decision}`,
      },
      now,
    );
  return {
    outcome: 'decided',
    review: {
      ...row,
      status: decision.status,
      decidedBy: by,
      decidedAt: now,
      reason: decision.reason,
      updatedAt: now,
    },
  };
}

function caseOf(row: ReviewRow): ReviewCase {
  if (row.status === 'open' || !row.decidedBy || !row.decidedAt) return { status: row.status };
  const decision = row.status === 'approved' ? 'approve' : 'reject';
  return {
    status: row.status,
    decided: { decision, by: row.decidedBy, at: new Date(row.decidedAt), reason: row.reason ?? undefined },
  };
}
