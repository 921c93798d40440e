// Configuration: environment variables (Connect convention), parsed once at start from the one table in
// src/config/variables.ts. Every missing or malformed variable is named in one error, so a merchant fixes their
// deployment in one pass. This module is the only reader of `process.env`.

import { type Env, type Mode, readVariables, type ValuesOf } from './config/variable.js';
import { VARIABLES } from './config/variables.js';
import { type ConsoleConfig, consoleConfigFrom } from './config-console.js';
import { type StorefrontConfig, storefrontConfigFrom } from './config-storefront.js';
import type { EmailRules } from './domain/identity.js';
import type { MerchandiseRule } from './domain/merchandise.js';
import { DEFAULT_STATUS_EVENTS, type StatusKey } from './domain/order-status.js';
import type { AmountBasis } from './domain/purchase-amount.js';

export type { Mode };

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  logLevel: string;
  database: {
    url?: string | undefined;
    dataDir: string;
    /** PostgreSQL: bounded waits, so a database that stops answering gives quick 503s instead of hangs. */
    timeouts: { connectMs: number; statementMs: number; idleInTransactionMs: number };
  };
  /** Slow or abusive clients: socket timeouts, and a per-IP limit on the unauthenticated storefront routes. */
  http: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    storefrontRateLimit: { max: number; windowMs: number };
  };
  commercetools: {
    projectKey: string;
    clientId: string;
    clientSecret: string;
    scopes?: string[] | undefined;
    /** Empty in sandbox until the process listens: the emulator lives on the connector's own port. */
    apiUrl: string;
    authUrl: string;
    orderTypeKey?: string | undefined;
    customerTypeKey?: string | undefined;
  };
  friendbuy: {
    merchantId: string;
    secretKey: string;
    mapiKey: string;
    mapiSecret: string;
    apiUrl: string;
    /** After an ambiguous purchase call, how long to look for it in Friendbuy before sending it again. */
    purchaseResendAfterMinutes: number;
    /** Per Merchant API call; past it the outcome of an event call is ambiguous. */
    timeoutMs: number;
  };
  /** `eventsToken` is set whenever `eventsAuth` is `token` (the configuration check refuses it unset). */
  inbound: { eventsToken: string | undefined; extensionSecret: string; adminToken: string };
  /** POST /events/commercetools: the largest delivery accepted (CONNECTOR_EVENTS_BODY_LIMIT_MB, default 16). */
  events: { bodyLimitBytes: number };
  /** The campaign file (JSON, docs/campaigns.schema.json); undefined uses the sandbox's demo campaigns, or none in live mode. */
  campaignsFile?: string | undefined;
  /** Key for pseudonymous guest ids and for hashing identifiers that are only compared. */
  hashKey: string;
  /**
   * Which proxies' X-Forwarded-For to believe for the shopper's IP (Fastify `trustProxy`): false, true (every
   * hop, e.g. behind commercetools Connect's load balancer), or a comma-separated list of addresses/CIDRs.
   */
  trustProxy: boolean | string;
  /**
   * The Payment custom field where the merchant's PSP integration stores the card fingerprint, for the
   * same-payment fraud signal (CONNECTOR_PAYMENT_FINGERPRINT_FIELD); unset, that signal cannot fire.
   */
  paymentFingerprintField?: string | undefined;
  /** The purchase amount's basis, and which custom line items count as merchandise (domain/merchandise.ts). */
  purchase: { amountBasis: AmountBasis; merchandise: MerchandiseRule };
  statusEvents: { enabled: StatusKey[]; eventTypes: Record<StatusKey, string> };
  outbox: {
    maxAgeHours: number;
    concurrency: number;
    workersEnabled: boolean;
    pollMs: number;
    leaseMs: number;
  };
  /** The storefront kit: customer-auth server key, `fbuy` verification, script URLs (config-storefront.ts). */
  storefront: StorefrontConfig;
  /** Where commercetools reaches this connector: CONNECTOR_PUBLIC_URL, or CONNECT_SERVICE_URL under Connect. */
  publicUrl?: string | undefined;
  /** Cart API extension: what our own faults do to the cart, and our time budget (commercetools waits 2 s). */
  extension: { failMode: 'open' | 'closed'; budgetMs: number };
  /** Mail providers that ignore dots or `+tags` (one mailbox, one identity). Changing them changes email hashes. */
  emailRules: Required<EmailRules>;
  /** Minutes between pulls of Friendbuy analytics (shares, clicks, sign-ups, purchases); 0 disables them. */
  analytics: { pullMinutes: number };
  /** Days raw shopper identifiers stay on orders, and days recorded deliveries keep their payload (docs/privacy.md). */
  privacy: { rawIdentifierDays: number; inboxRetentionDays: number };
  /** Hours between reconciliations; 0 disables the timer. */
  reconciliation: { everyHours: number };
  /** Promo codes: referral codes on sign-up; replacement codes when an order that used one is cancelled. */
  codes: { referralCodeOnSignup: boolean; reissueOnCancel: boolean };
  /** The topic commercetools Connect provides (Pub/Sub in GCP regions, SNS in AWS ones), which `setup` subscribes. */
  connectDestination?: ConnectDestination | undefined;
  /** `platform`: /events/commercetools takes no token, only the platform's push reaches it (Connect event apps). */
  eventsAuth: 'token' | 'platform' | 'off';
  /** `scheduler`: recurring jobs are not queued in-process; an outside scheduler runs them (Connect job apps). */
  recurringJobs: 'in-process' | 'scheduler';
  /** Minutes between delivery health checks (subscription and cart extension); 0 turns them off. */
  deliveryHealth: { checkMinutes: number };
  /** OpenTelemetry traces over OTLP/HTTP, when an endpoint is set. */
  tracing: { endpoint?: string | undefined; serviceName: string };
  /** The operator console's sessions and sign-in methods (config-console.ts). */
  console: ConsoleConfig;
}

export type ConnectDestination =
  | { type: 'GoogleCloudPubSub'; topic: string; projectId: string }
  | { type: 'SNS'; topicArn: string };

type SandboxDefaults = {
  [K in keyof typeof VARIABLES as (typeof VARIABLES)[K] extends { liveRequired: true } ? K : never]: string;
};

/** The credentials' sandbox values, so a newcomer (and a test) can call every route without configuring anything. */
export const SANDBOX_DEFAULTS = Object.fromEntries(
  Object.entries(VARIABLES).flatMap(([name, variable]) =>
    variable.liveRequired && variable.sandboxDefault ? [[name, variable.sandboxDefault]] : [],
  ),
) as SandboxDefaults;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The configuration of this process's environment. Entry points call this; everything else is handed a `Config`.
 * `defaults` replace the table's defaults (the CLI logs only warnings unless LOG_LEVEL says otherwise).
 */
export function loadConfigFromEnvironment(defaults: Env = {}): Config {
  return loadConfig(process.env, defaults);
}

export function loadConfig(env: Env, defaults: Env = {}): Config {
  const problems: string[] = [];
  const mode = resolveMode(env);
  const values = readVariables(VARIABLES, env, mode, problems, defaults);
  const region = values.CTP_REGION;
  const apiUrl = values.CTP_API_URL;
  const authUrl = values.CTP_AUTH_URL;
  if (mode === 'live' && !region) {
    if (!apiUrl && !authUrl) problems.push('CTP_REGION (or both CTP_API_URL and CTP_AUTH_URL) is required');
    else if (!apiUrl || !authUrl) problems.push('CTP_API_URL and CTP_AUTH_URL must be set together');
  }
  // Node requires the headers timeout not to exceed the request timeout.
  if (values.HTTP_HEADERS_TIMEOUT_MS > values.HTTP_REQUEST_TIMEOUT_MS)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS');
  const connectDestination = connectDestinationOf(values, problems);
  const consoleConfig = consoleConfigFrom(values, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const eventTypes = { ...DEFAULT_STATUS_EVENTS, ...values.FRIENDBUY_STATUS_EVENT_TYPES };
  return {
    mode,
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    database: {
      url: values.DATABASE_URL,
      dataDir: values.DATA_DIR,
      timeouts: {
        connectMs: values.DATABASE_CONNECT_TIMEOUT_MS,
        statementMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
        idleInTransactionMs: values.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    },
    http: {
      requestTimeoutMs: values.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: values.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: values.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      storefrontRateLimit: {
        max: values.CONNECTOR_STOREFRONT_RATE_LIMIT,
        windowMs: values.CONNECTOR_STOREFRONT_RATE_LIMIT_WINDOW_MS,
      },
    },
    commercetools: {
      projectKey: values.CTP_PROJECT_KEY,
      clientId: values.CTP_CLIENT_ID,
      clientSecret: values.CTP_CLIENT_SECRET,
      scopes: values.CTP_SCOPE,
      // Empty in sandbox until the process listens: the emulator lives on the connector's own port.
      apiUrl: apiUrl ?? (region ? `https://api.${region}.commercetools.com` : ''),
      authUrl: authUrl ?? (region ? `https://auth.${region}.commercetools.com` : ''),
      orderTypeKey: values.CTP_ORDER_TYPE_KEY,
      customerTypeKey: values.CTP_CUSTOMER_TYPE_KEY,
    },
    friendbuy: {
      merchantId: values.FRIENDBUY_MERCHANT_ID,
      secretKey: values.FRIENDBUY_SECRET_KEY,
      mapiKey: values.FRIENDBUY_MAPI_KEY,
      mapiSecret: values.FRIENDBUY_MAPI_SECRET,
      apiUrl: values.FRIENDBUY_API_URL ?? '',
      purchaseResendAfterMinutes: values.FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES,
      timeoutMs: values.FRIENDBUY_TIMEOUT_MS,
    },
    inbound: {
      eventsToken: values.CONNECTOR_EVENTS_TOKEN,
      extensionSecret: values.CONNECTOR_EXTENSION_SECRET,
      adminToken: values.CONNECTOR_ADMIN_TOKEN,
    },
    events: { bodyLimitBytes: values.CONNECTOR_EVENTS_BODY_LIMIT_MB * 1024 * 1024 },
    hashKey: values.CONNECTOR_HASH_KEY,
    trustProxy: values.CONNECTOR_TRUST_PROXY,
    paymentFingerprintField: values.CONNECTOR_PAYMENT_FINGERPRINT_FIELD,
    campaignsFile: values.CONNECTOR_CAMPAIGNS_FILE,
    purchase: {
      amountBasis: values.PURCHASE_AMOUNT_BASIS,
      merchandise: {
        customLineItems: values.PURCHASE_CUSTOM_LINE_ITEMS,
        feePattern: values.PURCHASE_FEE_PATTERN,
      },
    },
    statusEvents: { enabled: values.FRIENDBUY_STATUS_EVENTS.filter(isStatus), eventTypes },
    outbox: {
      maxAgeHours: values.OUTBOX_MAX_AGE_HOURS,
      concurrency: values.OUTBOX_CONCURRENCY,
      workersEnabled: values.OUTBOX_WORKERS,
      pollMs: values.OUTBOX_POLL_MS,
      leaseMs: values.OUTBOX_LEASE_MS,
    },
    storefront: storefrontConfigFrom(values),
    publicUrl: values.CONNECTOR_PUBLIC_URL ?? values.CONNECT_SERVICE_URL,
    extension: {
      failMode: values.CONNECTOR_EXTENSION_FAIL_MODE,
      budgetMs: values.CONNECTOR_EXTENSION_BUDGET_MS,
    },
    emailRules: {
      dotInsensitiveDomains: values.CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS,
      plusTagDomains: values.CONNECTOR_EMAIL_PLUS_TAG_DOMAINS,
      domainAliases: values.CONNECTOR_EMAIL_DOMAIN_ALIASES,
    },
    analytics: { pullMinutes: values.FRIENDBUY_ANALYTICS_PULL_MINUTES },
    privacy: {
      rawIdentifierDays: values.CONNECTOR_RAW_IDENTIFIER_DAYS,
      inboxRetentionDays: values.CONNECTOR_INBOX_RETENTION_DAYS,
    },
    reconciliation: { everyHours: values.CONNECTOR_RECONCILIATION_HOURS },
    codes: {
      referralCodeOnSignup: values.CONNECTOR_REFERRAL_CODE_ON_SIGNUP,
      reissueOnCancel: values.CONNECTOR_REISSUE_ON_CANCEL,
    },
    connectDestination,
    eventsAuth: values.CONNECTOR_EVENTS_AUTH,
    recurringJobs: values.CONNECTOR_RECURRING_JOBS,
    deliveryHealth: { checkMinutes: values.DELIVERY_HEALTH_CHECK_MINUTES },
    tracing: { endpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: values.OTEL_SERVICE_NAME },
    console: consoleConfig,
  };
}

/** The broker Connect gave this deployment: SNS in AWS regions, else Pub/Sub when its topic is set. */
function connectDestinationOf(
  values: Pick<
    ValuesOf<typeof VARIABLES>,
    | 'CONNECT_SUBSCRIPTION_DESTINATION'
    | 'CONNECT_AWS_TOPIC_ARN'
    | 'CONNECT_GCP_TOPIC_NAME'
    | 'CONNECT_GCP_PROJECT_ID'
  >,
  problems: string[],
): ConnectDestination | undefined {
  const { CONNECT_GCP_TOPIC_NAME: topic, CONNECT_GCP_PROJECT_ID: projectId } = values;
  if (values.CONNECT_SUBSCRIPTION_DESTINATION === 'SNS') {
    if (values.CONNECT_AWS_TOPIC_ARN) return { type: 'SNS', topicArn: values.CONNECT_AWS_TOPIC_ARN };
    problems.push('CONNECT_AWS_TOPIC_ARN is required when CONNECT_SUBSCRIPTION_DESTINATION is SNS');
    return undefined;
  }
  if (topic && projectId) return { type: 'GoogleCloudPubSub', topic, projectId };
  if (values.CONNECT_SUBSCRIPTION_DESTINATION === 'GoogleCloudPubSub')
    problems.push(
      'CONNECT_GCP_TOPIC_NAME and CONNECT_GCP_PROJECT_ID are required when CONNECT_SUBSCRIPTION_DESTINATION is GoogleCloudPubSub',
    );
  return undefined;
}

const isStatus = (key: string): key is StatusKey => key in DEFAULT_STATUS_EVENTS;

/** CONNECTOR_MODE when it is valid (a bad one is reported with the rest), else live when a credential is set. */
function resolveMode(env: Env): Mode {
  const explicit = env.CONNECTOR_MODE?.trim();
  if (explicit === 'sandbox' || explicit === 'live') return explicit;
  const signals = Object.entries(VARIABLES).filter(([, variable]) => variable.liveSignal);
  return signals.some(([name]) => env[name]?.trim()) ? 'live' : 'sandbox';
}
