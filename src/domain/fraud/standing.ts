// Where an order stands with the fraud check, folded from its ledger stream: the latest assessment's verdict
// (a later one, e.g. at the reward webhook, replaces it) and an operator's review decision, which stays once
// made. Eligibility reads it from the order's facts; the order field shows it as a label.
import type { FraudStanding, LedgerEventLike } from '../order-facts.js';

/**
 * @example fraudStandingOf([{ type: 'fraud.assessed', data: { verdict: 'hold', fired: [...] }, occurredAt }])
 * // { verdict: 'hold', signals: ['sameDevice'], review: undefined }
 */
export function fraudStandingOf(events: readonly LedgerEventLike[]): FraudStanding | undefined {
  let standing: FraudStanding | undefined;
  const inTimeOrder = events
    .filter((e) => e.type === 'fraud.assessed' || e.type === 'review.decided')
    .sort((a, b) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime());
  for (const { type, data = {} } of inTimeOrder) {
    if (type === 'fraud.assessed') {
      const verdict = data.verdict;
      if (verdict !== 'approve' && verdict !== 'hold' && verdict !== 'reject') continue;
      const fired = Array.isArray(data.fired) ? data.fired : [];
      const signals = fired.flatMap((f) => {
        const signal = (f as { signal?: unknown } | null)?.signal;
        return typeof signal === 'string' ? [signal] : [];
      });
      standing = { verdict, signals, review: standing?.review };
    } else {
      const { decision, by, reason } = data;
      if ((decision !== 'approve' && decision !== 'reject') || typeof by !== 'string') continue;
      const review = { decision, by, reason: typeof reason === 'string' ? reason : undefined } as const;
      standing = { verdict: standing?.verdict ?? 'hold', signals: standing?.signals ?? [], review };
    }
  }
  return standing;
}

/**
 * The verdict as the order field shows it: `approve`, `hold` (waiting for review), `reject`, or the review's
 * outcome `approved-in-review` / `rejected-in-review`; undefined before any assessment.
 * @example fraudVerdictLabel({ verdict: 'hold', signals: ['sameDevice'] }) // 'hold'
 */
export function fraudVerdictLabel(standing: FraudStanding | undefined): string | undefined {
  if (!standing) return undefined;
  if (standing.review)
    return standing.review.decision === 'approve' ? 'approved-in-review' : 'rejected-in-review';
  return standing.verdict;
}
