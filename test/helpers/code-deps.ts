// The flow dependencies of a running test connector, so a test can call a code flow the way the connector's
// own jobs and routes do (and two connectors' flows can race each other).
import { loadCampaigns } from '../../src/campaigns/load.js';
import type { Connector } from '../../src/connector.js';
import type { Campaign } from '../../src/domain/campaign.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { resolveCustomTypes } from '../../src/flows/setup.js';
import { createMapiClient } from '../../src/friendbuy/mapi-client.js';

export async function flowDepsOf(connector: Connector, campaigns?: readonly Campaign[]): Promise<FlowDeps> {
  const { config, db, commercetools } = connector;
  return {
    db,
    clock: connector.clock,
    logger: connector.logger,
    config,
    campaigns:
      campaigns ??
      loadCampaigns({
        file: config.campaignsFile,
        mode: config.mode,
        merchantId: config.friendbuy.merchantId,
      }),
    commercetools,
    friendbuy: createMapiClient({
      baseUrl: config.friendbuy.apiUrl,
      key: config.friendbuy.mapiKey,
      secret: config.friendbuy.mapiSecret,
    }),
    customTypes: await resolveCustomTypes({ db, commercetools, config }),
    metrics: connector.metrics,
  };
}
