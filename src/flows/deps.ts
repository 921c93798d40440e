// What flows need from the outside world, wired once by the composition root (src/connector.ts).
import type { Clock } from '../clock.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { Config } from '../config.js';
import type { Campaign } from '../domain/campaign.js';
import type { MapiClient } from '../friendbuy/mapi-client.js';
import type { Logger } from '../logger.js';
import type { ConnectorMetrics } from '../observability/metrics.js';
import type { Db } from '../store/db.js';

export interface FlowDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** The merchant's campaigns (store, currency and locale mapping; code and reward settings). */
  campaigns: readonly Campaign[];
  commercetools: CommercetoolsApi;
  friendbuy: MapiClient;
  /** Custom type keys resolved by `setup` (ours, or the merchant's type we extended). */
  customTypes: { order: CustomTypeRef; customer: CustomTypeRef };
  /** What flows count as it happens (fraud verdicts); the rest is read from the store at scrape time. */
  metrics: ConnectorMetrics;
}

export interface CustomTypeRef {
  key: string;
  id: string;
}

export const orderStream = (orderId: string) => `order:${orderId}`;
export const customerStream = (customerId: string) => `customer:${customerId}`;
