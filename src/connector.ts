// The composition root: builds the store, clients, flows, workers and HTTP app from a Config, in that order, and
// then listens. In sandbox mode it first starts the emulated commercetools and Friendbuy (on a port of their
// own; browsers also find them on the connector's). Nothing else wires things, and it owns what they share.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadCampaigns } from './campaigns/load.js';
import { AdjustableClock, type Clock, systemClock } from './clock.js';
import { createCommercetoolsClient } from './commercetools/client.js';
import type { CommercetoolsApi } from './commercetools/order-access.js';
import type { Config } from './config.js';
import { registryCodeOwner } from './flows/cart-lookups.js';
import { loadOperatorsFile } from './flows/console/operators-file.js';
import type { FlowDeps } from './flows/deps.js';
import { observeStore } from './flows/observe-store.js';
import { pullFriendbuyAnalytics } from './flows/pull-friendbuy-analytics.js';
import { resolveCustomTypes, runSetup } from './flows/setup.js';
import { storeHealth } from './flows/store-health.js';
import { createStorefrontDeps } from './flows/storefront-deps.js';
import { createConnectorCartValidator } from './flows/validate-cart.js';
import { createMapiClient } from './friendbuy/mapi-client.js';
import { createHttpApp } from './http/app.js';
import { type Readiness, registerConnectorRoutes } from './http/connector-routes.js';
import { bearerGuard } from './http/operator-guard.js';
import { DECLARED_JOBS, jobHandlers } from './jobs/registry.js';
import { scheduleRecurringJobs } from './jobs/schedules.js';
import { createWorkers, type Workers } from './jobs/worker.js';
import { createLogger, type Logger } from './logger.js';
import { createConnectorMetrics, type MetricsRegistry } from './observability/metrics.js';
import { observeOutboundCalls } from './observability/outbound.js';
import { createTracing, type Tracing } from './observability/tracing.js';
import type { CommercetoolsSandbox } from './sandbox/commercetools/create-sandbox.js';
import { ensureDemoFriendCoupon } from './sandbox/demo-coupon.js';
import { type EmulatorUrls, type SandboxEmulators, startSandboxEmulators } from './sandbox/emulators.js';
import type { FriendbuyEmulator } from './sandbox/friendbuy-emulator/index.js';
import { createImmediatePull } from './sandbox/immediate-pull.js';
import { installSandboxReferralDemo } from './sandbox/referral-demo.js';
import { registerSandboxSeedRoute } from './sandbox/seed-referrals.js';
import type { Db } from './store/db.js';
import { createInboxWriter } from './store/inbox-writer.js';
import { openStore, type StoreOptions } from './store/open.js';
import { reportEmbeddedServer } from './store-supervision.js';
import { VERSION } from './version.js';

export interface ConnectorOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Overrides the store the config names (tests pass a schema of their own). */
  store?: StoreOptions;
  /**
   * The embedded store's server stopped and could not be restarted (the reason in one line): `npm start` exits,
   * so that the process manager starts the connector again. Until then the routes answer 503.
   */
  onStoreLost?: (reason: string) => void;
}

export interface Sandbox {
  clock: AdjustableClock;
  commercetools: CommercetoolsSandbox;
  friendbuy: FriendbuyEmulator;
  /** The emulated services under the connector's URL, as browsers and the CLI reach them. */
  urls: EmulatorUrls;
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
  /** Its Prometheus registry (GET /metrics), which flows and routes report to. */
  metrics: MetricsRegistry;
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
  const localOperators = loadOperatorsFile(config.console.operatorsFile);
  if (config.mode === 'live' && localOperators.length === 0 && !config.console.oidc)
    logger.warn(
      'no console sign-in configured (CONSOLE_OIDC_ISSUER or CONSOLE_OPERATORS_FILE): only the admin API token works',
    );
  const sandboxClock = config.mode === 'sandbox' ? new AdjustableClock() : undefined;
  const clock = options.clock ?? sandboxClock ?? systemClock;
  // One pass: the store (migrated), the emulators in sandbox mode, every client and flow, then the routes, and
  // only then the socket. No route exists before it can answer; /health says "starting" until the start tasks
  // that need the connector's own URL (the sandbox's cart extension and deliveries) ran.
  const db = await openStore({
    ...(options.store ?? { url: config.database.url, dataDir: config.database.dataDir }),
    timeouts: config.database.timeouts,
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool replaces it on next use'),
    onEmbeddedServerEvent: reportEmbeddedServer(logger, options.onStoreLost),
  });
  let emulators: SandboxEmulators | undefined;
  let app: FastifyInstance | undefined;
  let tracing: Tracing | undefined;
  // Bound once built, so that a start failing after it stops them.
  let workers: Workers | undefined;
  try {
    emulators =
      config.mode === 'sandbox' ? await startSandboxEmulators({ config, clock, logger }) : undefined;
    const resolved = resolveClientConfig(config, emulators?.internal);
    tracing = await createTracing({
      endpoint: config.tracing.endpoint,
      serviceName: config.tracing.serviceName,
      version: VERSION,
    });
    const metrics = createConnectorMetrics({ readStore: () => observeStore({ db, clock }) });
    const commercetools = createCommercetoolsClient({
      ...resolved.commercetools,
      observer: observeOutboundCalls('commercetools', metrics, tracing),
    });
    const friendbuy = createMapiClient({
      observer: observeOutboundCalls('friendbuy', metrics, tracing),
      baseUrl: resolved.friendbuy.apiUrl,
      key: config.friendbuy.mapiKey,
      secret: config.friendbuy.mapiSecret,
      timeoutMs: config.friendbuy.timeoutMs,
      logger,
      now: () => clock.now(),
    });
    if (emulators) {
      await ensureDemoFriendCoupon(commercetools);
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
      metrics,
    };
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
        metrics,
        tracing,
      },
      config.outbox.workersEnabled,
    );
    const activeWorkers = workers;
    // Committed work that queued jobs wakes the workers at once instead of at their next poll.
    db.onJobsQueued(() => activeWorkers.wake());
    await scheduleRecurringJobs(deps, DECLARED_JOBS);
    // Pulls each kind from its cursor; per-kind failures are logged inside and resumed by the next pull.
    const immediatePull = createImmediatePull(() => pullFriendbuyAnalytics(deps, logger));
    emulators?.whenReferralClicked(() => immediatePull.request());

    let started: Readiness | undefined;
    app = createHttpApp(logger, {
      trustProxy: config.trustProxy,
      timeouts: {
        requestMs: config.http.requestTimeoutMs,
        headersMs: config.http.headersTimeoutMs,
        keepAliveMs: config.http.keepAliveTimeoutMs,
      },
      tracing,
    });
    await registerConnectorRoutes(app, {
      flows: deps,
      intake: { db, clock, inbox: createInboxWriter(db), metrics },
      storefront: createStorefrontDeps(deps, emulators?.friendbuy.fbuyPublicKeyPem),
      validateCart: createConnectorCartValidator(deps, { findCodeOwner: registryCodeOwner(db) }),
      metrics,
      health: { store: storeHealth(db), mode: config.mode, version: VERSION, started: () => started },
      localOperators,
      sandboxClock:
        sandboxClock && clock === sandboxClock
          ? { clock: sandboxClock, wakeWorkers: () => activeWorkers.wake() }
          : undefined,
    });
    await emulators?.mount(app);
    if (emulators)
      registerSandboxSeedRoute(app, { db, clock, guard: bearerGuard(config.inbound.adminToken) });

    await app.listen({ port: config.port, host: config.host });
    const port = (app.server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    const sandboxUrls = emulators?.publicUrls(url);
    if (emulators && sandboxUrls) {
      emulators.friendbuy.publishAt(sandboxUrls.friendbuyApiUrl);
      const demo = { commercetools, db, config, now: clock.now(), friendbuy: emulators.friendbuy };
      await installSandboxReferralDemo(demo, url);
      emulators.friendbuy.webhooks.deliverTo(`${url}/webhooks/friendbuy`);
      // With the events route off (a Connect service application), another process would take them.
      const token = config.inbound.eventsToken;
      if (config.eventsAuth !== 'off')
        emulators.commercetools.bridge.deliverTo(
          `${url}/events/commercetools${token ? `?token=${encodeURIComponent(token)}` : ''}`,
        );
    }
    started = sandboxUrls ? { sandbox: { ...sandboxUrls } } : {};

    logger.info(
      { url, mode: config.mode, database: db.kind, version: VERSION },
      'ct-friendbuy connector started',
    );

    const running = { app, emulators, tracing };
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
      metrics,
      ...(running.emulators && sandboxClock && sandboxUrls
        ? {
            sandbox: {
              clock: sandboxClock,
              commercetools: running.emulators.commercetools,
              friendbuy: running.emulators.friendbuy,
              urls: sandboxUrls,
            },
          }
        : {}),
      close() {
        closing ??= (async () => {
          // Deliveries stop first, then the workers finish their jobs while the routes and the emulators they
          // call still answer; only then do the server and the emulators close, and the store last.
          await running.emulators?.commercetools.bridge.stop();
          running.emulators?.friendbuy.webhooks.stop();
          await immediatePull.stop();
          await activeWorkers.stop();
          await running.app.close();
          await running.emulators?.close();
          await running.tracing.shutdown();
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await workers?.stop();
    await app?.close();
    await emulators?.close();
    await tracing?.shutdown();
    await db.close();
    throw error;
  }
}

/** In sandbox mode the clients talk to the emulators; otherwise to what the configuration names. */
function resolveClientConfig(config: Config, emulated: EmulatorUrls | undefined): Config {
  if (!emulated) return config;
  return {
    ...config,
    commercetools: {
      ...config.commercetools,
      apiUrl: emulated.commercetoolsApiUrl,
      authUrl: emulated.commercetoolsAuthUrl,
    },
    friendbuy: { ...config.friendbuy, apiUrl: emulated.friendbuyApiUrl },
  };
}
