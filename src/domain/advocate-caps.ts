// Caps on what one advocate earns: at most so many rewards, or so much value, per rolling period, in one
// campaign or across all (Friendbuy's Global Reward Allowance works the same way, friendbuy-api.md §5).
import { DAY_MS } from './durations.js';
import { compareMoney, divideMoneyHalfUp, type Money, policyMoney, sumMoney } from './money.js';

/** Rolling periods ending at the moment of the reward: day 24 h, week 7 days, month 30 days, year 365 days. */
export type CapPeriod = 'day' | 'week' | 'month' | 'year' | 'lifetime';

/**
 * At most `maxRewards` rewards, and rewards worth at most `maxValue` (minor units per currency), per period.
 * @example { period: 'month', maxRewards: 5 }
 * @example { period: 'year', maxValue: { USD: 50000, EUR: 45000 } }
 */
export interface AdvocateCap {
  period: CapPeriod;
  maxRewards?: number | undefined;
  maxValue?: Readonly<Record<string, number>> | undefined;
}

export interface AdvocateCaps {
  limits: readonly AdvocateCap[];
  /** Count the advocate's rewards from every campaign, like Friendbuy's Global Reward Allowance. */
  acrossCampaigns: boolean;
}

const PERIOD_MS: Readonly<Record<CapPeriod, number>> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  year: 365 * DAY_MS,
  lifetime: Number.POSITIVE_INFINITY,
};

/** One of the advocate's earlier rewards that still stands (not reversed). */
export interface PastAdvocateReward {
  at: Date;
  campaignId: string;
  /** Its money value, for value caps; rewards without one count only towards `maxRewards`. */
  value?: Money | undefined;
}

export interface AdvocateCapInput {
  /** When this reward would be granted. */
  at: Date;
  campaignId: string;
  /** The advocate's earlier rewards, from every campaign (this function keeps the ones the caps count). */
  rewards: readonly PastAdvocateReward[];
  /** What this reward is worth. When unknown, a value cap is reached once earlier rewards meet it. */
  rewardValue?: Money | undefined;
}

export interface CapBreach {
  period: CapPeriod;
  /** `maxRewards`, or `maxValue` of `currency`. */
  cap: 'maxRewards' | 'maxValue';
  max: number;
  /** Rewards, or value in minor units, including this reward. */
  reached: number;
  currency?: string;
}

/**
 * Every cap this reward would break; empty when it fits them all.
 * @example
 * advocateCapBreaches({ at, campaignId: 'c1', rewards: [r1, r2] }, { limits: [{ period: 'month', maxRewards: 2 }], acrossCampaigns: false })
 * // [{ period: 'month', cap: 'maxRewards', max: 2, reached: 3 }]
 */
export function advocateCapBreaches(input: AdvocateCapInput, caps: AdvocateCaps): CapBreach[] {
  const counted = input.rewards.filter(
    (reward) => caps.acrossCampaigns || reward.campaignId === input.campaignId,
  );
  return caps.limits.flatMap((limit) => {
    const since = input.at.getTime() - PERIOD_MS[limit.period];
    const inPeriod = counted.filter(({ at }) => at.getTime() > since && at.getTime() <= input.at.getTime());
    const breaches: CapBreach[] = [];
    if (limit.maxRewards !== undefined && inPeriod.length + 1 > limit.maxRewards) {
      breaches.push({
        period: limit.period,
        cap: 'maxRewards',
        max: limit.maxRewards,
        reached: inPeriod.length + 1,
      });
    }
    for (const [currency, max] of Object.entries(limit.maxValue ?? {})) {
      const cap = policyMoney(max, currency);
      const digits = cap.fractionDigits;
      const values = inPeriod.flatMap(({ value }) => (value?.currencyCode === currency ? [value] : []));
      const thisOne = input.rewardValue?.currencyCode === currency ? [input.rewardValue] : [];
      const reached = sumMoney([...values, ...thisOne], currency, digits);
      const over = input.rewardValue ? compareMoney(reached, cap) > 0 : compareMoney(reached, cap) >= 0;
      if (over)
        breaches.push({
          period: limit.period,
          cap: 'maxValue',
          max,
          reached: inMinorUnits(reached, digits),
          currency,
        });
    }
    return breaches;
  });
}

/** `reached` in the currency's own minor units, as the cap is written (rounded when a value has more digits). */
function inMinorUnits(amount: Money, digits: number): number {
  const extra = amount.fractionDigits - digits;
  return extra <= 0 ? amount.centAmount : divideMoneyHalfUp(amount, 10 ** extra).centAmount;
}

/**
 * How far back the caps look from `at`: undefined when the campaign sets no caps (no history is needed), `null`
 * for a lifetime cap (all of it), else the start of the longest period — so the flow reads only that much.
 * @example capHistorySince({ limits: [{ period: 'month', maxRewards: 5 }], acrossCampaigns: false }, at) // at − 30 days
 */
export function capHistorySince(caps: AdvocateCaps, at: Date): Date | null | undefined {
  if (caps.limits.length === 0) return undefined;
  const longest = Math.max(...caps.limits.map((limit) => PERIOD_MS[limit.period]));
  return Number.isFinite(longest) ? new Date(at.getTime() - longest) : null;
}
