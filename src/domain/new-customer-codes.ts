// Which Friendbuy-owned codes on a cart are new-customer offers: the code's owner (campaign and channel, from the
// code registry) and the campaign's `friendIncentive.newCustomersOnly` (campaign file) decide.
import { type Campaign, campaignById } from './campaign.js';
import type { CodeChannel } from './code-ownership.js';
import type { ReferralParty } from './self-referral.js';

/** What the cart extension needs to know about a code's owner. */
export interface CodeOwnerSummary {
  campaignId?: string | null | undefined;
  channel: CodeChannel;
  /** The advocate behind an advocate referral code, when known (a self-referral through a discount code). */
  advocate?: ReferralParty | undefined;
}

// Friends redeem advocate referral codes (code-based sharing) and friend incentives; advocate rewards and the
// merchant's own codes are not new-customer offers.
const FRIEND_CHANNELS: ReadonlySet<CodeChannel> = new Set(['advocateReferral', 'friendIncentive']);

/**
 * The codes only new customers may use.
 * @example newCustomerOnlyCodes([{ code: 'jane10', owner: { channel: 'advocateReferral', campaignId: 'c1' } }], campaigns)
 */
export function newCustomerOnlyCodes(
  codes: ReadonlyArray<{ code: string; owner: CodeOwnerSummary | undefined }>,
  campaigns: readonly Campaign[],
): string[] {
  return codes
    .filter(({ owner }) => {
      if (!owner || !FRIEND_CHANNELS.has(owner.channel) || !owner.campaignId) return false;
      return campaignById(campaigns, owner.campaignId)?.friendIncentive.newCustomersOnly === true;
    })
    .map(({ code }) => code);
}
