// The composition root: builds the store, HTTP app, clients, flows and workers from a Config. In sandbox mode it
// also mounts the emulated commercetools and Friendbuy on the connector's own port. Nothing else wires things.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadCampaigns } from './campaigns/load.js';
import { AdjustableClock, type Clock, systemClock } from './clock.js';
import { createCommercetoolsClient } from './commercetools/client.js';
import type { CommercetoolsApi } from './commercetools/order-access.js';
import type { Config } from './config.js';
import type { FlowDeps } from './flows/deps.js';
import { JOB } from './flows/job-kinds.js';
import { createMessageProcessor } from './flows/process-commercetools-message.js';
import { createOrderFieldsProjector } from './flows/project-order-fields.js';
import { createOrderStatusReporter } from './flows/report-order-status.js';
import { createPurchaseReporter } from './flows/report-purchase.js';
import { resolveCustomTypes, runSetup } from './flows/setup.js';
import { createMapiClient } from './friendbuy/mapi-client.js';
import { createHttpApp } from './http/app.js';
import { registerAdminOutboxRoutes } from './http/routes/admin-outbox.js';
import { registerEventsRoute } from './http/routes/events.js';
import { registerHealthRoute } from './http/routes/health.js';
import { createWorkers, type Workers } from './jobs/worker.js';
import { createLogger, type Logger } from './logger.js';
import {
  type CommercetoolsSandbox,
  createCommercetoolsSandbox,
} from './sandbox/commercetools/create-sandbox.js';
import { createFriendbuyEmulator, type FriendbuyEmulator } from './sandbox/friendbuy-emulator/index.js';
import type { Db } from './store/db.js';
import { openStore, type StoreOptions } from './store/open.js';
import { VERSION } from './version.js';

export interface ConnectorOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Overrides the store the config names (tests pass a schema of their own). */
  store?: StoreOptions;
}

export interface Sandbox {
  clock: AdjustableClock;
  commercetools: CommercetoolsSandbox;
  friendbuy: FriendbuyEmulator;
  urls: {
    commercetoolsApiUrl: string;
    commercetoolsAuthUrl: string;
    projectKey: string;
    friendbuyApiUrl: string;
  };
}

export interface Connector {
  app: FastifyInstance;
  /** Where the connector listens, e.g. `http://127.0.0.1:8080`. */
  url: string;
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  commercetools: CommercetoolsApi;
  workers: Workers;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

export async function startConnector(options: ConnectorOptions): Promise<Connector> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const campaigns = loadCampaigns({
    file: config.campaignsFile,
    mode: config.mode,
    merchantId: config.friendbuy.merchantId,
  });
  if (campaigns.length === 0)
    logger.warn('no campaigns configured (CONNECTOR_CAMPAIGNS_FILE): no widgets or codes');
  const sandboxClock = config.mode === 'sandbox' ? new AdjustableClock() : undefined;
  const clock = options.clock ?? sandboxClock ?? systemClock;
  const db = await openStore(options.store ?? { url: config.database.url, dataDir: config.database.dataDir });
  const app = createHttpApp(logger);
  let workers: Workers | undefined;

  const emulators =
    config.mode === 'sandbox'
      ? {
          friendbuy: createFriendbuyEmulator({
            key: config.friendbuy.mapiKey,
            secret: config.friendbuy.mapiSecret,
            now: () => clock.now(),
          }),
          commercetools: createCommercetoolsSandbox({
            projectKey: config.commercetools.projectKey,
            logger,
            now: () => clock.now(),
          }),
        }
      : undefined;
  let sandboxUrls: Sandbox['urls'] | undefined;

  registerHealthRoute(app, {
    db,
    mode: config.mode,
    version: VERSION,
    sandbox: emulators ? () => ({ ...sandboxUrls! }) : undefined,
  });
  registerEventsRoute(app, {
    db,
    clock,
    eventsToken: config.inbound.eventsToken,
    onRecorded: () => workers?.wake(),
  });
  registerAdminOutboxRoutes(app, {
    db,
    clock,
    adminToken: config.inbound.adminToken,
    onRetried: () => workers?.wake(),
  });
  if (emulators) {
    await app.register(emulators.friendbuy.plugin, { prefix: '/sandbox/friendbuy' });
    await app.register(emulators.commercetools.plugin, { prefix: '/sandbox/commercetools' });
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const resolved = {
    ...config,
    commercetools: { ...config.commercetools },
    friendbuy: { ...config.friendbuy },
  };
  if (emulators) {
    sandboxUrls = {
      commercetoolsApiUrl: `${url}/sandbox/commercetools`,
      commercetoolsAuthUrl: `${url}/sandbox/commercetools`,
      projectKey: config.commercetools.projectKey,
      friendbuyApiUrl: `${url}/sandbox/friendbuy`,
    };
    resolved.commercetools.apiUrl = sandboxUrls.commercetoolsApiUrl;
    resolved.commercetools.authUrl = sandboxUrls.commercetoolsAuthUrl;
    resolved.friendbuy.apiUrl = sandboxUrls.friendbuyApiUrl;
  }

  const commercetools = createCommercetoolsClient(resolved.commercetools);
  const friendbuy = createMapiClient({
    baseUrl: resolved.friendbuy.apiUrl,
    key: config.friendbuy.mapiKey,
    secret: config.friendbuy.mapiSecret,
    logger,
    now: () => clock.now(),
  });

  try {
    if (emulators) {
      await emulators.commercetools.seed();
      await runSetup({ db, commercetools, config, logger, now: clock.now() });
    }
    const customTypes = await resolveCustomTypes({ db, commercetools, config });
    const deps: FlowDeps = {
      db,
      clock,
      logger,
      config: resolved,
      campaigns,
      commercetools,
      friendbuy,
      customTypes,
      wakeWorkers: () => workers?.wake(),
    };
    workers = createWorkers(
      {
        db,
        clock,
        logger,
        handlers: {
          [JOB.commercetoolsMessage]: createMessageProcessor(deps),
          [JOB.reportPurchase]: createPurchaseReporter(deps),
          [JOB.reportOrderStatus]: createOrderStatusReporter(deps),
          [JOB.projectOrderFields]: createOrderFieldsProjector(deps),
        },
        concurrency: config.outbox.concurrency,
        pollMs: config.outbox.pollMs,
        maxAgeMs: config.outbox.maxAgeHours * 3_600_000,
      },
      config.outbox.workersEnabled,
    );
    emulators?.commercetools.bridge.deliverTo(
      `${url}/events/commercetools?token=${encodeURIComponent(config.inbound.eventsToken)}`,
    );
  } catch (error) {
    await app.close();
    await db.close();
    throw error;
  }
  const activeWorkers = workers;

  logger.info(
    { url, mode: config.mode, database: db.kind, version: VERSION },
    'ct-friendbuy connector started',
  );

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    config: resolved,
    db,
    clock,
    logger,
    commercetools,
    workers: activeWorkers,
    ...(emulators && sandboxClock && sandboxUrls
      ? { sandbox: { clock: sandboxClock, ...emulators, urls: sandboxUrls } }
      : {}),
    close() {
      closing ??= (async () => {
        await emulators?.commercetools.bridge.stop();
        await app.close();
        await activeWorkers.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
