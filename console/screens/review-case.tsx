// One review case: why the fraud check held it (each signal in words), the advocate and the friend side by
// side, the order's timeline and eligibility, the deadline, the decision, and who decided what.

import { designTokens } from '@commercetools-uikit/design-system';
import Link from '@commercetools-uikit/link';
import { ContentNotification } from '@commercetools-uikit/notifications';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { getJson } from '../api';
import type { OrderEligibility, PersonSummary, ReviewCase } from '../api-types';
import { DecisionBar } from '../components/decision-bar';
import { Facts, grid, PageHeader, Panel, QueryStatus, stack } from '../components/page';
import { Timeline } from '../components/timeline';
import { formatDateTime, formatMoney, humanize } from '../format';
import { personPath } from '../paths';
import { useCan } from '../session';
import { ACTION_WORDS, signalName } from '../signals';
import { Deadline } from './review-queue';

const STATUS_TONE = { open: 'warning', approved: 'positive', rejected: 'critical' } as const;

export function ReviewCaseScreen() {
  const { id } = useParams<{ id: string }>();
  const canDecide = useCan('decide-reviews');
  const view = useQuery({
    queryKey: ['review', id],
    queryFn: () => getJson<ReviewCase>(`/admin/api/reviews/${encodeURIComponent(id)}`),
  });
  if (!view.isSuccess) return <QueryStatus query={view} what={`case ${id}`} />;
  const review = view.data;
  const decided =
    review.decided ??
    (review.decidedAt
      ? {
          decision: review.status,
          by: review.decidedBy ?? '',
          at: review.decidedAt,
          reason: review.reason ?? null,
        }
      : null);

  return (
    <>
      <Text.Detail>
        <Link to="/reviews">← Review queue</Link>
      </Text.Detail>
      <PageHeader
        title={`Case ${review.id}`}
        subtitle={`Order ${review.orderNumber ?? review.orderId} · campaign ${review.campaignId} · opened ${formatDateTime(review.openedAt)}`}
        actions={<Stamp tone={STATUS_TONE[review.status]} label={humanize(review.status)} />}
      />
      <div css={grid('260px')}>
        <Panel title="Deadline">
          <Facts
            items={[
              ['Decide by', <Deadline key="d" at={review.decideBy ?? null} />],
              ['Score', String(review.score)],
            ]}
          />
        </Panel>
        <Panel title="Order eligibility">
          <Eligibility eligibility={review.order?.eligibility ?? null} caseOpen={review.status === 'open'} />
        </Panel>
        {decided ? (
          <Panel title="Decision">
            <Facts
              items={[
                ['Decision', humanize(decided.decision)],
                ['By', decided.by],
                ['When', formatDateTime(decided.at)],
                ['Reason', decided.reason || '—'],
              ]}
            />
          </Panel>
        ) : null}
      </div>

      <div css={css`margin-bottom: ${designTokens.spacing50};`}>
        <Panel title="Why it was held">
          <ul aria-label="Signals" css={signalList}>
            {review.signals.map((signal) => (
              <li key={signal.signal}>
                <div
                  css={css`display: flex; gap: ${designTokens.spacing20}; align-items: baseline; flex-wrap: wrap;`}
                >
                  <Text.Body fontWeight="bold">{signalName(signal.signal)}</Text.Body>
                  <Text.Detail tone="secondary">
                    {`${ACTION_WORDS[signal.action] ?? signal.action} · weight ${signal.weight}`}
                  </Text.Detail>
                </div>
                <Text.Body>
                  {signal.explanation ?? 'The connector recorded no explanation for this signal.'}
                </Text.Body>
              </li>
            ))}
          </ul>
        </Panel>
      </div>

      <div css={grid('380px')}>
        <PersonPanel title="Advocate" person={review.advocate ?? null} />
        <PersonPanel title="Friend" person={review.friend ?? null} />
      </div>

      {review.status === 'open' && canDecide ? <DecisionBar ids={[review.id]} /> : null}
      {review.status === 'open' && !canDecide ? (
        <div css={css`margin-bottom: ${designTokens.spacing50};`}>
          <ContentNotification type="info">
            This case waits for a decision. A reviewer decides it; your role can read it.
          </ContentNotification>
        </div>
      ) : null}

      <div css={grid('380px')}>
        <Panel title="Order timeline">
          <Timeline
            label="Order timeline"
            events={review.timeline ?? []}
            empty="No events recorded for this order yet."
          />
        </Panel>
        <Panel title="Decisions and notes">
          {review.decisions && review.decisions.length > 0 ? (
            <Timeline
              label="Decisions"
              events={review.decisions.map((entry) => ({
                type: entry.action,
                at: entry.at,
                summary: `${entry.by}: ${humanize(entry.action)}${entry.reason ? ` — “${entry.reason}”` : ''}`,
              }))}
            />
          ) : (
            <Text.Detail tone="secondary">Nobody has decided this case yet.</Text.Detail>
          )}
        </Panel>
      </div>
    </>
  );
}

/** Whether the order earns its advocate's reward; while the case is open, this decision is what it waits for. */
function Eligibility(props: { eligibility: OrderEligibility | null; caseOpen: boolean }) {
  const { eligibility } = props;
  if (!eligibility) return <Text.Detail tone="secondary">Not assessed yet.</Text.Detail>;
  const tone = { eligible: 'positive', pending: 'warning', ineligible: 'critical' } as const;
  return (
    <div data-testid="eligibility" css={css`display: grid; gap: ${designTokens.spacing20};`}>
      <div>
        <Stamp tone={tone[eligibility.status]} label={humanize(eligibility.status)} />
      </div>
      {eligibility.status === 'pending' && props.caseOpen ? (
        <Text.Detail>Waits for this case’s decision, then for any return window.</Text.Detail>
      ) : null}
      {eligibility.reasons.map((reason) => (
        <Text.Detail key={reason.code}>{reason.message}</Text.Detail>
      ))}
      {eligibility.until ? (
        <Text.Detail tone="secondary">{`Until ${formatDateTime(eligibility.until)}`}</Text.Detail>
      ) : null}
    </div>
  );
}

function PersonPanel(props: { title: string; person: PersonSummary | null }) {
  const { person } = props;
  return (
    <Panel
      title={props.title}
      actions={person ? <Link to={personPath(person.key)}>Referral story</Link> : undefined}
    >
      {!person ? (
        <Text.Detail tone="secondary">Unknown: the connector holds no identity for this side.</Text.Detail>
      ) : (
        <div css={stack}>
          <Facts
            items={[
              ['Name', person.displayName],
              ['Email', person.email ?? 'hidden for your role'],
              ['Customer', person.customerId ?? 'guest'],
              ...referralFacts(person.referrals),
            ]}
          />
          <div>
            <Text.Detail tone="secondary">Orders</Text.Detail>
            {person.orders.length === 0 ? (
              <Text.Detail>No orders.</Text.Detail>
            ) : (
              <ul css={css`margin: 0; padding-left: 1.1em;`}>
                {person.orders.slice(0, 8).map((order) => (
                  <li key={order.orderId}>
                    <Text.Detail>
                      {`${order.orderNumber ?? order.orderId.slice(0, 8)} · ${formatDateTime(order.createdAt)} · ${formatMoney(order.total)}`}
                    </Text.Detail>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}

/** How often this person referred or was referred, and how the fraud check judged the referrals they brought. */
function referralFacts(referrals: PersonSummary['referrals']): [string, string][] {
  if (!referrals) return [];
  const brought = referrals.asAdvocate;
  return [
    [
      'Referred orders brought',
      brought.orders === 0
        ? 'none'
        : `${brought.orders} (${brought.approved} approved, ${brought.held} held, ${brought.rejected} rejected)`,
    ],
    ['Referred orders placed', String(referrals.asFriend)],
  ];
}

const signalList = css`
  list-style: none;
  margin: 0;
  padding: 0;
  display: grid;
  gap: ${designTokens.spacing30};
  li {
    border-left: 3px solid ${designTokens.colorWarning};
    padding-left: ${designTokens.spacing30};
  }
`;
