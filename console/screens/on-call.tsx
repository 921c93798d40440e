// For the engineer on call: effects the outbox gave up on, with the remote system's last answer and a retry,
// the subscription's delivery health, and whether the ledger's hash chain verifies.

import DataTable from '@commercetools-uikit/data-table';
import { ContentNotification } from '@commercetools-uikit/notifications';
import PrimaryButton from '@commercetools-uikit/primary-button';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from '../api';
import type { OnCall, OutboxJob } from '../api-types';
import { EmptyState, ErrorNotice, Facts, grid, PageHeader, Panel, QueryStatus } from '../components/page';
import { formatCount, formatDateTime, formatRelative, humanize } from '../format';
import { useCan } from '../session';

export function OnCallScreen() {
  const canRetry = useCan('retry-effects');
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['on-call'],
    queryFn: () => getJson<OnCall>('/admin/api/on-call'),
    refetchInterval: 30_000,
  });
  const dead = useQuery({
    queryKey: ['outbox', 'dead'],
    queryFn: () => getJson<{ jobs: OutboxJob[] }>('/admin/api/outbox', { status: 'dead', limit: 100 }),
  });
  const retry = useMutation({
    mutationFn: (ids: number[] | 'all') =>
      postJson<{ retried: number }>('/admin/api/outbox/retry', ids === 'all' ? { all: true } : { ids }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['outbox'] });
      await client.invalidateQueries({ queryKey: ['on-call'] });
    },
  });
  const jobs = dead.data?.jobs ?? [];
  // Reads every stream's hash chain and keeps the result, which the summary above then shows.
  const verify = useMutation({
    mutationFn: () => getJson('/admin/api/ledger/verify'),
    onSettled: () => client.invalidateQueries({ queryKey: ['on-call'] }),
  });

  return (
    <>
      <PageHeader
        title="On call"
        subtitle="Failed effects, delivery from commercetools, and the ledger’s integrity."
      />
      <QueryStatus query={status} what="the connector’s health" />
      {status.data ? (
        <div css={grid('260px')}>
          <Panel title="Dead letters">
            <Facts
              items={[
                [
                  'Dead letters (given up)',
                  <strong key="c">{formatCount(status.data.deadLetters.count)}</strong>,
                ],
                [
                  'Oldest',
                  status.data.deadLetters.oldest
                    ? formatRelative(status.data.deadLetters.oldest.deadSince)
                    : '—',
                ],
                ['Outbox pending', formatCount(status.data.outbox.pending)],
                ['Outbox failing', formatCount(status.data.outbox.failed)],
              ]}
            />
          </Panel>
          <Panel title="Delivery health">
            <DeliveryHealth delivery={status.data.delivery} />
          </Panel>
          <Panel
            title="Ledger verification"
            actions={
              <SecondaryButton
                label={verify.isPending ? 'Verifying…' : 'Verify now'}
                onClick={() => verify.mutate()}
                isDisabled={verify.isPending}
              />
            }
          >
            {verify.isError ? <ErrorNotice error={verify.error} doing="verify the ledger" /> : null}
            <Facts
              items={[
                [
                  'Result',
                  status.data.ledger.ok === null ? (
                    'not verified yet'
                  ) : (
                    <Stamp
                      key="s"
                      tone={status.data.ledger.ok ? 'positive' : 'critical'}
                      label={status.data.ledger.ok ? 'Chain intact' : 'Breaks found'}
                      isCondensed
                    />
                  ),
                ],
                ['Breaks', formatCount(status.data.ledger.breaks)],
                ['Verified', formatDateTime(status.data.ledger.verifiedAt)],
              ]}
            />
          </Panel>
        </div>
      ) : null}

      <Panel
        title="Dead-lettered effects"
        actions={
          canRetry && jobs.length > 0 ? (
            <PrimaryButton
              label="Retry all"
              onClick={() => retry.mutate('all')}
              isDisabled={retry.isPending}
            />
          ) : undefined
        }
      >
        {retry.isError ? <ErrorNotice error={retry.error} doing="retry" /> : null}
        {retry.data ? (
          <ContentNotification type="success">{`${retry.data.retried} effect(s) back in the outbox.`}</ContentNotification>
        ) : null}
        <QueryStatus query={dead} what="dead letters" />
        {dead.data && jobs.length === 0 ? (
          <EmptyState title="No dead letters">
            Every effect reached commercetools and Friendbuy. Effects that fail after their retries appear
            here with the remote system’s answer.
          </EmptyState>
        ) : null}
        {jobs.length > 0 ? (
          <DataTable
            rows={jobs.map((job) => ({ ...job, id: String(job.id) }))}
            columns={[
              { key: 'kind', label: 'Effect', renderItem: (row) => humanize(row.kind) },
              { key: 'attempts', label: 'Tries', align: 'right' },
              {
                key: 'lastError',
                label: 'Remote answer',
                renderItem: (row) => (
                  <code css={css`white-space: pre-wrap; font-size: 12px;`}>{row.lastError ?? '—'}</code>
                ),
              },
              {
                key: 'updatedAt',
                label: 'Gave up',
                renderItem: (row) => (
                  <span title={formatDateTime(row.updatedAt)}>{formatRelative(row.updatedAt)}</span>
                ),
              },
              ...(canRetry
                ? [
                    {
                      key: 'retry',
                      label: <span css={css`position: absolute; clip: rect(0 0 0 0);`}>Retry</span>,
                      renderItem: (row: Omit<OutboxJob, 'id'> & { id: string }) => (
                        <SecondaryButton
                          label="Retry"
                          aria-label={`Retry effect ${row.id}`}
                          onClick={() => retry.mutate([Number(row.id)])}
                          isDisabled={retry.isPending}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
      </Panel>
    </>
  );
}

function DeliveryHealth(props: { delivery: Record<string, unknown> | null }) {
  if (!props.delivery || props.delivery.status === 'not-checked')
    return (
      <Text.Detail tone="secondary">
        Not checked yet: the delivery check runs every 5 minutes (or now: npx ct-friendbuy jobs run
        commercetools.delivery-health).
      </Text.Detail>
    );
  const entries = Object.entries(props.delivery).filter(
    ([, value]) => value === null || typeof value !== 'object',
  );
  return (
    <Facts
      items={entries.map(([name, value]) => [
        humanize(name),
        typeof value === 'boolean'
          ? value
            ? 'yes'
            : 'no'
          : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
            ? formatDateTime(value)
            : String(value ?? '—'),
      ])}
    />
  );
}
