// The console's review queue: one page of cases, each with its fired signals in words, the order number, the
// deadline Friendbuy gives (decideBy) and both people as this operator may see them. Filters and sorting run
// in SQL (store/review-queue.ts); only the page's people are read from commercetools.
import type { Campaign } from '../../domain/campaign.js';
import { CodedError } from '../../domain/coded-error.js';
import type { PersonRef } from '../../domain/console/person-ref.js';
import { friendKeyOf, personKeyOf } from '../../domain/console/person-ref.js';
import { DAY_MS, HOUR_MS } from '../../domain/durations.js';
import { explainSignal } from '../../domain/fraud/explain.js';
import type { ReviewStatus } from '../../domain/review.js';
import {
  listReviewQueue,
  type ReviewCursor,
  type ReviewQueueFilter,
  type ReviewQueueRow,
} from '../../store/review-queue.js';

export { REVIEW_SORTS } from '../../store/review-queue.js';

import type { ReviewRow } from '../../store/reviews.js';
import type { FlowDeps } from '../deps.js';
import { type People, resolvePeople } from './people.js';

export interface ExplainedSignal {
  signal: string;
  action: string;
  weight: number;
  explanation: string;
  evidence: unknown;
}

export interface ReviewListItem {
  id: number;
  orderId: string;
  orderNumber: string | null;
  campaignId: string;
  status: ReviewStatus;
  score: number;
  signals: ExplainedSignal[];
  openedAt: Date;
  decideBy: Date | null;
  advocate: PersonRef | null;
  friend: PersonRef | null;
  decided?: { decision: 'approve' | 'reject'; by: string; at: Date; reason: string | null };
}

export type ConsoleQueueDeps = Pick<FlowDeps, 'db' | 'commercetools' | 'campaigns'>;

/** Seconds from a purchase report to Friendbuy's last validation call, per campaign whose rewards it holds. */
export function decideWithinSeconds(campaigns: readonly Campaign[]): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const campaign of campaigns) {
    const hold = campaign.policy?.rewardHold;
    if (hold?.mode === 'friendbuyHolds')
      seconds.set(campaign.id, (hold.rewardDelayDays * DAY_MS + hold.friendbuyRetryHours * HOUR_MS) / 1000);
  }
  return seconds;
}

export async function listConsoleReviews(
  deps: ConsoleQueueDeps,
  filter: Omit<ReviewQueueFilter, 'decideWithinSeconds' | 'after' | 'advocateKey'> & {
    after?: string | undefined;
    /** An advocate key (`customer:<id>`, `email:<hash>`) or a bare customer id. */
    advocate?: string | undefined;
  },
  seesPersonalData: boolean,
): Promise<{ reviews: ReviewListItem[]; next: string | null }> {
  const { advocate, ...rest } = filter;
  const page = await listReviewQueue(deps.db, {
    ...rest,
    advocateKey: advocate ? personKeyOf(advocate) : undefined,
    after: decodeCursor(filter.after),
    decideWithinSeconds: decideWithinSeconds(deps.campaigns),
  });
  const people = await resolvePeople(
    deps,
    page.reviews.flatMap((r) => [r.advocateKey, r.friendAccount && friendKeyOf(r.friendAccount)]),
    seesPersonalData,
  );
  return {
    reviews: page.reviews.map((row) => reviewListItem(row, people)),
    next: page.next ? encodeCursor(page.next) : null,
  };
}

export function reviewListItem(row: ReviewQueueRow, people: People): ReviewListItem {
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    campaignId: row.campaignId,
    status: row.status,
    score: row.score,
    signals: explainedSignals(row.signals),
    openedAt: row.openedAt,
    decideBy: row.decideBy,
    advocate: people(row.advocateKey),
    friend: people(row.friendAccount && friendKeyOf(row.friendAccount)),
    ...decidedOf(row),
  };
}

export function explainedSignals(
  signals: readonly unknown[],
  explain: (fired: { signal: string; evidence?: unknown }) => string = (fired) => explainSignal(fired),
): ExplainedSignal[] {
  return signals.map((raw) => {
    const fired = raw as { signal: string; action?: string; weight?: number; evidence?: unknown };
    return {
      signal: fired.signal,
      action: fired.action ?? 'flag',
      weight: fired.weight ?? 0,
      explanation: explain(fired),
      evidence: fired.evidence ?? {},
    };
  });
}

export function decidedOf(row: Pick<ReviewRow, 'status' | 'decidedBy' | 'decidedAt' | 'reason'>): {
  decided?: ReviewListItem['decided'];
} {
  if (row.status === 'open' || !row.decidedBy || !row.decidedAt) return {};
  return {
    decided: {
      decision: row.status === 'approved' ? 'approve' : 'reject',
      by: row.decidedBy,
      at: row.decidedAt,
      reason: row.reason,
    },
  };
}

/** The page cursor as an opaque, URL-safe string; a bare number still means "after this review id". */
export function encodeCursor(cursor: ReviewCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string | undefined): ReviewCursor | number | undefined {
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ReviewCursor;
    if (typeof value.id === 'number' && typeof value.openedAt === 'string') return value;
  } catch {
    // Falls through to the refusal below.
  }
  throw new CodedError('BadRequest', 'after: not a cursor this endpoint returned');
}
