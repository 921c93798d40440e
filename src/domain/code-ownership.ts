// Who owns a promo code. Every code belongs to exactly one owner (a channel within a campaign); asking for a
// code that someone else owns is a collision to report, never a reason to overwrite. The registry is
// store/codes.ts (migration 006).

/** Where a code comes from: Friendbuy's three sources, or the merchant's own codes that we must not touch. */
export const CODE_CHANNELS = ['advocateReferral', 'friendIncentive', 'advocateReward', 'merchant'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

/** Code-bank channels: codes we generate in bulk and the merchant uploads to a Friendbuy code bank. */
export const BANK_CHANNELS = ['friendIncentive', 'advocateReward'] as const;
export type BankChannel = (typeof BANK_CHANNELS)[number];

export type CodeStatus = 'pending' | 'active' | 'deactivated' | 'exhausted';

export interface CodeOwner {
  channel: CodeChannel;
  campaignId?: string | null | undefined;
  storeKeys: readonly string[];
  currencies: readonly string[];
  /** Friendbuy's rewardId, for reward coupons. */
  rewardId?: string | null | undefined;
  /** The code-bank batch that generated it. */
  batchId?: string | null | undefined;
}

/**
 * Whether an existing owner is the one now asking for the code, so ensuring it again is a no-op. A code-bank
 * code without a reward yet is the same owner as the reward Friendbuy later distributes it for. Stores and
 * currencies are not compared: a campaign whose stores changed still owns the codes it made.
 */
export function isSameOwner(existing: CodeOwner, wanted: CodeOwner): boolean {
  if (existing.channel !== wanted.channel || existing.channel === 'merchant') return false;
  if (existing.campaignId && wanted.campaignId && existing.campaignId !== wanted.campaignId) return false;
  if (existing.rewardId && wanted.rewardId && existing.rewardId !== wanted.rewardId) return false;
  return true;
}

/** The owner in words, for collision reports. */
export function describeOwner(owner: CodeOwner): string {
  if (owner.channel === 'merchant') return 'a merchant code in commercetools (not created by the connector)';
  const parts = [`${owner.channel} code`];
  if (owner.campaignId) parts.push(`of campaign ${owner.campaignId}`);
  if (owner.rewardId) parts.push(`for reward ${owner.rewardId}`);
  if (owner.batchId) parts.push(`from code batch ${owner.batchId}`);
  return parts.join(' ');
}
