// Configuration: environment variables (Connect convention), parsed once at start. Every missing or malformed
// variable is named in one error, so a merchant fixes their deployment in one pass.
import { z } from 'zod';
import { parseStorefrontConfig, type StorefrontConfig } from './config-storefront.js';
import { DEFAULT_EMAIL_RULES, type EmailRules } from './domain/identity.js';
import { DEFAULT_FEE_PATTERN, type MerchandiseRule } from './domain/merchandise.js';
import { DEFAULT_STATUS_EVENTS, type StatusKey } from './domain/order-status.js';
import type { AmountBasis } from './domain/purchase-amount.js';

export type Mode = 'sandbox' | 'live';

const STATUS_KEYS = Object.keys(DEFAULT_STATUS_EVENTS) as StatusKey[];

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  logLevel: string;
  database: { url?: string | undefined; dataDir: string };
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
  };
  inbound: { eventsToken: string; extensionSecret: string; adminToken: string };
  /** POST /events/commercetools: the largest delivery accepted (CONNECTOR_EVENTS_BODY_LIMIT_MB, default 16). */
  events: { bodyLimitBytes: number };
  /** The campaign file (JSON, see README); undefined uses the sandbox's demo campaigns, or none in live mode. */
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
  outbox: { maxAgeHours: number; concurrency: number; workersEnabled: boolean; pollMs: number };
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
  /** Promo codes: referral codes on sign-up; replacement codes when an order that used one is cancelled. */
  codes: { referralCodeOnSignup: boolean; reissueOnCancel: boolean };
}

/** Sandbox defaults: documented in the README so a newcomer can call every route without configuring anything. */
export const SANDBOX_DEFAULTS = {
  CTP_PROJECT_KEY: 'ct-friendbuy-sandbox',
  CTP_CLIENT_ID: 'sandbox-client',
  CTP_CLIENT_SECRET: 'sandbox-secret',
  FRIENDBUY_MERCHANT_ID: '00000000-0000-4000-8000-000000000001',
  FRIENDBUY_SECRET_KEY: 'sandbox-friendbuy-secret-key',
  FRIENDBUY_MAPI_KEY: 'sandbox-mapi-key',
  FRIENDBUY_MAPI_SECRET: 'sandbox-mapi-secret',
  CONNECTOR_EVENTS_TOKEN: 'sandbox-events-token',
  CONNECTOR_EXTENSION_SECRET: 'Bearer sandbox-extension-secret',
  CONNECTOR_ADMIN_TOKEN: 'sandbox-admin-token',
  CONNECTOR_HASH_KEY: 'sandbox-hash-key',
} as const;

const LIVE_REQUIRED = [
  'CTP_PROJECT_KEY',
  'CTP_CLIENT_ID',
  'CTP_CLIENT_SECRET',
  'FRIENDBUY_MERCHANT_ID',
  'FRIENDBUY_SECRET_KEY',
  'FRIENDBUY_MAPI_KEY',
  'FRIENDBUY_MAPI_SECRET',
  'CONNECTOR_EVENTS_TOKEN',
  'CONNECTOR_EXTENSION_SECRET',
  'CONNECTOR_ADMIN_TOKEN',
  'CONNECTOR_HASH_KEY',
] as const;

// Any of these present means the merchant means to run against real services.
const LIVE_SIGNALS = [
  'CTP_PROJECT_KEY',
  'CTP_CLIENT_ID',
  'CTP_CLIENT_SECRET',
  'FRIENDBUY_MAPI_KEY',
  'FRIENDBUY_MAPI_SECRET',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(rawEnv: Env): Config {
  const env: Env = Object.fromEntries(
    Object.entries(rawEnv).map(([key, value]) => [key, value?.trim() === '' ? undefined : value?.trim()]),
  );
  const problems: string[] = [];
  const mode = resolveMode(env, problems);
  const value = (name: string): string | undefined =>
    env[name] ?? (mode === 'sandbox' ? SANDBOX_DEFAULTS[name as keyof typeof SANDBOX_DEFAULTS] : undefined);

  if (mode === 'live') {
    for (const name of LIVE_REQUIRED) if (!env[name]) problems.push(`${name} is required in live mode`);
    const hasUrls = env.CTP_API_URL && env.CTP_AUTH_URL;
    if (!env.CTP_REGION && !hasUrls)
      problems.push('CTP_REGION (or both CTP_API_URL and CTP_AUTH_URL) is required');
    if (!env.CTP_REGION && (env.CTP_API_URL || env.CTP_AUTH_URL) && !hasUrls)
      problems.push('CTP_API_URL and CTP_AUTH_URL must be set together');
  }

  const port = parseInteger(env, 'PORT', 8080, { min: 0, max: 65535 }, problems);
  const maxAgeHours = parseInteger(env, 'OUTBOX_MAX_AGE_HOURS', 24, { min: 24, max: 24 * 30 }, problems);
  const concurrency = parseInteger(env, 'OUTBOX_CONCURRENCY', 4, { min: 1, max: 64 }, problems);
  const pollMs = parseInteger(env, 'OUTBOX_POLL_MS', 500, { min: 10, max: 60_000 }, problems);
  const workersEnabled = parseBoolean(env, 'OUTBOX_WORKERS', true, problems);
  const referralCodeOnSignup = parseBoolean(env, 'CONNECTOR_REFERRAL_CODE_ON_SIGNUP', false, problems);
  const reissueOnCancel = parseBoolean(env, 'CONNECTOR_REISSUE_ON_CANCEL', false, problems);
  const databaseUrl = parseUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const apiUrlOverride = parseUrl(env, 'CTP_API_URL', ['http:', 'https:'], problems);
  const authUrlOverride = parseUrl(env, 'CTP_AUTH_URL', ['http:', 'https:'], problems);
  const friendbuyUrl = parseUrl(env, 'FRIENDBUY_API_URL', ['http:', 'https:'], problems);
  const region = env.CTP_REGION;
  if (region && !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(region))
    problems.push(`CTP_REGION must look like "europe-west1.gcp" (got "${region}")`);

  const amountBasis = env.PURCHASE_AMOUNT_BASIS ?? 'netMerchandise';
  if (amountBasis !== 'netMerchandise' && amountBasis !== 'orderTotal') {
    problems.push('PURCHASE_AMOUNT_BASIS must be "netMerchandise" or "orderTotal"');
  }
  const merchandise = parseMerchandise(env, problems);
  const eventsBodyLimitMb = parseInteger(
    env,
    'CONNECTOR_EVENTS_BODY_LIMIT_MB',
    16,
    { min: 1, max: 64 },
    problems,
  );
  const statusEvents = parseStatusEvents(env, problems);
  const storefront = parseStorefrontConfig(env, mode, problems);
  const publicUrl =
    parseUrl(env, 'CONNECTOR_PUBLIC_URL', ['http:', 'https:'], problems) ??
    parseUrl(env, 'CONNECT_SERVICE_URL', ['http:', 'https:'], problems);
  const failMode = env.CONNECTOR_EXTENSION_FAIL_MODE ?? 'open';
  if (failMode !== 'open' && failMode !== 'closed')
    problems.push(`CONNECTOR_EXTENSION_FAIL_MODE must be "open" or "closed" (got "${failMode}")`);
  const budgetMs = parseInteger(env, 'CONNECTOR_EXTENSION_BUDGET_MS', 1000, { min: 50, max: 1900 }, problems);
  const pullMinutes = parseInteger(
    env,
    'FRIENDBUY_ANALYTICS_PULL_MINUTES',
    15,
    { min: 0, max: 1440 },
    problems,
  );
  const emailRules = parseEmailRules(env, problems);
  if (env.FRIENDBUY_MERCHANT_ID && !z.uuid().safeParse(env.FRIENDBUY_MERCHANT_ID).success)
    problems.push('FRIENDBUY_MERCHANT_ID must be the merchant UUID from the Friendbuy Retailer App');

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    database: { url: databaseUrl, dataDir: env.DATA_DIR ?? './.data' },
    commercetools: {
      projectKey: value('CTP_PROJECT_KEY')!,
      clientId: value('CTP_CLIENT_ID')!,
      clientSecret: value('CTP_CLIENT_SECRET')!,
      scopes: env.CTP_SCOPE?.split(/\s+/).filter(Boolean),
      apiUrl: apiUrlOverride ?? (region ? `https://api.${region}.commercetools.com` : ''),
      authUrl: authUrlOverride ?? (region ? `https://auth.${region}.commercetools.com` : ''),
      orderTypeKey: env.CTP_ORDER_TYPE_KEY,
      customerTypeKey: env.CTP_CUSTOMER_TYPE_KEY,
    },
    friendbuy: {
      merchantId: value('FRIENDBUY_MERCHANT_ID')!,
      secretKey: value('FRIENDBUY_SECRET_KEY')!,
      mapiKey: value('FRIENDBUY_MAPI_KEY')!,
      mapiSecret: value('FRIENDBUY_MAPI_SECRET')!,
      apiUrl: friendbuyUrl ?? (mode === 'live' ? 'https://mapi.fbot.me' : ''),
    },
    inbound: {
      eventsToken: value('CONNECTOR_EVENTS_TOKEN')!,
      extensionSecret: value('CONNECTOR_EXTENSION_SECRET')!,
      adminToken: value('CONNECTOR_ADMIN_TOKEN')!,
    },
    events: { bodyLimitBytes: eventsBodyLimitMb * 1024 * 1024 },
    hashKey: value('CONNECTOR_HASH_KEY')!,
    trustProxy: parseTrustProxy(env.CONNECTOR_TRUST_PROXY),
    paymentFingerprintField: env.CONNECTOR_PAYMENT_FINGERPRINT_FIELD?.trim() || undefined,
    campaignsFile: env.CONNECTOR_CAMPAIGNS_FILE,
    purchase: { amountBasis: amountBasis as AmountBasis, merchandise },
    statusEvents,
    outbox: { maxAgeHours, concurrency, workersEnabled, pollMs },
    storefront,
    publicUrl,
    extension: { failMode: failMode as 'open' | 'closed', budgetMs },
    emailRules,
    analytics: { pullMinutes },
    codes: { referralCodeOnSignup, reissueOnCancel },
  };
}

function resolveMode(env: Env, problems: string[]): Mode {
  const explicit = env.CONNECTOR_MODE;
  if (explicit === 'sandbox' || explicit === 'live') return explicit;
  if (explicit !== undefined) problems.push(`CONNECTOR_MODE must be "sandbox" or "live" (got "${explicit}")`);
  return LIVE_SIGNALS.some((name) => env[name]) ? 'live' : 'sandbox';
}

function parseInteger(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
    problems.push(`${name} must be a whole number from ${range.min} to ${range.max} (got "${raw}")`);
    return fallback;
  }
  return parsed;
}

function parseBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

function parseUrl(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) throw new Error('protocol');
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`);
    return undefined;
  }
}

/** PURCHASE_CUSTOM_LINE_ITEMS (exclude | include | excludeFees) and PURCHASE_FEE_PATTERN (a regular expression). */
function parseMerchandise(env: Env, problems: string[]): MerchandiseRule {
  const customLineItems = env.PURCHASE_CUSTOM_LINE_ITEMS ?? 'exclude';
  if (customLineItems !== 'exclude' && customLineItems !== 'include' && customLineItems !== 'excludeFees')
    problems.push('PURCHASE_CUSTOM_LINE_ITEMS must be "exclude", "include" or "excludeFees"');
  let feePattern = DEFAULT_FEE_PATTERN;
  if (env.PURCHASE_FEE_PATTERN !== undefined) {
    try {
      feePattern = new RegExp(env.PURCHASE_FEE_PATTERN, 'i');
    } catch {
      problems.push(`PURCHASE_FEE_PATTERN must be a regular expression (got "${env.PURCHASE_FEE_PATTERN}")`);
    }
  }
  return { customLineItems: customLineItems as MerchandiseRule['customLineItems'], feePattern };
}

function parseStatusEvents(env: Env, problems: string[]): Config['statusEvents'] {
  const eventTypes: Record<StatusKey, string> = { ...DEFAULT_STATUS_EVENTS };
  let enabled: StatusKey[] = [...STATUS_KEYS];
  const isStatus = (key: string): key is StatusKey => (STATUS_KEYS as string[]).includes(key);
  if (env.FRIENDBUY_STATUS_EVENTS !== undefined) {
    const keys = env.FRIENDBUY_STATUS_EVENTS.split(',')
      .map((key) => key.trim())
      .filter(Boolean);
    const unknown = keys.filter((key) => key !== 'none' && !isStatus(key));
    if (unknown.length > 0)
      problems.push(
        `FRIENDBUY_STATUS_EVENTS has unknown statuses ${unknown.join(', ')}; use ${STATUS_KEYS.join(', ')} or none`,
      );
    enabled = keys.filter(isStatus);
  }
  if (env.FRIENDBUY_STATUS_EVENT_TYPES !== undefined) {
    for (const pair of env.FRIENDBUY_STATUS_EVENT_TYPES.split(',').filter(Boolean)) {
      const [key, eventType] = pair.split('=').map((part) => part.trim());
      if (!key || !eventType || !isStatus(key) || !/^[A-Za-z0-9_.-]{1,64}$/.test(eventType)) {
        problems.push(`FRIENDBUY_STATUS_EVENT_TYPES entry "${pair}" must look like shipped=order_shipped`);
        continue;
      }
      eventTypes[key] = eventType;
    }
  }
  return { enabled, eventTypes };
}

/** Comma-separated domain lists replace the defaults; aliases look like `googlemail.com=gmail.com`. */
function parseEmailRules(env: Env, problems: string[]): Required<EmailRules> {
  const domains = (name: string, fallback: readonly string[]): readonly string[] => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const list = raw
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean);
    const bad = list.filter((domain) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain));
    if (bad.length > 0) problems.push(`${name} has entries that are not domains: ${bad.join(', ')}`);
    return list;
  };
  const aliases: Record<string, string> =
    env.CONNECTOR_EMAIL_DOMAIN_ALIASES === undefined ? { ...DEFAULT_EMAIL_RULES.domainAliases } : {};
  if (env.CONNECTOR_EMAIL_DOMAIN_ALIASES !== undefined) {
    for (const pair of env.CONNECTOR_EMAIL_DOMAIN_ALIASES.split(',').filter((p) => p.trim())) {
      const [alias, domain] = pair.split('=').map((part) => part.trim().toLowerCase());
      if (!alias || !domain)
        problems.push(`CONNECTOR_EMAIL_DOMAIN_ALIASES entry "${pair}" must look like a.com=b.com`);
      else aliases[alias] = domain;
    }
  }
  return {
    dotInsensitiveDomains: domains(
      'CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS',
      DEFAULT_EMAIL_RULES.dotInsensitiveDomains,
    ),
    plusTagDomains: domains('CONNECTOR_EMAIL_PLUS_TAG_DOMAINS', DEFAULT_EMAIL_RULES.plusTagDomains),
    domainAliases: aliases,
  };
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  return raw;
}
