// Every route of the connector, registered in one place once their dependencies exist: the composition root
// builds the flows first and calls this before it listens, so no route ever answers "not ready yet".
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { AdjustableClock } from '../clock.js';
import { createOidcSignIn } from '../flows/console/oidc-sign-in.js';
import type { LocalOperator } from '../flows/console/operators-file.js';
import { resumeSession } from '../flows/console/sessions.js';
import type { FlowDeps } from '../flows/deps.js';
import type { IntakeDeps } from '../flows/intake-deps.js';
import type { StoreHealth } from '../flows/store-health.js';
import type { StorefrontDeps } from '../flows/storefront-deps.js';
import type { CartValidator } from '../flows/validate-cart.js';
import type { MetricsRegistry } from '../observability/metrics.js';
import { consoleGuard } from './operator-guard.js';
import { registerAdvocateFunnelRoute } from './routes/admin-advocate-funnel.js';
import { registerAdminAnalyticsRoutes } from './routes/admin-analytics.js';
import { registerAdminBackfillRoutes } from './routes/admin-backfills.js';
import { registerAdminCodeRoutes } from './routes/admin-codes.js';
import { registerAdminDashboardRoutes } from './routes/admin-dashboard.js';
import { registerAdminLedgerRoutes } from './routes/admin-ledger.js';
import { registerAdminOperatorRoutes } from './routes/admin-operators.js';
import { registerAdminOutboxRoutes } from './routes/admin-outbox.js';
import { registerAdminPeopleRoutes } from './routes/admin-people.js';
import { registerAdminPrivacyRoutes } from './routes/admin-privacy.js';
import { registerAdminReconciliationRoutes } from './routes/admin-reconciliation.js';
import { registerAdminReportRoutes } from './routes/admin-reports.js';
import { registerAdminReviewRoutes } from './routes/admin-reviews.js';
import { registerAdminRewardRoutes } from './routes/admin-rewards.js';
import { registerConsoleSessionRoutes } from './routes/admin-session.js';
import { registerCartExtensionRoute } from './routes/cart-extension.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerEventsRoute } from './routes/events.js';
import { registerFriendbuyWebhookRoute } from './routes/friendbuy-webhooks.js';
import { type Readiness, registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { registerRewardValidationRoute } from './routes/reward-validation.js';
import { registerSandboxClockRoute } from './routes/sandbox-clock.js';
import { storefrontRoutes } from './routes/storefront.js';

export type { Readiness } from './routes/health.js';

export interface ConnectorRoutesDeps {
  flows: FlowDeps;
  /** The intake of subscription deliveries and webhooks, with the process's one inbox writer. */
  intake: IntakeDeps;
  storefront: StorefrontDeps;
  validateCart: CartValidator;
  /** The connector's metrics registry, served at GET /metrics. */
  metrics: MetricsRegistry;
  health: {
    store: StoreHealth;
    mode: 'sandbox' | 'live';
    version: string;
    /** Set once the start tasks ran; until then /health answers 503 "starting". */
    started: () => Readiness | undefined;
  };
  /**
   * Sandbox only, and only when the connector keeps its own clock: POST /sandbox/clock moves it. Moving the clock
   * makes delayed jobs due without queuing anything, so it wakes the workers itself.
   */
  sandboxClock?: { clock: AdjustableClock; wakeWorkers: () => void } | undefined;
  /** The local operators file's people (CONSOLE_OPERATORS_FILE), checked at start. */
  localOperators?: readonly LocalOperator[] | undefined;
}

export async function registerConnectorRoutes(
  app: FastifyInstance,
  deps: ConnectorRoutesDeps,
): Promise<void> {
  const { flows, intake } = deps;
  const { config } = flows;
  const adminToken = config.inbound.adminToken;
  // The admin API's gate: the admin token (automation) or a console session, then the route's permission.
  // Without the parsing hook: only the console's routes read cookies (requestCookie), so the cart API extension
  // and event intake do no cookie work; setting cookies on a reply works as before.
  await app.register(cookie, { hook: false });
  const sessions = { db: flows.db, clock: flows.clock, lifetime: config.console.session };
  const guard = consoleGuard({ adminToken, resumeSession: (token) => resumeSession(sessions, token) });
  const localOperators = deps.localOperators ?? [];
  registerHealthRoutes(app, deps.health);
  registerMetricsRoute(app, { adminToken, metrics: deps.metrics });
  // `off`: another process (Connect's event application) takes the deliveries; this one does not serve them.
  if (config.eventsAuth !== 'off')
    registerEventsRoute(app, {
      ...intake,
      auth:
        config.eventsAuth === 'platform'
          ? { kind: 'platform' }
          : { kind: 'token', token: required(config.inbound.eventsToken, 'CONNECTOR_EVENTS_TOKEN') },
      bodyLimitBytes: config.events.bodyLimitBytes,
    });
  registerFriendbuyWebhookRoute(app, { ...intake, secretKey: config.friendbuy.secretKey });
  await registerConsoleSessionRoutes(app, {
    sessions,
    guard,
    mode: config.mode,
    localOperators,
    oidc: config.console.oidc && createOidcSignIn(config.console.oidc, flows),
    secureCookies: config.console.secureCookies,
    signInRateLimit: config.console.signInRateLimit,
  });
  registerAdminOperatorRoutes(app, { sessions, guard, localOperators });
  registerAdminRewardRoutes(app, { db: flows.db, guard });
  registerAdminReportRoutes(app, { db: flows.db, guard });
  registerAdminOutboxRoutes(app, { ...flows, guard });
  registerAdminCodeRoutes(app, { flows, guard });
  registerAdminLedgerRoutes(app, { db: flows.db, clock: flows.clock, guard });
  registerAdminAnalyticsRoutes(app, { flows, guard });
  registerAdminBackfillRoutes(app, { flows, guard });
  registerAdminReconciliationRoutes(app, { flows, guard });
  registerAdminReviewRoutes(app, { ...flows, campaigns: flows.campaigns, guard });
  registerAdminPrivacyRoutes(app, { ...flows, guard });
  registerAdminDashboardRoutes(app, { ...flows, guard });
  registerAdminPeopleRoutes(app, { ...flows, guard });
  registerRewardValidationRoute(app, { flows, secretKey: config.friendbuy.secretKey });
  if (deps.sandboxClock)
    registerSandboxClockRoute(app, {
      clock: deps.sandboxClock.clock,
      onAdvanced: deps.sandboxClock.wakeWorkers,
    });
  registerCartExtensionRoute(app, {
    authorization: config.inbound.extensionSecret,
    ...config.extension,
    validate: deps.validateCart,
    metrics: deps.metrics,
  });
  registerAdvocateFunnelRoute(app, { db: flows.db, guard, config });
  registerConsoleRoutes(app);
  await app.register(
    storefrontRoutes({
      settings: config.storefront,
      campaigns: flows.campaigns,
      deps: deps.storefront,
      rateLimit: config.http.storefrontRateLimit,
    }),
    { prefix: '/storefront' },
  );
}

/** A value the configuration check guarantees; its absence is a bug in that check, not a caller's mistake. */
function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new Error(`${name} is unset although the configuration check requires it`);
  return value;
}
