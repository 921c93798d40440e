import { describe, expect, it } from 'vitest';
import { decideReview, type ReviewCase, type ReviewDecisionRecord } from './review.js';

const at = new Date('2025-03-01T12:00:00Z');
const later = new Date('2025-03-02T12:00:00Z');
const approve: ReviewDecisionRecord = { decision: 'approve', by: 'ops@shop.example', at };
const reject: ReviewDecisionRecord = {
  decision: 'reject',
  by: 'ops@shop.example',
  at,
  reason: 'same household',
};
const open: ReviewCase = { status: 'open' };

describe('decideReview', () => {
  it.each<[string, ReviewDecisionRecord, ReviewCase]>([
    ['approves an open case', approve, { status: 'approved', decided: { ...approve, reason: undefined } }],
    ['rejects an open case with its reason', reject, { status: 'rejected', decided: reject }],
    [
      'trims who and why',
      { ...reject, by: ' ops@shop.example ', reason: ' same household ' },
      { status: 'rejected', decided: reject },
    ],
  ])('%s', (_name, input, review) => {
    expect(decideReview(open, input)).toEqual({ outcome: 'decided', review });
  });

  it('is idempotent: the same decision again changes nothing, not even who and when', () => {
    const first = decideReview(open, reject);
    const again = decideReview(first.review, { ...reject, by: 'someone-else', at: later, reason: 'retry' });
    expect(again).toEqual({ outcome: 'unchanged', review: first.review });
  });

  it.each<[string, ReviewDecisionRecord, ReviewDecisionRecord, string]>([
    [
      'approve a rejected case',
      reject,
      approve,
      'the review was already rejected by ops@shop.example at 2025-03-01T12:00:00.000Z; it cannot be approved now',
    ],
    [
      'reject an approved case',
      approve,
      reject,
      'the review was already approved by ops@shop.example at 2025-03-01T12:00:00.000Z; it cannot be rejected now',
    ],
  ])('refuses to %s, saying who decided when', (_name, first, second, message) => {
    const closed = decideReview(open, first).review;
    expect(decideReview(closed, { ...second, at: later })).toEqual({
      outcome: 'refused',
      review: closed,
      refusal: { code: 'already-decided', message },
    });
  });

  it.each<[string, ReviewDecisionRecord, string]>([
    ['a rejection without a reason', { ...reject, reason: '  ' }, 'reason-required'],
    ['a decision without an operator', { ...approve, by: ' ' }, 'operator-required'],
  ])('refuses %s and leaves the case open', (_name, input, code) => {
    expect(decideReview(open, input)).toMatchObject({ outcome: 'refused', review: open, refusal: { code } });
  });
});
