// The fraud review queue: open cases soonest deadline first, filtered on the server (campaign, signal, age,
// score), one page at a time; several cases can be approved or rejected at once with one reason.

import CheckboxInput from '@commercetools-uikit/checkbox-input';
import DataTable from '@commercetools-uikit/data-table';
import { designTokens } from '@commercetools-uikit/design-system';
import Link from '@commercetools-uikit/link';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../api';
import type { ReviewList, ReviewListItem } from '../api-types';
import { DecisionBar } from '../components/decision-bar';
import { type Choice, FilterBar, SelectField, TextField } from '../components/field';
import { EmptyState, PageHeader, QueryStatus } from '../components/page';
import { formatDateTime, formatRelative } from '../format';
import { useCan } from '../session';
import { SIGNAL_NAMES, signalName } from '../signals';
import { useCampaignChoices } from './campaign-choices';
import { useSearchParamState } from './search-params';

const STATUSES: Choice[] = [
  { value: 'open', label: 'Open' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];
const AGES: Choice[] = [
  { value: '', label: 'Any age' },
  { value: '1', label: 'Older than 1 hour' },
  { value: '24', label: 'Older than 1 day' },
  { value: '72', label: 'Older than 3 days' },
  { value: '168', label: 'Older than 7 days' },
];
const SIGNALS: Choice[] = [
  { value: '', label: 'Any signal' },
  ...Object.entries(SIGNAL_NAMES).map(([value, label]) => ({ value, label })),
];

type Row = Omit<ReviewListItem, 'id'> & { id: string };

export function ReviewQueueScreen() {
  const [filters, setFilter] = useSearchParamState([
    'status',
    'campaignId',
    'signal',
    'olderThan',
    'minScore',
  ]);
  const status = filters.status || 'open';
  const canDecide = useCan('decide-reviews');
  const [selected, setSelected] = useState<Set<number>>(new Set());

  const query = {
    status,
    campaignId: filters.campaignId,
    signal: filters.signal,
    olderThan: filters.olderThan,
    minScore: filters.minScore,
    sort: 'decideBy',
  };
  const pages = useInfiniteQuery({
    queryKey: ['reviews', query],
    queryFn: ({ pageParam }) =>
      getJson<ReviewList>('/admin/api/reviews', { ...query, after: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as ReviewList['next'],
    getNextPageParam: (last) => last.next,
  });
  const reviews = pages.data?.pages.flatMap((page) => page.reviews) ?? [];
  const campaigns = useCampaignChoices(!pages.isPending);
  const rows = reviews.map((review) => ({ ...review, id: String(review.id) }));
  const deciding = canDecide && status === 'open';
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns = [
    ...(deciding
      ? [
          {
            key: 'select',
            label: (
              <CheckboxInput
                isChecked={reviews.length > 0 && reviews.every((r) => selected.has(r.id))}
                onChange={() =>
                  setSelected(
                    reviews.every((r) => selected.has(r.id)) ? new Set() : new Set(reviews.map((r) => r.id)),
                  )
                }
              >
                <span css={visuallyHidden}>Select all cases on this page</span>
              </CheckboxInput>
            ),
            width: '48px',
            shouldIgnoreRowClick: true,
            renderItem: (row: Row) => (
              <CheckboxInput isChecked={selected.has(Number(row.id))} onChange={() => toggle(Number(row.id))}>
                <span css={visuallyHidden}>{`Select case ${row.id}`}</span>
              </CheckboxInput>
            ),
          },
        ]
      : []),
    {
      key: 'case',
      label: 'Case',
      width: 'minmax(90px, auto)',
      renderItem: (row: Row) => <Link to={`/reviews/${row.id}`}>{`Case ${row.id}`}</Link>,
    },
    {
      key: 'order',
      label: 'Order',
      width: 'minmax(110px, auto)',
      renderItem: (row: Row) => row.orderNumber ?? shortId(row.orderId),
    },
    {
      key: 'people',
      label: 'Advocate → friend',
      width: 'minmax(260px, 3fr)',
      renderItem: (row: Row) => (
        <span
          css={css`
            overflow-wrap: anywhere;
          `}
        >
          {row.advocate?.displayName ?? 'unknown advocate'}
          <br />
          {`→\u00a0${row.friend?.displayName ?? 'guest'}`}
        </span>
      ),
    },
    {
      key: 'signals',
      label: 'Signals',
      width: 'minmax(140px, 1fr)',
      renderItem: (row: Row) => row.signals.map((s) => signalName(s.signal)).join(', ') || '—',
    },
    {
      key: 'score',
      label: 'Score',
      width: '96px',
      align: 'right' as const,
      renderItem: (row: Row) => row.score,
    },
    {
      key: 'openedAt',
      label: 'Opened',
      width: 'minmax(100px, auto)',
      renderItem: (row: Row) => (
        <span title={formatDateTime(row.openedAt)}>{formatRelative(row.openedAt)}</span>
      ),
    },
    {
      key: 'decideBy',
      label: status === 'open' ? 'Decide by' : 'Decision',
      renderItem: (row: Row) =>
        status === 'open' ? <Deadline at={row.decideBy ?? null} /> : (row.decided?.by ?? row.status),
    },
  ];

  return (
    <>
      <PageHeader
        title="Review queue"
        subtitle="Referred orders the fraud check held. Decide before Friendbuy’s deadline, soonest first."
      />
      <FilterBar label="Filter the queue">
        <SelectField
          id="status"
          label="Status"
          value={status}
          options={STATUSES}
          onChange={(v) => setFilter('status', v)}
          width="140px"
        />
        <SelectField
          id="campaign"
          label="Campaign"
          value={filters.campaignId}
          options={[{ value: '', label: 'All campaigns' }, ...campaigns]}
          onChange={(v) => setFilter('campaignId', v)}
          width="190px"
        />
        <SelectField
          id="signal"
          label="Signal"
          value={filters.signal}
          options={SIGNALS}
          onChange={(v) => setFilter('signal', v)}
          width="230px"
        />
        <SelectField
          id="age"
          label="Age"
          value={filters.olderThan}
          options={AGES}
          onChange={(v) => setFilter('olderThan', v)}
          width="190px"
        />
        <TextField
          id="min-score"
          label="Minimum score"
          value={filters.minScore}
          onChange={(v) => setFilter('minScore', v.replace(/\D/g, ''))}
          placeholder="e.g. 50"
          width="120px"
        />
      </FilterBar>

      {deciding && selected.size > 0 ? (
        <DecisionBar bulk ids={[...selected]} onDecided={() => setSelected(new Set())} />
      ) : null}

      <QueryStatus query={pages} what="the review queue" />
      {pages.isSuccess && rows.length === 0 ? (
        <EmptyState title={status === 'open' ? 'No open cases match' : 'No decided cases match'}>
          {status === 'open'
            ? 'Nothing waits for a decision with these filters. Clear a filter, or check back when the fraud check holds a referred order.'
            : 'Change the status or clear a filter to see other cases.'}
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <div data-testid="review-queue">
          <DataTable rows={rows} columns={columns} />
          <div
            css={css`
              display: flex;
              gap: ${designTokens.spacing30};
              align-items: center;
              margin-top: ${designTokens.spacing30};
            `}
          >
            <Text.Detail tone="secondary">{`${rows.length} case${rows.length === 1 ? '' : 's'} shown`}</Text.Detail>
            {pages.hasNextPage ? (
              <SecondaryButton
                label={pages.isFetchingNextPage ? 'Loading…' : 'Show more cases'}
                onClick={() => void pages.fetchNextPage()}
                isDisabled={pages.isFetchingNextPage}
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </>
  );
}

/** Friendbuy's deadline, red when it is under a day away. */
export function Deadline(props: { at: string | null }) {
  if (!props.at) return <Text.Detail tone="secondary">no deadline</Text.Detail>;
  const hoursLeft = (new Date(props.at).getTime() - Date.now()) / 3_600_000;
  const tone = hoursLeft < 0 ? 'critical' : hoursLeft < 24 ? 'warning' : 'secondary';
  return (
    <span title={formatDateTime(props.at)}>
      {tone === 'secondary' ? (
        formatRelative(props.at)
      ) : (
        <Stamp tone={tone} label={formatRelative(props.at)} isCondensed />
      )}
    </span>
  );
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;
