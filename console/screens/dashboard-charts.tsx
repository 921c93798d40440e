// The dashboard's charts (Recharts). Each chart has a text alternative: its title names it, and the numbers
// are in the totals above and in the CSV export.
import { designTokens } from '@commercetools-uikit/design-system';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Dashboard, DashboardBucket } from '../api-types';
import { formatDay, formatMoney } from '../format';
import { signalName } from '../signals';

const COLORS = ['#3f3fc8', '#00b39e', '#f5a623', '#e6007e', '#6b7a90'];
const HEIGHT = 260;
const FUNNEL = [
  ['shares', 'Shares'],
  ['clicks', 'Clicks'],
  ['signUps', 'Sign-ups'],
  ['referredOrders', 'Referred orders'],
] as const;
const compact = new Intl.NumberFormat('en', { notation: 'compact' });

function tickFor(bucket: 'day' | 'week') {
  return (iso: string) => (bucket === 'week' ? `wk ${formatDay(iso)}` : formatDay(iso));
}

export function FunnelChart(props: { series: DashboardBucket[]; bucket: 'day' | 'week' }) {
  return (
    <figure
      aria-label="Funnel over time: shares, clicks, sign-ups and referred orders"
      data-testid="chart-funnel"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={props.series} margin={{ top: 8, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={designTokens.colorNeutral90} vertical={false} />
          <XAxis dataKey="bucketStart" tickFormatter={tickFor(props.bucket)} fontSize={12} minTickGap={24} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(label) => formatDay(String(label))} />
          <Legend />
          {FUNNEL.map(([key, name], index) => (
            <Line
              key={key}
              type="monotone"
              dataKey={key}
              name={name}
              stroke={COLORS[index]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function RewardsChart(props: { series: DashboardBucket[]; bucket: 'day' | 'week' }) {
  const bars = [
    ['rewardsIssued', 'Issued', '#00b39e'],
    ['rewardsReversed', 'Reversed', '#e6007e'],
    ['rewardsHeld', 'Held', '#f5a623'],
  ] as const;
  return (
    <figure
      aria-label="Rewards issued, reversed and held over time"
      data-testid="chart-rewards"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={props.series} margin={{ top: 8, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={designTokens.colorNeutral90} vertical={false} />
          <XAxis dataKey="bucketStart" tickFormatter={tickFor(props.bucket)} fontSize={12} minTickGap={24} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(label) => formatDay(String(label))} />
          <Legend />
          {bars.map(([key, name, color]) => (
            <Bar
              key={key}
              dataKey={key}
              name={name}
              stackId="rewards"
              fill={color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function RevenueChart(props: { revenue: Dashboard['totals']['referredRevenue'] }) {
  const data = props.revenue.map((r) => ({
    currency: r.currencyCode,
    amount: r.net.centAmount / 10 ** r.net.fractionDigits,
    label: formatMoney(r.net),
  }));
  return (
    <figure
      aria-label="Referred revenue, net, per currency"
      data-testid="chart-revenue"
      style={{ margin: 0 }}
    >
      <ResponsiveContainer width="100%" height={HEIGHT - 40}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={designTokens.colorNeutral90} vertical={false} />
          <XAxis dataKey="currency" fontSize={12} />
          <YAxis fontSize={12} tickFormatter={(value: number) => compact.format(value)} />
          <Tooltip
            formatter={(_value, _name, item) => [(item.payload as { label: string }).label, 'Net revenue']}
          />
          <Bar dataKey="amount" name="Net revenue" fill="#3f3fc8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function HoldsChart(props: { holds: Dashboard['holdsBySignal'] }) {
  const data = props.holds.map((h) => ({ signal: signalName(h.signal), count: h.count }));
  return (
    <figure aria-label="Fraud holds by signal" data-testid="chart-holds" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 36 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={designTokens.colorNeutral90} horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="signal" width={190} fontSize={12} />
          <Tooltip />
          <Bar dataKey="count" name="Holds" fill="#f5a623" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
