// The connector's Prometheus metrics, one registry per connector (tests start several in one process, and the
// global default registry would refuse the second's series). Counters and histograms move as things happen;
// what the store knows (queue, dead letters, rewards, delivery health) is read at scrape time with a few cheap
// queries, so a restart or another process sharing the database never makes the gauges lie.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type DeliverySource = 'commercetools' | 'friendbuy';
export type OutboundService = 'commercetools' | 'friendbuy';
/** What the cart API extension answered: the checks' verdict, or our own fault failing open or closed. */
export type CartExtensionOutcome = 'accepted' | 'refused' | 'not-a-cart' | 'failed-open' | 'failed-closed';
/** How one run of an outbox job ended; `retry` and `not-yet` run it again later. */
export type JobRunOutcome = 'done' | 'retry' | 'not-yet' | 'dead';

/** What flows, routes and the worker report; the port they see (the registry itself stays with the root). */
export interface ConnectorMetrics {
  deliveryReceived(source: DeliverySource, type: string): void;
  deliveryAcknowledged(source: DeliverySource, type: string, outcome: string): void;
  /** One HTTP exchange with an upstream; `endpoint` is a template (`GET /orders/{id}`), never an id. */
  outboundCall(service: OutboundService, endpoint: string, status: string, seconds: number): void;
  cartExtension(outcome: CartExtensionOutcome, seconds: number): void;
  fraudAssessed(verdict: string, signals: readonly string[]): void;
  jobRun(kind: string, outcome: JobRunOutcome): void;
}

/** What the store holds, read once per scrape (src/flows/observe-store.ts). */
export interface StoreGauges {
  jobs: Array<{ kind: string; state: 'pending' | 'dead'; count: number }>;
  /** Age of the oldest job that is due and not done; 0 when none is due. */
  oldestDueJobAgeSeconds: number;
  rewards: Array<{ state: string; count: number }>;
  /** Reconciliation findings not repaired (left for review), by cause. */
  findings: Array<{ cause: string; count: number }>;
  /** The last delivery health check (src/flows/delivery-health.ts), if one ran. */
  deliveryHealth?:
    | { subscription: string; extension: string; healthy: boolean; checkedAt: string }
    | undefined;
  /** PostgreSQL's connection pool; undefined on the embedded store (one connection, no pool). */
  pool?: { total: number; idle: number; waiting: number } | undefined;
}

export interface MetricsRegistry extends ConnectorMetrics {
  readonly contentType: string;
  /** The exposition text; the store gauges are read now. */
  render(): Promise<string>;
}

// Latency buckets from 5 ms (a warm extension lookup) to 10 s (a Friendbuy call at its timeout).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * @example
 * const metrics = createConnectorMetrics({ readStore: () => observeStore(deps) });
 * metrics.deliveryReceived('commercetools', 'OrderCreated');
 * await metrics.render(); // '# HELP ctfb_deliveries_received_total …'
 */
export function createConnectorMetrics(
  options: { readStore?: () => Promise<StoreGauges> } = {},
): MetricsRegistry {
  const registry = new Registry();
  const registers = [registry];
  // Event-loop lag, heap, CPU, handles: prom-client's own process series (nodejs_eventloop_lag_seconds…).
  collectDefaultMetrics({ register: registry });

  const received = new Counter({
    name: 'ctfb_deliveries_received_total',
    help: 'Inbound deliveries that passed authentication and parsing, by source and message type.',
    labelNames: ['source', 'type'],
    registers,
  });
  const acknowledged = new Counter({
    name: 'ctfb_deliveries_acknowledged_total',
    help: 'Inbound deliveries recorded and acknowledged, by source, message type and outcome.',
    labelNames: ['source', 'type', 'outcome'],
    registers,
  });
  const outbound = new Histogram({
    name: 'ctfb_outbound_request_duration_seconds',
    help: 'Calls to Friendbuy and commercetools (each attempt), by service, endpoint template and status.',
    labelNames: ['service', 'endpoint', 'status'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const extension = new Histogram({
    name: 'ctfb_cart_extension_duration_seconds',
    help: 'Cart API extension answers, by outcome; commercetools gives up after 2 s.',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const failOpen = new Counter({
    name: 'ctfb_cart_extension_fail_open_total',
    help: 'Carts let through unchecked because the referral checks failed or ran out of time.',
    registers,
  });
  const fraudAssessments = new Counter({
    name: 'ctfb_fraud_assessments_total',
    help: 'Referred orders assessed by the fraud check, by verdict.',
    labelNames: ['verdict'],
    registers,
  });
  const fraudSignals = new Counter({
    name: 'ctfb_fraud_signals_total',
    help: 'Fraud signals that fired, by signal and the verdict of the assessment they were part of.',
    labelNames: ['signal', 'verdict'],
    registers,
  });
  const jobRuns = new Counter({
    name: 'ctfb_outbox_job_runs_total',
    help: 'Outbox job runs by kind and outcome (retry and not-yet run again later; dead is dead-lettered).',
    labelNames: ['kind', 'outcome'],
    registers,
  });

  let reading: Promise<StoreGauges | undefined> | undefined;
  /** One store read per scrape, shared by every gauge collected in it. */
  function readStore(): Promise<StoreGauges | undefined> {
    if (!options.readStore) return Promise.resolve(undefined);
    reading ??= options
      .readStore()
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      });
    return reading;
  }

  storeGauge('ctfb_store_up', 'Whether the store answered this scrape (1) or not (0).', [], (g, s) =>
    g.set(s ? 1 : 0),
  );
  storeGauge('ctfb_outbox_jobs', 'Outbox jobs not done, by kind and state.', ['kind', 'state'], (g, s) => {
    for (const row of s?.jobs ?? []) g.set({ kind: row.kind, state: row.state }, row.count);
  });
  storeGauge(
    'ctfb_outbox_dead_letters',
    'Dead-lettered outbox jobs, waiting for an operator.',
    [],
    (g, s) => {
      if (s) g.set(s.jobs.filter((row) => row.state === 'dead').reduce((sum, row) => sum + row.count, 0));
    },
  );
  storeGauge(
    'ctfb_outbox_oldest_due_job_age_seconds',
    'How long the oldest due job has been waiting to run.',
    [],
    (g, s) => {
      if (s) g.set(s.oldestDueJobAgeSeconds);
    },
  );
  storeGauge('ctfb_rewards', 'Friendbuy rewards by state.', ['state'], (g, s) => {
    for (const row of s?.rewards ?? []) g.set({ state: row.state }, row.count);
  });
  storeGauge(
    'ctfb_reconciliation_open_findings',
    'Differences reconciliation found and could not repair, left for review, by cause.',
    ['cause'],
    (g, s) => {
      for (const row of s?.findings ?? []) g.set({ cause: row.cause }, row.count);
    },
  );
  storeGauge(
    'ctfb_commercetools_subscription_status',
    "The connector's commercetools Subscription at the last delivery health check: 1 for its status.",
    ['status'],
    (g, s) => {
      if (s?.deliveryHealth) g.set({ status: s.deliveryHealth.subscription }, 1);
    },
  );
  storeGauge(
    'ctfb_commercetools_cart_extension_status',
    "The connector's cart API extension registration at the last delivery health check: 1 for its state.",
    ['status'],
    (g, s) => {
      if (s?.deliveryHealth) g.set({ status: s.deliveryHealth.extension }, 1);
    },
  );
  storeGauge(
    'ctfb_delivery_health_ok',
    'Whether the last delivery health check found the subscription and the extension as setup leaves them.',
    [],
    (g, s) => {
      if (s?.deliveryHealth) g.set(s.deliveryHealth.healthy ? 1 : 0);
    },
  );
  storeGauge(
    'ctfb_delivery_health_checked_timestamp_seconds',
    'When the delivery health check last ran (Unix time).',
    [],
    (g, s) => {
      if (s?.deliveryHealth) g.set(Date.parse(s.deliveryHealth.checkedAt) / 1000);
    },
  );
  storeGauge(
    'ctfb_store_pool_connections',
    'PostgreSQL pool connections by state (total, idle, and requests waiting for one).',
    ['state'],
    (g, s) => {
      if (!s?.pool) return;
      g.set({ state: 'total' }, s.pool.total);
      g.set({ state: 'idle' }, s.pool.idle);
      g.set({ state: 'waiting' }, s.pool.waiting);
    },
  );

  function storeGauge(
    name: string,
    help: string,
    labelNames: string[],
    fill: (gauge: Gauge, gauges: StoreGauges | undefined) => void,
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const gauges = await readStore();
        this.reset();
        fill(this, gauges);
      },
    });
  }

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    deliveryReceived: (source, type) => received.inc({ source, type }),
    deliveryAcknowledged: (source, type, outcome) => acknowledged.inc({ source, type, outcome }),
    outboundCall: (service, endpoint, status, seconds) =>
      outbound.observe({ service, endpoint, status }, seconds),
    cartExtension(outcome, seconds) {
      extension.observe({ outcome }, seconds);
      if (outcome === 'failed-open') failOpen.inc();
    },
    fraudAssessed(verdict, signals) {
      fraudAssessments.inc({ verdict });
      for (const signal of new Set(signals)) fraudSignals.inc({ signal, verdict });
    },
    jobRun: (kind, outcome) => jobRuns.inc({ kind, outcome }),
  };
}
