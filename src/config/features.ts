// What the connector does: the storefront kit, the cart extension, campaigns and codes, email identity, purchases
// and statuses, the outbox workers. Groups of the one configuration table (variables.ts).
import { DEFAULT_EMAIL_RULES } from '../domain/identity.js';
import { DEFAULT_FEE_PATTERN } from '../domain/merchandise.js';
import { DEFAULT_STATUS_EVENTS, type StatusKey } from '../domain/order-status.js';
import {
  caseInsensitivePattern,
  flag,
  list,
  matching,
  milliseconds,
  oneOf,
  pairs,
  rsaPublicKeyPem,
  scriptUrl,
  secret,
  text,
  wholeNumber,
} from './parsers.js';
import { variable } from './variable.js';

const STATUS_KEYS = Object.keys(DEFAULT_STATUS_EVENTS) as StatusKey[];
const isStatus = (key: string): key is StatusKey => (STATUS_KEYS as string[]).includes(key);
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const domains = list(
  ',',
  'domains, comma-separated',
  {
    item: (item) => DOMAIN.test(item),
    problem: (bad) => `has entries that are not domains: ${bad.join(', ')}`,
  },
  (item) => item.toLowerCase(),
);
const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};

export const SANDBOX_STOREFRONT_SERVER_KEY = 'sandbox-storefront-server-key';

export const storefront = {
  CONNECTOR_STOREFRONT_SERVER_KEY: variable({
    doc: "bearer key of the merchant's backend for `POST /storefront/customer-auth`; unset live: only customer tokens",
    parse: secret(16),
    sandboxDefault: SANDBOX_STOREFRONT_SERVER_KEY,
    secret: true,
  }),
  FRIENDBUY_FBUY_PUBLIC_KEY: variable({
    doc: 'key verifying `fbuy` landing tokens',
    parse: rsaPublicKeyPem,
    defaultDoc: "Friendbuy's published key; sandbox: the emulator's key",
  }),
  FRIENDBUY_FBUY_MAX_AGE_HOURS: variable({
    doc: '`fbuy` tokens older than this are refused (Friendbuy documents no validity window)',
    parse: wholeNumber(1, 24 * 366),
    default: '720',
  }),
  CONNECTOR_STOREFRONT_REFERRAL_PARAM: variable({
    doc: 'landing-page URL parameter holding a referral code',
    parse: matching(
      /^[A-Za-z0-9_.-]{1,64}$/,
      'letters, digits, `_ . -`',
      'must be a URL parameter name (letters, digits, _ . -)',
    ),
    default: 'referralCode',
  }),
  CONNECTOR_STOREFRONT_ORIGINS: variable({
    doc: 'shop origins allowed to call `/storefront/*` (CORS), comma-separated, or `*`',
    parse: list(
      ',',
      'origins, comma-separated, or `*`',
      {
        item: (origin) => origin === '*' || isOrigin(origin),
        problem: (bad) =>
          `${bad.length > 1 ? 'entries' : 'entry'} ${bad.map((origin) => `"${origin}"`).join(', ')} must look like https://shop.example.com`,
      },
      (origin) => origin.replace(/\/+$/, ''),
    ),
    default: '*',
  }),
  FRIENDBUY_SCRIPT_URL: variable({
    doc: "Friendbuy's SDK, loaded by the storefront kit",
    parse: scriptUrl(),
    liveDefault: 'https://static.fbot.me/friendbuy.js',
    sandboxDefault: '/sandbox/friendbuy/friendbuy.js',
  }),
  FRIENDBUY_CAMPAIGNS_SCRIPT_URL: variable({
    doc: "the merchant's `campaigns.js` (`{merchantId}` is replaced)",
    parse: scriptUrl('{merchantId}'),
    liveDefault: 'https://campaign.fbot.me/{merchantId}/campaigns.js',
    sandboxDefault: '/sandbox/friendbuy/campaigns/{merchantId}/campaigns.js',
  }),
};

export const extension = {
  CONNECTOR_EXTENSION_FAIL_MODE: variable({
    doc: 'what the cart extension does on its own faults and timeouts: `open` lets the cart through, `closed` refuses it with a message',
    parse: oneOf('open', 'closed'),
    default: 'open',
  }),
  CONNECTOR_EXTENSION_BUDGET_MS: variable({
    doc: "the extension's own time limit (commercetools gives up at 2000)",
    parse: wholeNumber(50, 1900),
    default: '1000',
  }),
};

export const campaigns = {
  CONNECTOR_CAMPAIGNS_FILE: variable({
    doc: 'the campaigns file (JSON; format: [campaigns.schema.json](campaigns.schema.json)): stores, currencies, incentives, reward policy and fraud policy per campaign',
    parse: text,
    defaultDoc: 'sandbox: the demo campaigns; live: none',
  }),
  CONNECTOR_PAYMENT_FINGERPRINT_FIELD: variable({
    doc: 'the Payment custom field where your PSP integration stores the card fingerprint, for the `samePaymentFingerprint` fraud signal',
    parse: text,
  }),
  CONNECTOR_REFERRAL_CODE_ON_SIGNUP: variable({
    doc: 'every new commercetools customer gets their Friendbuy referral code and its commercetools code ([Promo codes](codes.md))',
    parse: flag,
    default: 'false',
  }),
  CONNECTOR_REISSUE_ON_CANCEL: variable({
    doc: "a cancelled order's single-use reward code is replaced by a new one (otherwise only marked for reissue)",
    parse: flag,
    default: 'false',
  }),
  FRIENDBUY_ANALYTICS_PULL_MINUTES: variable({
    doc: "how often Friendbuy's analytics are pulled into advocate funnels; `0` disables the timer (`ct-friendbuy analytics pull` still pulls on demand; the sandbox also pulls right after a referral link is followed)",
    parse: wholeNumber(0, 1440),
    default: '15',
  }),
  CONNECTOR_RECONCILIATION_HOURS: variable({
    doc: 'how often the connector reconciles the last two days of orders and rewards with commercetools and Friendbuy (docs/reconciliation.md); `0` disables the timer (`ct-friendbuy reconcile` still runs on demand)',
    parse: wholeNumber(0, 168),
    default: '24',
  }),
};

export const identity = {
  CONNECTOR_EMAIL_DOMAIN_ALIASES: variable({
    doc: "domains that are another's mailboxes",
    parse: pairs<Record<string, string>>(
      '`alias=domain`, comma-separated',
      'a.com=b.com',
      (alias, domain) => [alias, domain],
      (part) => part.toLowerCase(),
    ),
    default: Object.entries(DEFAULT_EMAIL_RULES.domainAliases)
      .map(([alias, domain]) => `${alias}=${domain}`)
      .join(','),
  }),
  CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS: variable({
    doc: 'mail domains whose addresses ignore dots (`jane.doe@` = `janedoe@`); changing it changes email hashes',
    parse: domains,
    default: DEFAULT_EMAIL_RULES.dotInsensitiveDomains.join(','),
  }),
  CONNECTOR_EMAIL_PLUS_TAG_DOMAINS: variable({
    doc: 'mail domains where `name+tag@` delivers to `name@`',
    parse: domains,
    default: DEFAULT_EMAIL_RULES.plusTagDomains.join(','),
  }),
};

export const purchases = {
  PURCHASE_AMOUNT_BASIS: variable({
    doc: 'what a purchase is worth to Friendbuy: the merchandise net of discounts, or the order total',
    parse: oneOf('netMerchandise', 'orderTotal'),
    default: 'netMerchandise',
  }),
  PURCHASE_CUSTOM_LINE_ITEMS: variable({
    doc: 'which custom line items count as merchandise ([details](commercetools-messages.md#what-counts-as-merchandise))',
    parse: oneOf('exclude', 'include', 'excludeFees'),
    default: 'exclude',
  }),
  PURCHASE_FEE_PATTERN: variable({
    doc: 'marks a custom line item as a fee, by slug, key or name, under `excludeFees`',
    parse: caseInsensitivePattern,
    default: DEFAULT_FEE_PATTERN.source,
    defaultDoc:
      'fee, surcharge, gift wrap, donation, deposit, tip, handling, shipping, insurance as whole words',
  }),
  FRIENDBUY_STATUS_EVENTS: variable({
    doc: 'order statuses sent to Friendbuy as custom events, or `none`',
    parse: list(',', `${STATUS_KEYS.map((key) => `\`${key}\``).join(', ')}, comma-separated, or \`none\``, {
      item: (key) => key === 'none' || isStatus(key),
      problem: (bad) => `has unknown statuses ${bad.join(', ')}; use ${STATUS_KEYS.join(', ')} or none`,
    }),
    default: STATUS_KEYS.join(','),
  }),
  FRIENDBUY_STATUS_EVENT_TYPES: variable({
    doc: "renames of the status events' types",
    parse: pairs<Partial<Record<StatusKey, string>>>(
      '`status=event_type`, comma-separated',
      'shipped=order_shipped',
      (key, eventType) =>
        isStatus(key) && /^[A-Za-z0-9_.-]{1,64}$/.test(eventType) ? [key, eventType] : undefined,
    ),
    defaultDoc: STATUS_KEYS.map((key) => `\`${key}=${DEFAULT_STATUS_EVENTS[key]}\``).join(', '),
  }),
};

export const outbox = {
  OUTBOX_MAX_AGE_HOURS: variable({
    doc: 'how long an effect is retried before it is dead-lettered',
    parse: wholeNumber(24, 24 * 30),
    default: '24',
  }),
  OUTBOX_LEASE_MS: variable({
    doc: "how long a claimed job stays a worker's without its heartbeat; a crashed process's jobs run again after it",
    parse: milliseconds(600_000),
    default: '10000',
  }),
  OUTBOX_CONCURRENCY: variable({
    doc: 'jobs a process runs at once',
    parse: wholeNumber(1, 64),
    default: '4',
  }),
  OUTBOX_POLL_MS: variable({
    doc: 'how often idle workers look for due jobs',
    parse: wholeNumber(10, 60_000),
    default: '500',
  }),
  OUTBOX_WORKERS: variable({
    doc: '`false` runs a process that only takes requests',
    parse: flag,
    default: 'true',
  }),
};

export const privacy = {
  CONNECTOR_RAW_IDENTIFIER_DAYS: variable({
    doc: "days an order's raw IP address and user agent stay on it (the fraud window) before the minimisation job replaces them by keyed hashes ([Privacy](privacy.md))",
    parse: wholeNumber(1, 3650),
    default: '30',
  }),
  CONNECTOR_INBOX_RETENTION_DAYS: variable({
    doc: "days a recorded delivery keeps its payload; at least 8, so commercetools' 7-day redeliveries still find their duplicate ([Privacy](privacy.md))",
    parse: wholeNumber(8, 3650),
    default: '90',
  }),
};
