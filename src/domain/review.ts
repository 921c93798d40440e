// The review case of a held referral: open until an operator approves or rejects it, with who, when and why.
// Deciding is idempotent (the same decision again changes nothing, so a retried request or a bulk action
// is safe), and a closed case is never flipped: a different decision is refused with the reason.

export type ReviewStatus = 'open' | 'approved' | 'rejected';
export type ReviewDecision = 'approve' | 'reject';

export interface ReviewDecisionRecord {
  decision: ReviewDecision;
  /** The operator (from the admin token's identity, or `cli:<user>`). */
  by: string;
  at: Date;
  reason?: string | undefined;
}

export interface ReviewCase {
  status: ReviewStatus;
  decided?: ReviewDecisionRecord | undefined;
}

export type ReviewRefusal =
  | { code: 'already-decided'; message: string }
  | { code: 'reason-required'; message: string }
  | { code: 'operator-required'; message: string };

export type ReviewOutcome =
  | { outcome: 'decided'; review: ReviewCase }
  | { outcome: 'unchanged'; review: ReviewCase }
  | { outcome: 'refused'; review: ReviewCase; refusal: ReviewRefusal };

const STATUS_AFTER: Readonly<Record<ReviewDecision, ReviewStatus>> = {
  approve: 'approved',
  reject: 'rejected',
};

/**
 * Applies an operator's decision to a case. A rejection needs a reason (it reverses a reward and is shown to
 * whoever asks why); an approval may carry one.
 * @example
 * decideReview({ status: 'open' }, { decision: 'approve', by: 'ops@shop', at: now })
 * // { outcome: 'decided', review: { status: 'approved', decided: { decision: 'approve', by: 'ops@shop', at: now } } }
 */
export function decideReview(review: ReviewCase, input: ReviewDecisionRecord): ReviewOutcome {
  if (review.status !== 'open') {
    if (review.status === STATUS_AFTER[input.decision]) return { outcome: 'unchanged', review };
    const by = review.decided ? ` by ${review.decided.by} at ${review.decided.at.toISOString()}` : '';
    const message = `the review was already ${review.status}${by}; it cannot be ${STATUS_AFTER[input.decision]} now`;
    return { outcome: 'refused', review, refusal: { code: 'already-decided', message } };
  }
  if (!input.by.trim()) {
    const refusal = {
      code: 'operator-required',
      message: 'a decision needs the operator who made it',
    } as const;
    return { outcome: 'refused', review, refusal };
  }
  const reason = input.reason?.trim() || undefined;
  if (input.decision === 'reject' && !reason) {
    const refusal = { code: 'reason-required', message: 'a rejection needs a reason' } as const;
    return { outcome: 'refused', review, refusal };
  }
  const decided: ReviewDecisionRecord = {
    decision: input.decision,
    by: input.by.trim(),
    at: input.at,
    reason,
  };
  return { outcome: 'decided', review: { status: STATUS_AFTER[input.decision], decided } };
}
