// The composition root: builds the store, HTTP app, clients, flows and workers from a Config. In sandbox mode it
// also mounts the emulated commercetools and Friendbuy on the connector's own port. Nothing else wires things.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadCampaigns } from './campaigns/load.js';
import { AdjustableClock, type Clock, systemClock } from './clock.js';
import { createCommercetoolsClient } from './commercetools/client.js';
import type { CommercetoolsApi } from './commercetools/order-access.js';
import type { Config } from './config.js';
import { registryCodeOwner } from './flows/cart-lookups.js';
import type { FlowDeps } from './flows/deps.js';
import { pullFriendbuyAnalytics } from './flows/pull-friendbuy-analytics.js';
import { resolveCustomTypes, runSetup } from './flows/setup.js';
import { createStorefrontDeps, type StorefrontDeps } from './flows/storefront-deps.js';
import { type CartValidator, createConnectorCartValidator } from './flows/validate-cart.js';
import { createMapiClient } from './friendbuy/mapi-client.js';
import { createHttpApp } from './http/app.js';
import { registerAdvocateFunnelRoute } from './http/routes/admin-advocate-funnel.js';
import { registerAdminAnalyticsRoutes } from './http/routes/admin-analytics.js';
import { registerAdminCodeRoutes } from './http/routes/admin-codes.js';
import { registerAdminLedgerRoutes } from './http/routes/admin-ledger.js';
import { registerAdminOutboxRoutes } from './http/routes/admin-outbox.js';
import { registerAdminReportRoutes } from './http/routes/admin-reports.js';
import { registerAdminReviewRoutes } from './http/routes/admin-reviews.js';
import { registerAdminRewardRoutes } from './http/routes/admin-rewards.js';
import { registerCartExtensionRoute } from './http/routes/cart-extension.js';
import { registerEventsRoute } from './http/routes/events.js';
import { registerFriendbuyWebhookRoute } from './http/routes/friendbuy-webhooks.js';
import { registerHealthRoute } from './http/routes/health.js';
import { registerRewardValidationRoute } from './http/routes/reward-validation.js';
import { registerSandboxClockRoute } from './http/routes/sandbox-clock.js';
import { storefrontRoutes } from './http/routes/storefront.js';
import { DECLARED_JOBS, jobHandlers } from './jobs/registry.js';
import { scheduleRecurringJobs } from './jobs/schedules.js';
import { createWorkers, type Workers } from './jobs/worker.js';
import { createLogger, type Logger } from './logger.js';
import {
  type CommercetoolsSandbox,
  createCommercetoolsSandbox,
} from './sandbox/commercetools/create-sandbox.js';
import { ensureDemoFriendCoupon } from './sandbox/demo-coupon.js';
import { demoStorePlugin } from './sandbox/demo-store/plugin.js';
import { createFriendbuyEmulator, type FriendbuyEmulator } from './sandbox/friendbuy-emulator/index.js';
import { createImmediatePull } from './sandbox/immediate-pull.js';
import { installSandboxReferralDemo } from './sandbox/referral-demo.js';
import { welcomePlugin } from './sandbox/welcome-page.js';
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
  const db = await openStore({
    ...(options.store ?? { url: config.database.url, dataDir: config.database.dataDir }),
    timeouts: config.database.timeouts,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool replaces it on next use'),
  });
  const app = createHttpApp(logger, {
    trustProxy: config.trustProxy,
    timeouts: {
      requestMs: config.http.requestTimeoutMs,
      headersMs: config.http.headersTimeoutMs,
      keepAliveMs: config.http.keepAliveTimeoutMs,
    },
  });
  let workers: Workers | undefined;
  // The code admin routes must exist before listening; the flows they call only once the clients do.
  let codeFlows: FlowDeps | undefined;
  let storefront: StorefrontDeps | undefined; // same: /storefront routes exist before their flows do
  let cartValidator: CartValidator | undefined; // same: until it exists, the extension fails open/closed

  // Pulls each kind from its cursor; per-kind failures are logged inside and resumed by the next pull.
  const immediatePull = createImmediatePull(async () => {
    if (codeFlows) await pullFriendbuyAnalytics(codeFlows, logger);
  });
  const emulators =
    config.mode === 'sandbox'
      ? {
          friendbuy: createFriendbuyEmulator({
            key: config.friendbuy.mapiKey,
            secret: config.friendbuy.mapiSecret,
            secretKey: config.friendbuy.secretKey,
            merchantId: config.friendbuy.merchantId,
            now: () => clock.now(),
            logger,
            // In the sandbox the funnel shows a click at once: Friendbuy's analytics are pulled right after.
            onReferralClick: () => immediatePull.request(),
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
    bodyLimitBytes: config.events.bodyLimitBytes,
  });
  registerFriendbuyWebhookRoute(app, {
    db,
    clock,
    secretKey: config.friendbuy.secretKey,
  });
  registerAdminRewardRoutes(app, { db, adminToken: config.inbound.adminToken });
  registerAdminReportRoutes(app, { db, adminToken: config.inbound.adminToken });
  registerAdminOutboxRoutes(app, {
    db,
    clock,
    adminToken: config.inbound.adminToken,
  });
  registerAdminCodeRoutes(app, { adminToken: config.inbound.adminToken, flows: () => codeFlows });
  registerAdminLedgerRoutes(app, { db, adminToken: config.inbound.adminToken });
  registerAdminAnalyticsRoutes(app, { adminToken: config.inbound.adminToken, flows: () => codeFlows });
  registerAdminReviewRoutes(app, {
    db,
    clock,
    campaigns,
    adminToken: config.inbound.adminToken,
  });
  registerRewardValidationRoute(app, { secretKey: config.friendbuy.secretKey, flows: () => codeFlows });
  // Moving the clock makes delayed jobs due without enqueueing anything, so it wakes the workers itself.
  if (sandboxClock && clock === sandboxClock)
    registerSandboxClockRoute(app, { clock: sandboxClock, onAdvanced: () => workers?.wake() });
  registerCartExtensionRoute(app, {
    authorization: config.inbound.extensionSecret,
    ...config.extension,
    validate: (cart) =>
      cartValidator ? cartValidator(cart) : Promise.reject(new Error('connector starting')),
  });
  registerAdvocateFunnelRoute(app, { db, adminToken: config.inbound.adminToken, config });
  await app.register(
    storefrontRoutes({
      settings: config.storefront,
      campaigns,
      deps: () => storefront,
      rateLimit: config.http.storefrontRateLimit,
    }),
    {
      prefix: '/storefront',
    },
  );
  if (emulators) {
    await app.register(emulators.friendbuy.plugin, { prefix: '/sandbox/friendbuy' });
    await app.register(demoStorePlugin({ projectKey: config.commercetools.projectKey }), {
      prefix: '/sandbox/store',
    });
    await app.register(emulators.commercetools.plugin, { prefix: '/sandbox/commercetools' });
    await app.register(welcomePlugin);
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
    timeoutMs: config.friendbuy.timeoutMs,
    logger,
    now: () => clock.now(),
  });

  try {
    if (emulators) {
      await emulators.commercetools.seed();
      await ensureDemoFriendCoupon(commercetools);
      await runSetup({ db, commercetools, config, logger, now: clock.now() });
      const demo = { commercetools, db, config, now: clock.now(), friendbuy: emulators.friendbuy };
      await installSandboxReferralDemo(demo, url);
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
    };
    codeFlows = deps;
    storefront = createStorefrontDeps(deps, emulators?.friendbuy.fbuyPublicKeyPem);
    cartValidator = createConnectorCartValidator(deps, { findCodeOwner: registryCodeOwner(db) });
    workers = createWorkers(
      {
        db,
        clock,
        logger,
        handlers: jobHandlers(deps),
        concurrency: config.outbox.concurrency,
        pollMs: config.outbox.pollMs,
        leaseMs: config.outbox.leaseMs,
        maxAgeMs: config.outbox.maxAgeHours * 3_600_000,
      },
      config.outbox.workersEnabled,
    );
    // Committed work that queued jobs wakes the workers at once instead of at their next poll.
    const running = workers;
    db.onJobsQueued(() => running.wake());
    await scheduleRecurringJobs(deps, DECLARED_JOBS);
    emulators?.friendbuy.webhooks.deliverTo(`${url}/webhooks/friendbuy`);
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
        // Deliveries stop first, then the workers finish their jobs while the routes (and, in sandbox mode, the
        // emulators they call on this same port) still answer; only then does the server close.
        await emulators?.commercetools.bridge.stop();
        emulators?.friendbuy.webhooks.stop();
        await immediatePull.stop();
        await activeWorkers.stop();
        await app.close();
        await db.close();
      })();
      return closing;
    },
  };
}
