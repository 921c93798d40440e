// The program dashboard's arithmetic: every period bucket present (an empty day shows as zeros, not a gap),
// totals and conversion rates from the series, and the CSV export of exactly what the charts show. Pure: the
// counts come from the database, grouped by bucket.
import { DAY_MS } from '../durations.js';
import { formatAmountTextForFriendbuy, type Money } from '../money.js';

export type DashboardBucket = 'day' | 'week';

export const SERIES_METRICS = [
  'shares',
  'clicks',
  'signUps',
  'referredOrders',
  'rewardsIssued',
  'rewardsReversed',
  'rewardsHeld',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export type SeriesPoint = { bucketStart: string } & Record<SeriesMetric, number>;

/** The ledger's funnel event types, as the series names them. */
export const METRIC_OF_EVENT: Readonly<Record<string, SeriesMetric>> = {
  'referral.share': 'shares',
  'referral.click': 'clicks',
  'referral.sign-up': 'signUps',
};

/** Fewer unused code-bank codes than this shows a low-stock warning. */
export const LOW_STOCK_THRESHOLD = 100;

/** The most buckets one request may ask for (a year of days, ten years of weeks). */
export const MAX_BUCKETS = 520;

/** The start of the bucket holding `at`, in UTC: the day, or the week starting Monday (as PostgreSQL's). */
export function bucketStart(at: Date, bucket: DashboardBucket): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (bucket === 'day') return new Date(day);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/**
 * Every bucket start from the one holding `from` to the last before `to`.
 * @example bucketStarts(new Date('2026-03-01'), new Date('2026-03-03'), 'day').length // 2
 */
export function bucketStarts(from: Date, to: Date, bucket: DashboardBucket): Date[] {
  const step = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const starts: Date[] = [];
  for (let t = bucketStart(from, bucket).getTime(); t < to.getTime(); t += step) starts.push(new Date(t));
  return starts;
}

/** The series with a point for every bucket, from counts grouped by bucket and metric. */
export function fillSeries(
  starts: readonly Date[],
  counts: readonly { bucketStart: Date | string; metric: string; count: number }[],
): SeriesPoint[] {
  const points = new Map<number, SeriesPoint>(
    starts.map((start) => [
      start.getTime(),
      {
        bucketStart: start.toISOString(),
        ...(Object.fromEntries(SERIES_METRICS.map((m) => [m, 0])) as Record<SeriesMetric, number>),
      },
    ]),
  );
  for (const { bucketStart: at, metric, count } of counts) {
    const point = points.get(new Date(at).getTime());
    const name = (METRIC_OF_EVENT[metric] ?? metric) as SeriesMetric;
    if (point && SERIES_METRICS.includes(name)) point[name] += count;
  }
  return [...points.values()];
}

export interface DashboardTotals extends Record<SeriesMetric, number> {
  conversion: { clickToSignUp: number | null; clickToOrder: number | null };
  referredRevenue: { currencyCode: string; net: Money }[];
}

/** Ratios as fractions rounded to 4 places; null when there were no clicks to convert. */
export function totalsOf(series: readonly SeriesPoint[], revenue: readonly Money[]): DashboardTotals {
  const sums = Object.fromEntries(
    SERIES_METRICS.map((m) => [m, series.reduce((sum, point) => sum + point[m], 0)]),
  ) as Record<SeriesMetric, number>;
  const ratio = (part: number) => (sums.clicks ? Math.round((part / sums.clicks) * 10_000) / 10_000 : null);
  return {
    ...sums,
    conversion: { clickToSignUp: ratio(sums.signUps), clickToOrder: ratio(sums.referredOrders) },
    referredRevenue: revenue.map((net) => ({ currencyCode: net.currencyCode, net })),
  };
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // A cell starting with = + - @ is a formula to a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * The charts as CSV: one row per bucket, then a totals row, then referred revenue per currency.
 * @example dashboardCsv(series, totals).split('\n')[0] // 'bucketStart,shares,clicks,…'
 */
export function dashboardCsv(series: readonly SeriesPoint[], totals: DashboardTotals): string {
  const lines = [['bucketStart', ...SERIES_METRICS].join(',')];
  for (const point of series)
    lines.push([point.bucketStart, ...SERIES_METRICS.map((m) => point[m])].map(csvCell).join(','));
  lines.push(['total', ...SERIES_METRICS.map((m) => totals[m])].map(csvCell).join(','));
  lines.push('');
  lines.push('conversion,clickToSignUp,clickToOrder');
  lines.push(['', totals.conversion.clickToSignUp, totals.conversion.clickToOrder].map(csvCell).join(','));
  lines.push('');
  lines.push('currency,referredRevenueNet');
  for (const { currencyCode, net } of totals.referredRevenue)
    lines.push([currencyCode, formatAmountTextForFriendbuy(net)].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
