// A referral campaign as the merchant configures it: which Friendbuy merchant and campaign serve which
// commercetools stores, currencies and locales, and how its codes and rewards look. Pure data and lookups.
import type { RewardPolicy } from './policy.js';

/** A discount value: a percentage, or fixed amounts per currency in minor units (e.g. `{ USD: 1000 }`). */
export type DiscountValue =
  | { type: 'percent'; percent: number }
  | { type: 'amount'; amounts: Readonly<Record<string, number>> };

export interface CodeSettings {
  /** Prefix of commercetools codes this campaign creates (code banks); keeps campaigns' codes apart. */
  prefix: string;
  /** Length of the random part of generated codes. */
  randomLength: number;
}

export interface FriendIncentiveSettings {
  value: DiscountValue;
  /** Minimum net cart value per currency, minor units (`{ USD: 5000 }`). */
  minimumOrder: Readonly<Record<string, number>>;
  newCustomersOnly: boolean;
  validForDays?: number | undefined;
}

export interface AdvocateRewardSettings {
  /** Overrides the webhook's rewardAmount/rewardUnit when set. */
  value?: DiscountValue | undefined;
  validForDays?: number | undefined;
}

export interface Campaign {
  /** Friendbuy's campaign id. */
  id: string;
  name: string;
  merchantId: string;
  storeKeys: readonly string[];
  currencies: readonly string[];
  /** Locales the widgets serve; empty means every locale of the stores. */
  locales: readonly string[];
  codes: CodeSettings;
  friendIncentive: FriendIncentiveSettings;
  advocateReward: AdvocateRewardSettings;
  /** Orders from commercetools Recurring Orders: purchases marked `recurring` (default), or not reported. */
  recurringOrders?: 'purchase' | 'skip' | undefined;
  /** The eligibility and fraud policy (domain/policy.ts); undefined when the campaign sets none. */
  policy?: RewardPolicy | undefined;
}

export interface CampaignMatch {
  storeKey?: string | undefined;
  currency?: string | undefined;
  locale?: string | undefined;
}

/**
 * The campaign serving a store, currency and locale: the first configured campaign that matches every given
 * criterion. A locale matches exactly or by language (`de` matches `de-DE`).
 */
export function findCampaign(campaigns: readonly Campaign[], match: CampaignMatch): Campaign | undefined {
  return campaigns.find(
    (campaign) =>
      (match.storeKey === undefined || campaign.storeKeys.includes(match.storeKey)) &&
      (match.currency === undefined || campaign.currencies.includes(match.currency)) &&
      (match.locale === undefined ||
        campaign.locales.length === 0 ||
        localeMatches(campaign.locales, match.locale)),
  );
}

export function campaignById(campaigns: readonly Campaign[], id: string): Campaign | undefined {
  return campaigns.find((campaign) => campaign.id === id);
}

function localeMatches(locales: readonly string[], locale: string): boolean {
  const wanted = locale.toLowerCase();
  return locales.some((candidate) => {
    const have = candidate.toLowerCase();
    return have === wanted || have.split('-')[0] === wanted.split('-')[0];
  });
}
