// What support sees of a customer's rewards on the commercetools customer: their referral role, and counts and
// values of the rewards issued to them and redeemed by them. Pure: it takes folded rewards, returns values.
import type { RewardState } from './reward-state.js';

export type RewardKind = 'advocateReward' | 'friendIncentive';

export interface RewardOverview {
  rewardId: string;
  kind: RewardKind;
  state: RewardState;
  /** As Friendbuy sent it, a decimal in major units ("20.00"); absent for rewards without a value. */
  amount?: string | null | undefined;
  /** A currency code, `%`, or a SKU (Friendbuy's `rewardUnit`). */
  unit?: string | null | undefined;
  /** Whether an order ever used it (a reissued reward stays counted once). */
  everRedeemed: boolean;
  /** When its last event happened; orders "last reward state". */
  lastEventAt: Date;
}

interface Tally {
  count: number;
  /** Sums per currency, decimal text in major units; rewards in `%` or SKUs are counted only. */
  value: Record<string, string>;
}

export interface RewardsSummary {
  issued: Tally;
  redeemed: Tally;
  byState: Partial<Record<RewardState, number>>;
  last?: { rewardId: string; kind: RewardKind; state: RewardState } | undefined;
}

export type ReferralRole = 'advocate' | 'friend' | 'both';

/**
 * @example
 * summariseRewards([{ rewardId: 'r1', kind: 'advocateReward', state: 'available', amount: '10.00', unit: 'USD',
 *   everRedeemed: false, lastEventAt }]).issued // { count: 1, value: { USD: '10.00' } }
 */
export function summariseRewards(rewards: readonly RewardOverview[]): RewardsSummary {
  const issued: Tally = { count: 0, value: {} };
  const redeemed: Tally = { count: 0, value: {} };
  const byState: Partial<Record<RewardState, number>> = {};
  let last: RewardOverview | undefined;
  for (const reward of rewards) {
    if (reward.state === 'none') continue;
    add(issued, reward);
    if (reward.everRedeemed) add(redeemed, reward);
    byState[reward.state] = (byState[reward.state] ?? 0) + 1;
    if (!last || reward.lastEventAt.getTime() >= last.lastEventAt.getTime()) last = reward;
  }
  return {
    issued,
    redeemed,
    byState,
    last: last && { rewardId: last.rewardId, kind: last.kind, state: last.state },
  };
}

export function referralRoleOf(kinds: Iterable<RewardKind>): ReferralRole | undefined {
  const seen = new Set(kinds);
  if (seen.has('advocateReward') && seen.has('friendIncentive')) return 'both';
  if (seen.has('advocateReward')) return 'advocate';
  if (seen.has('friendIncentive')) return 'friend';
  return undefined;
}

function add(tally: Tally, reward: RewardOverview): void {
  tally.count++;
  const unit = reward.unit ?? '';
  if (!/^[A-Z]{3}$/.test(unit) || !reward.amount || !DECIMAL.test(reward.amount)) return;
  tally.value[unit] = addDecimals(tally.value[unit] ?? '0', reward.amount);
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Exact sum of two non-negative decimals given as text (no floats: "0.10" + "0.20" is "0.30"). */
export function addDecimals(a: string, b: string): string {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const scaled = (text: string) => BigInt(text.replace('.', '') + '0'.repeat(scale - fractionLength(text)));
  const digits = (scaled(a) + scaled(b)).toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function fractionLength(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
