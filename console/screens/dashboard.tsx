// The program at a glance for a period, campaign, store and currency: the funnel over time, rewards issued,
// reversed and held, referred revenue, top advocates, fraud holds by signal, code stock, and a CSV of it all.
import { designTokens } from '@commercetools-uikit/design-system';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, withQuery } from '../api';
import type { Dashboard } from '../api-types';
import { type Choice, FilterBar, SelectField } from '../components/field';
import { linkButton } from '../components/link-button';
import { EmptyState, grid, PageHeader, Panel, QueryStatus } from '../components/page';
import { formatCount, formatMoney, formatPercent } from '../format';
import { campaignChoicesOf } from './campaign-choices';
import { FunnelChart, HoldsChart, RevenueChart, RewardsChart } from './dashboard-charts';
import { CodeStock, TopAdvocates } from './dashboard-tables';
import { useSearchParamState } from './search-params';

const PERIODS: Choice[] = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
];
const BUCKETS: Choice[] = [
  { value: 'day', label: 'By day' },
  { value: 'week', label: 'By week' },
];

export function DashboardScreen() {
  const [params, setParam] = useSearchParamState(['days', 'bucket', 'campaignId', 'storeKey', 'currency']);
  const days = params.days || '30';
  const bucket = params.bucket || (Number(days) > 90 ? 'week' : 'day');
  // Whole days in UTC, so the same link shows the same period all day.
  const to = new Date();
  to.setUTCHours(0, 0, 0, 0);
  to.setUTCDate(to.getUTCDate() + 1);
  const from = new Date(to.getTime() - Number(days) * 86_400_000);
  const query = {
    from: from.toISOString(),
    to: to.toISOString(),
    bucket,
    campaignId: params.campaignId,
    storeKey: params.storeKey,
    currency: params.currency,
  };
  const dashboard = useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => getJson<Dashboard>('/admin/api/dashboard', query),
    placeholderData: keepPreviousData,
  });
  const filters = dashboard.data?.filters;
  const stores = (filters?.stores ?? []).map((s) =>
    typeof s === 'string' ? { value: s, label: s } : { value: s.key, label: s.name ?? s.key },
  );

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle="How the referral program performs, from shares to rewards."
        actions={
          <a href={withQuery('/admin/api/dashboard.csv', query)} download css={linkButton}>
            Export CSV
          </a>
        }
      />
      <FilterBar label="Dashboard filters">
        <SelectField
          id="period"
          label="Period"
          value={days}
          options={PERIODS}
          onChange={(v) => setParam('days', v)}
          width="170px"
        />
        <SelectField
          id="bucket"
          label="Group"
          value={bucket}
          options={BUCKETS}
          onChange={(v) => setParam('bucket', v)}
          width="130px"
        />
        <SelectField
          id="dashboard-campaign"
          label="Campaign"
          value={params.campaignId}
          options={[{ value: '', label: 'All campaigns' }, ...campaignChoicesOf(filters?.campaigns)]}
          onChange={(v) => setParam('campaignId', v)}
          width="200px"
        />
        <SelectField
          id="store"
          label="Store"
          value={params.storeKey}
          options={[{ value: '', label: 'All stores' }, ...stores]}
          onChange={(v) => setParam('storeKey', v)}
          width="170px"
        />
        <SelectField
          id="currency"
          label="Currency"
          value={params.currency}
          options={[
            { value: '', label: 'All currencies' },
            ...(filters?.currencies ?? []).map((c) => ({ value: c, label: c })),
          ]}
          onChange={(v) => setParam('currency', v)}
          width="170px"
        />
      </FilterBar>
      <QueryStatus query={dashboard} what="the dashboard" />
      {dashboard.data ? <DashboardBody dashboard={dashboard.data} /> : null}
    </>
  );
}

function DashboardBody({ dashboard }: { dashboard: Dashboard }) {
  const { totals, series } = dashboard;
  const nothing = totals.shares + totals.clicks + totals.signUps + totals.referredOrders === 0;
  return (
    <>
      <section css={tiles} aria-label="Totals">
        <Tile label="Shares" value={formatCount(totals.shares)} />
        <Tile label="Clicks" value={formatCount(totals.clicks)} />
        <Tile
          label="Sign-ups"
          value={formatCount(totals.signUps)}
          note={`${formatPercent(totals.conversion.clickToSignUp)} of clicks`}
        />
        <Tile
          label="Referred orders"
          value={formatCount(totals.referredOrders)}
          note={`${formatPercent(totals.conversion.clickToOrder)} of clicks`}
        />
        <Tile
          label="Referred revenue"
          value={
            totals.referredRevenue.length === 0 ? '—' : totals.referredRevenue.map((r) => formatMoney(r.net))
          }
          note="net of returns"
        />
        <Tile label="Rewards issued" value={formatCount(totals.rewardsIssued)} />
        <Tile label="Reversed" value={formatCount(totals.rewardsReversed)} />
        <Tile label="Held" value={formatCount(totals.rewardsHeld)} />
      </section>
      {nothing ? (
        <EmptyState title="No referral activity in this period">
          Pick a longer period or another campaign. In the sandbox, `npx ct-friendbuy sandbox seed-referrals`
          fills the program with demo activity.
        </EmptyState>
      ) : null}
      <div css={grid('520px')}>
        <Panel title="Funnel over time">
          <FunnelChart series={series} bucket={dashboard.period.bucket} />
        </Panel>
        <Panel title="Rewards issued, reversed and held">
          <RewardsChart series={series} bucket={dashboard.period.bucket} />
        </Panel>
      </div>
      <div css={grid('360px')}>
        <Panel title="Referred revenue per currency">
          {totals.referredRevenue.length === 0 ? (
            <Text.Detail tone="secondary">No referred revenue in this period.</Text.Detail>
          ) : (
            <RevenueChart revenue={totals.referredRevenue} />
          )}
        </Panel>
        <Panel title="Fraud holds by signal">
          {dashboard.holdsBySignal.length === 0 ? (
            <Text.Detail tone="secondary">The fraud check held nothing in this period.</Text.Detail>
          ) : (
            <HoldsChart holds={dashboard.holdsBySignal} />
          )}
        </Panel>
      </div>
      <div css={grid('360px')}>
        <TopAdvocates dashboard={dashboard} />
        <CodeStock dashboard={dashboard} />
      </div>
    </>
  );
}

function Tile(props: { label: string; value: string | string[]; note?: string }) {
  const lines = Array.isArray(props.value) ? props.value : [props.value];
  return (
    <div
      data-testid={`tile-${props.label.toLowerCase().replace(/[^a-z]+/g, '-')}`}
      css={css`
        background: ${designTokens.colorSurface};
        border-radius: ${designTokens.borderRadius6};
        box-shadow: ${designTokens.shadow1};
        padding: ${designTokens.spacing30} ${designTokens.spacing40};
      `}
    >
      <Text.Detail tone="secondary">{props.label}</Text.Detail>
      {lines.map((line) => (
        <div
          key={line}
          css={css`
            font-size: ${lines.length > 1 ? '1.2rem' : '1.6rem'};
            font-weight: 600;
            line-height: 1.3;
          `}
        >
          {line}
        </div>
      ))}
      {props.note ? <Text.Detail tone="secondary">{props.note}</Text.Detail> : null}
    </div>
  );
}

// Two rows of four: the funnel from shares to orders, then revenue and the rewards.
const tiles = css`
  display: grid;
  grid-template-columns: repeat(4, minmax(0, 1fr));
  gap: ${designTokens.spacing30};
  margin-bottom: ${designTokens.spacing50};
`;
