// The audit trail: every operator action with who, when, on what and why, newest first, one page at a time.
import DataTable from '@commercetools-uikit/data-table';
import Link from '@commercetools-uikit/link';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getJson } from '../api';
import type { AuditEntry } from '../api-types';
import { FilterBar, TextField } from '../components/field';
import { EmptyState, PageHeader, QueryStatus } from '../components/page';
import { formatDateTime, humanize } from '../format';
import { personPath } from '../paths';
import { useSearchParamState } from './search-params';

interface AuditPage {
  entries: AuditEntry[];
  next: number | string | null;
}

export function AuditScreen() {
  const [filters, setFilter] = useSearchParamState(['operator', 'subject']);
  const pages = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      getJson<AuditPage>('/admin/api/audit', { ...filters, before: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as AuditPage['next'],
    getNextPageParam: (last) => last.next,
  });
  const entries = pages.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <>
      <PageHeader
        title="Audit trail"
        subtitle="Who did what, when and why: every operator action is on the ledger."
      />
      <FilterBar label="Filter the audit trail">
        <TextField
          id="audit-operator"
          label="Operator id"
          value={filters.operator}
          onChange={(v) => setFilter('operator', v)}
          placeholder="e.g. sandbox:reviewer"
          width="240px"
        />
        <TextField
          id="audit-subject"
          label="Subject"
          value={filters.subject}
          onChange={(v) => setFilter('subject', v)}
          placeholder="e.g. review:12"
          width="240px"
        />
      </FilterBar>
      <QueryStatus query={pages} what="the audit trail" />
      {pages.isSuccess && entries.length === 0 ? (
        <EmptyState title="No operator actions recorded">
          Decisions, retries and reissued coupons appear here as operators make them. Clear the filters to see
          all.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <>
          <DataTable
            rows={entries.map((entry, index) => ({
              ...entry,
              id: String(entry.id ?? `${entry.at}-${index}`),
            }))}
            columns={[
              { key: 'at', label: 'When', renderItem: (row) => formatDateTime(row.at) },
              { key: 'operator', label: 'Operator', renderItem: (row) => row.operator.name },
              { key: 'action', label: 'Action', renderItem: (row) => humanize(row.action) },
              { key: 'subject', label: 'Subject', renderItem: (row) => <Subject subject={row.subject} /> },
              { key: 'reason', label: 'Reason', renderItem: (row) => row.reason ?? '—' },
            ]}
          />
          {pages.hasNextPage ? (
            <SecondaryButton
              label="Show older actions"
              onClick={() => void pages.fetchNextPage()}
              isDisabled={pages.isFetchingNextPage}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** A case or a person the action was about links to its page; anything else shows as recorded. */
function Subject(props: { subject: string | null }) {
  const subject = props.subject;
  if (!subject) return <>—</>;
  const review = /^review:(\d+)$/.exec(subject);
  if (review) return <Link to={`/reviews/${review[1]}`}>{`Case ${review[1]}`}</Link>;
  if (/^(customer|email):/.test(subject)) return <Link to={personPath(subject)}>{subject}</Link>;
  return <>{subject}</>;
}
