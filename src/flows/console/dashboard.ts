// The program dashboard: the funnel, referred orders and revenue, rewards issued, held and reversed, per
// bucket over a period, for a campaign, store and currency; the top advocates, holds by signal and code-bank
// stock. Every number is counted by the database (store/dashboard.ts); this flow only fills empty buckets,
// names the advocates and adds the totals.

import {
  bucketStarts,
  type DashboardBucket,
  type DashboardTotals,
  fillSeries,
  LOW_STOCK_THRESHOLD,
  type SeriesPoint,
  totalsOf,
} from '../../domain/console/dashboard.js';
import type { PersonRef } from '../../domain/console/person-ref.js';
import type { Money } from '../../domain/money.js';
import { codeBankStock } from '../../store/codes.js';
import {
  type DashboardFilter,
  funnelSeries,
  holdsBySignal,
  referredOrderSeries,
  referredRevenue,
  rewardSeries,
  topAdvocates,
} from '../../store/dashboard.js';
import type { FlowDeps } from '../deps.js';
import { resolvePeople } from './people.js';

const TOP_ADVOCATES = 10;

export interface Dashboard {
  period: { from: Date; to: Date; bucket: DashboardBucket };
  filters: {
    campaigns: { id: string; name: string }[];
    stores: string[];
    currencies: string[];
  };
  totals: DashboardTotals;
  series: SeriesPoint[];
  topAdvocates: { advocate: PersonRef | null; referredOrders: number; revenue: Money[] }[];
  holdsBySignal: { signal: string; count: number }[];
  codeStock: {
    campaignId: string;
    channel: string;
    available: number;
    lowStock: boolean;
    threshold: number;
  }[];
}

export type DashboardDeps = Pick<FlowDeps, 'db' | 'commercetools' | 'campaigns'>;

/** What the charts show, without the people: also what the CSV export writes. */
export async function loadDashboardSeries(
  deps: Pick<FlowDeps, 'db'>,
  filter: DashboardFilter,
): Promise<{ series: SeriesPoint[]; totals: DashboardTotals }> {
  const [funnel, orders, rewards, revenue] = await Promise.all([
    funnelSeries(deps.db, filter),
    referredOrderSeries(deps.db, filter),
    rewardSeries(deps.db, filter),
    referredRevenue(deps.db, filter),
  ]);
  const series = fillSeries(bucketStarts(filter.from, filter.to, filter.bucket), [
    ...funnel,
    ...orders,
    ...rewards,
  ]);
  return { series, totals: totalsOf(series, revenue) };
}

export async function loadDashboard(
  deps: DashboardDeps,
  filter: DashboardFilter & { lowStockBelow?: number | undefined },
  seesPersonalData: boolean,
): Promise<Dashboard> {
  const threshold = filter.lowStockBelow ?? LOW_STOCK_THRESHOLD;
  const [charts, top, holds, stock] = await Promise.all([
    loadDashboardSeries(deps, filter),
    topAdvocates(deps.db, filter, TOP_ADVOCATES),
    holdsBySignal(deps.db, filter),
    codeBankStock(deps.db, filter.campaignId),
  ]);
  const people = await resolvePeople(
    deps,
    top.map((row) => row.advocateKey),
    seesPersonalData,
  );
  return {
    period: { from: filter.from, to: filter.to, bucket: filter.bucket },
    filters: {
      campaigns: deps.campaigns.map((c) => ({ id: c.id, name: c.name })),
      stores: [...new Set(deps.campaigns.flatMap((c) => c.storeKeys))].sort(),
      currencies: [...new Set(deps.campaigns.flatMap((c) => c.currencies))].sort(),
    },
    ...charts,
    topAdvocates: top.map((row) => ({
      advocate: people(row.advocateKey),
      referredOrders: row.referredOrders,
      revenue: row.revenue,
    })),
    holdsBySignal: holds,
    codeStock: stock.map((row) => ({
      campaignId: row.campaignId,
      channel: row.channel,
      available: row.unused,
      lowStock: row.unused < threshold,
      threshold,
    })),
  };
}
