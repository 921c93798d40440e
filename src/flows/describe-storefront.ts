// GET /storefront/config: which Friendbuy merchant, campaign and scripts serve a store and locale, from the
// campaign mapping. An unmapped store is an answer (`enabled: false` with the reason), not an error: the kit then
// warns in the console and shows no widget.
import type { StorefrontConfig } from '../config-storefront.js';
import { type Campaign, findCampaign } from '../domain/campaign.js';

export type StorefrontDescription =
  | {
      enabled: true;
      storeKey: string;
      locale?: string | undefined;
      merchantId: string;
      campaignId: string;
      friendbuyScriptUrl: string;
      campaignsScriptUrl: string;
      referralCodeParam: string;
    }
  | { enabled: false; storeKey: string; locale?: string | undefined; reason: string };

/** Needs only the configuration: what the storefront kit asks first, on every page view. */
export function describeStorefront(
  campaigns: readonly Campaign[],
  settings: StorefrontConfig,
  where: { storeKey: string; locale?: string | undefined },
): StorefrontDescription {
  const campaign = findCampaign(campaigns, { storeKey: where.storeKey, locale: where.locale });
  if (!campaign) {
    const inLocale = where.locale ? ` in locale "${where.locale}"` : '';
    return {
      enabled: false,
      storeKey: where.storeKey,
      locale: where.locale,
      reason: `no Friendbuy campaign is mapped to store "${where.storeKey}"${inLocale} (CONNECTOR_CAMPAIGNS_FILE)`,
    };
  }
  return {
    enabled: true,
    storeKey: where.storeKey,
    locale: where.locale,
    merchantId: campaign.merchantId,
    campaignId: campaign.id,
    friendbuyScriptUrl: settings.friendbuyScriptUrl,
    campaignsScriptUrl: settings.campaignsScriptUrl.replaceAll(
      '{merchantId}',
      encodeURIComponent(campaign.merchantId),
    ),
    referralCodeParam: settings.referralCodeParam,
  };
}
