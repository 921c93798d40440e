import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { Db } from '../store/db.js';
import { readStream } from '../store/ledger.js';
import { listJobs } from '../store/outbox.js';
import { findReview, openReview } from '../store/reviews.js';
import { decideReviewCase, decideReviews, REVIEW_DECIDED } from './decide-review.js';
import { orderStream } from './deps.js';
import { JOB } from './job-kinds.js';

const openedAt = new Date('2026-03-01T12:00:00Z');
const decidedAt = new Date('2026-03-02T09:30:00Z');

describe('deciding a review case', () => {
  let db: Db;
  let wakes: number;
  const deps = () => ({ db, clock: { now: () => decidedAt } });
  const open = (orderId: string) =>
    openReview(db, {
      orderId,
      campaignId: 'c-1',
      advocateKey: 'customer:advocate-1',
      friendAccount: 'friend-1',
      score: 60,
      signals: [{ signal: 'sameDevice', action: 'hold', weight: 60, evidence: {} }],
      openedAt,
    });
  const decisionsOn = async (orderId: string) =>
    (await readStream(db, orderStream(orderId))).filter((event) => event.type === REVIEW_DECIDED);

  beforeEach(async () => {
    db = await openTestStore();
    wakes = 0;
    // The store wakes the workers after each commit that queued jobs.
    db.onJobsQueued(() => void wakes++);
  });
  afterEach(async () => {
    await db.close();
  });

  it('approves an open case: the case, the order ledger, a re-evaluation and the verdict projection', async () => {
    const review = await open('order-1');
    const result = await decideReviewCase(deps(), review.id, {
      decision: 'approve',
      by: ' ops@shop.example ',
      correlationId: 'corr-1',
    });

    expect(result).toMatchObject({
      outcome: 'decided',
      review: { id: review.id, status: 'approved', decidedBy: 'ops@shop.example', decidedAt, reason: null },
    });
    expect(await findReview(db, review.id)).toMatchObject({
      status: 'approved',
      decidedBy: 'ops@shop.example',
      decidedAt,
    });
    const [event, ...more] = await decisionsOn('order-1');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      data: { reviewId: review.id, decision: 'approve', by: 'ops@shop.example', reason: null },
      dedupKey: `${REVIEW_DECIDED}:order-1`,
      correlationId: 'corr-1',
      occurredAt: decidedAt,
    });
    const jobs = await listJobs(db, {});
    expect(jobs.map((job) => [job.kind, job.dedupKey, job.correlationId]).sort()).toEqual([
      [JOB.projectFraudVerdict.name, 'fraud-verdict:order-1:review', 'corr-1'],
      [JOB.evaluateOrderEligibility.name, `eligibility:order-1:review:${review.id}`, 'corr-1'],
    ]);
    expect(wakes).toBe(1);
  });

  it('answers the same decision again as unchanged, recording nothing more', async () => {
    const review = await open('order-1');
    await decideReviewCase(deps(), review.id, { decision: 'approve', by: 'ops@shop.example' });
    const again = await decideReviewCase(deps(), review.id, {
      decision: 'approve',
      by: 'someone@shop.example',
    });

    expect(again).toMatchObject({ outcome: 'unchanged', review: { decidedBy: 'ops@shop.example' } });
    expect(await decisionsOn('order-1')).toHaveLength(1);
    expect(await listJobs(db, {})).toHaveLength(2);
    expect(wakes).toBe(1);
  });

  it('refuses to reject an approved case, saying who approved it and when', async () => {
    const review = await open('order-1');
    await decideReviewCase(deps(), review.id, { decision: 'approve', by: 'ops@shop.example' });
    const result = await decideReviewCase(deps(), review.id, {
      decision: 'reject',
      by: 'lead@shop.example',
      reason: 'same card',
    });

    expect(result).toMatchObject({ outcome: 'refused', refusal: { code: 'already-decided' } });
    expect(result.outcome === 'refused' && result.refusal.message).toContain(
      `by ops@shop.example at ${decidedAt.toISOString()}`,
    );
    expect(await findReview(db, review.id)).toMatchObject({ status: 'approved' });
    expect(await decisionsOn('order-1')).toHaveLength(1);
  });

  it('refuses a rejection without a reason and leaves the case open', async () => {
    const review = await open('order-1');
    const result = await decideReviewCase(deps(), review.id, { decision: 'reject', by: 'ops', reason: '  ' });

    expect(result).toMatchObject({ outcome: 'refused', refusal: { code: 'reason-required' } });
    expect(await findReview(db, review.id)).toMatchObject({ status: 'open', decidedBy: null });
    expect(await decisionsOn('order-1')).toEqual([]);
    expect(wakes).toBe(0);
  });

  it('reports an unknown case as not found', async () => {
    expect(await decideReviewCase(deps(), 999, { decision: 'approve', by: 'ops' })).toEqual({
      outcome: 'notFound',
    });
  });

  // Both transactions run at once and the second waits on the case's row lock, then sees the first decision:
  // the loser must be refused, not flip it.
  it('lets exactly one of a concurrent approval and rejection win', async () => {
    const review = await open('order-1');
    const results = await Promise.all([
      decideReviewCase(deps(), review.id, { decision: 'approve', by: 'ops-a' }),
      decideReviewCase(deps(), review.id, { decision: 'reject', by: 'ops-b', reason: 'same device' }),
    ]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['decided', 'refused']);
    const winner = results.find((result) => result.outcome === 'decided')!;
    const [event, ...more] = await decisionsOn('order-1');
    expect(more).toEqual([]);
    expect(await findReview(db, review.id)).toMatchObject({
      status: 'review' in winner ? winner.review.status : undefined,
    });
    expect(event?.data.by).toBe('review' in winner ? winner.review.decidedBy : undefined);
  });

  it('decides cases in bulk, one by one, so a refused or unknown case does not stop the others', async () => {
    const first = await open('order-1');
    const approved = await open('order-2');
    const last = await open('order-3');
    await decideReviewCase(deps(), approved.id, { decision: 'approve', by: 'ops' });
    wakes = 0;

    const bulk = await decideReviews(deps(), [first.id, approved.id, 999, last.id], {
      decision: 'reject',
      by: 'ops',
      reason: 'ring of accounts',
    });

    expect('results' in bulk && bulk.results.map(({ id, result }) => [id, result.outcome])).toEqual([
      [first.id, 'decided'],
      [approved.id, 'refused'],
      [999, 'notFound'],
      [last.id, 'decided'],
    ]);
    expect(await findReview(db, last.id)).toMatchObject({ status: 'rejected', reason: 'ring of accounts' });
    // Each decision commits on its own, and each commit that queued jobs wakes the workers.
    expect(wakes).toBe(2);
  });

  it('refuses a bulk rejection without a reason before touching any case', async () => {
    const review = await open('order-1');
    const bulk = await decideReviews(deps(), [review.id], { decision: 'reject', by: 'ops' });

    expect(bulk).toMatchObject({ refusal: { code: 'reason-required' } });
    expect(await findReview(db, review.id)).toMatchObject({ status: 'open' });
  });
});
