// What an advocate's earlier rewards count for against the campaign's caps: Friendbuy sends a reward's amount
// as a decimal with a unit (a currency, `%` or a SKU); only currency amounts have a money value.
import type { PastAdvocateReward } from './advocate-caps.js';
import { currencyFractionDigits, type Money, parseFriendbuyAmount } from './money.js';

/**
 * The reward's money value, when its unit is a currency and its amount a plain decimal.
 * @example rewardMoney('10.50', 'USD') // { centAmount: 1050, currencyCode: 'USD', fractionDigits: 2 }
 * @example rewardMoney('15', '%') // undefined
 */
export function rewardMoney(amount: string | null, unit: string | null): Money | undefined {
  if (!amount || !unit || !/^[A-Z]{3}$/.test(unit) || !/^\d+(\.\d+)?$/.test(amount.trim())) return undefined;
  try {
    return parseFriendbuyAmount(Number(amount), unit, currencyFractionDigits(unit));
  } catch {
    return undefined; // more decimals than the currency has: counts towards maxRewards only
  }
}

export interface AdvocateRewardRecord {
  rewardId: string;
  campaignId: string | null;
  amount: string | null;
  unit: string | null;
  orderId: string | null;
  state: string;
  issuedAt: Date;
}

/**
 * The rewards that count against the advocate's caps for `orderId`: every standing (not reversed) reward
 * except the ones that order itself earned.
 * @example pastAdvocateRewards(await listAdvocateRewards(db, advocate), orderId)
 */
export function pastAdvocateRewards(
  rewards: readonly AdvocateRewardRecord[],
  orderId: string,
): PastAdvocateReward[] {
  return rewards
    .filter((reward) => reward.state !== 'reversed' && reward.orderId !== orderId)
    .map((reward) => ({
      at: new Date(reward.issuedAt),
      campaignId: reward.campaignId ?? '',
      value: rewardMoney(reward.amount, reward.unit),
    }));
}
