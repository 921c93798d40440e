// Which campaign's reward policy an order falls under: the campaign serving the order's store and currency,
// when it sets a policy.
import type { Order } from '@commercetools/platform-sdk';
import { findCampaign } from '../domain/campaign.js';
import type { FlowDeps } from './deps.js';

/** The campaign with a policy that serves the order's store and currency, if any. */
export function policyCampaignOf(deps: Pick<FlowDeps, 'campaigns'>, order: Order) {
  const campaign = findCampaign(deps.campaigns, {
    storeKey: order.store?.key,
    currency: order.totalPrice.currencyCode,
  });
  return campaign?.policy ? { campaign, policy: campaign.policy } : undefined;
}
