import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, dashboardCsv, fillSeries, totalsOf } from './dashboard.js';

describe('the dashboard arithmetic', () => {
  it('buckets by UTC day and by week starting Monday', () => {
    expect(bucketStart(new Date('2025-06-04T23:59:00Z'), 'day').toISOString()).toBe(
      '2025-06-04T00:00:00.000Z',
    );
    expect(bucketStart(new Date('2025-06-01T10:00:00Z'), 'week').toISOString()).toBe(
      '2025-05-26T00:00:00.000Z',
    );
    expect(bucketStart(new Date('2025-06-02T00:00:00Z'), 'week').toISOString()).toBe(
      '2025-06-02T00:00:00.000Z',
    );
    expect(
      bucketStarts(new Date('2025-06-01T12:00:00Z'), new Date('2025-06-03T00:00:00Z'), 'day'),
    ).toHaveLength(2);
  });

  it('fills every bucket, adds the counts and rates, and writes them as CSV', () => {
    const starts = bucketStarts(new Date('2025-06-01'), new Date('2025-06-03'), 'day');
    const series = fillSeries(starts, [
      { bucketStart: '2025-06-01T00:00:00.000Z', metric: 'referral.click', count: 4 },
      { bucketStart: '2025-06-01T00:00:00.000Z', metric: 'referral.sign-up', count: 1 },
      { bucketStart: new Date('2025-06-02T00:00:00Z'), metric: 'referredOrders', count: 2 },
      { bucketStart: '2025-07-01T00:00:00.000Z', metric: 'referredOrders', count: 9 },
    ]);
    expect(series.map((p) => [p.clicks, p.signUps, p.referredOrders])).toEqual([
      [4, 1, 0],
      [0, 0, 2],
    ]);
    const totals = totalsOf(series, [{ centAmount: 123456, currencyCode: 'USD', fractionDigits: 2 }]);
    expect(totals).toMatchObject({
      clicks: 4,
      referredOrders: 2,
      conversion: { clickToSignUp: 0.25, clickToOrder: 0.5 },
    });
    expect(totalsOf([], []).conversion).toEqual({ clickToSignUp: null, clickToOrder: null });
    expect(dashboardCsv(series, totals).split('\n')).toEqual([
      'bucketStart,shares,clicks,signUps,referredOrders,rewardsIssued,rewardsReversed,rewardsHeld',
      '2025-06-01T00:00:00.000Z,0,4,1,0,0,0,0',
      '2025-06-02T00:00:00.000Z,0,0,0,2,0,0,0',
      'total,0,4,1,2,0,0,0',
      '',
      'conversion,clickToSignUp,clickToOrder',
      ',0.25,0.5',
      '',
      'currency,referredRevenueNet',
      'USD,1234.56',
      '',
    ]);
  });
});
