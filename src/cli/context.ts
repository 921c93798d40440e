// What every CLI command starts from: the validated configuration, a logger on stderr, the store, and (for
// commands that talk to commercetools or Friendbuy) the API clients. In sandbox mode those commands go to a
// running sandbox connector's emulators, whose URL `--url` gives (default http://127.0.0.1:$PORT).
import pino from 'pino';
import { loadCampaigns } from '../campaigns/load.js';
import { createCommercetoolsClient } from '../commercetools/client.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { Config } from '../config.js';
import type { Campaign } from '../domain/campaign.js';
import { createMapiClient, type MapiClient } from '../friendbuy/mapi-client.js';
import { createLogger, type Logger } from '../logger.js';
import { createConnectorMetrics, type MetricsRegistry } from '../observability/metrics.js';
import { observeOutboundCalls } from '../observability/outbound.js';
import { TRACING_OFF } from '../observability/tracing.js';
import type { Db } from '../store/db.js';
import { openStore } from '../store/open.js';

export interface CliContext {
  config: Config;
  logger: Logger;
  openDb(): Promise<Db>;
  /** The campaigns the configuration names (the sandbox's own without a file), as the connector loads them. */
  campaigns(): Campaign[];
  commercetools(connectorUrl?: string): CommercetoolsApi;
  friendbuy(connectorUrl?: string): MapiClient;
  /** What the command's flows count; nothing scrapes a command, but its calls still carry correlation ids. */
  metrics: MetricsRegistry;
}

export function createCliContext(config: Config): CliContext {
  const logger = createLogger(config.logLevel, pino.destination(2));
  const inSandbox = config.mode === 'sandbox';
  const metrics = createConnectorMetrics();
  const emulated = (connectorUrl: string | undefined, api: string) =>
    `${connectorUrl ?? `http://127.0.0.1:${config.port}`}/sandbox/${api}`;
  return {
    config,
    logger,
    metrics,
    openDb: () => openStore({ url: config.database.url, dataDir: config.database.dataDir }),
    campaigns: () =>
      loadCampaigns({
        file: config.campaignsFile,
        mode: config.mode,
        merchantId: config.friendbuy.merchantId,
      }),
    commercetools(connectorUrl) {
      const sandboxUrl = emulated(connectorUrl, 'commercetools');
      return createCommercetoolsClient({
        ...config.commercetools,
        apiUrl: inSandbox ? sandboxUrl : config.commercetools.apiUrl,
        authUrl: inSandbox ? sandboxUrl : config.commercetools.authUrl,
        observer: observeOutboundCalls('commercetools', metrics, TRACING_OFF),
      });
    },
    friendbuy(connectorUrl) {
      return createMapiClient({
        baseUrl: inSandbox ? emulated(connectorUrl, 'friendbuy') : config.friendbuy.apiUrl,
        key: config.friendbuy.mapiKey,
        secret: config.friendbuy.mapiSecret,
        timeoutMs: config.friendbuy.timeoutMs,
        logger,
        observer: observeOutboundCalls('friendbuy', metrics, TRACING_OFF),
      });
    },
  };
}
