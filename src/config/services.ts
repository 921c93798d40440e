// Where the connector runs and what it talks to: mode, server, storage, HTTP limits, commercetools, Friendbuy,
// inbound credentials and commercetools Connect. Groups of the one configuration table (variables.ts).
import {
  list,
  matching,
  milliseconds,
  oneOf,
  secret,
  text,
  trustedProxies,
  url,
  uuid,
  wholeNumber,
} from './parsers.js';
import { variable } from './variable.js';

const httpUrl = url('http:', 'https:');

export const server = {
  CONNECTOR_MODE: variable({
    doc: '`sandbox` emulates commercetools and Friendbuy; `live` talks to them',
    parse: oneOf('sandbox', 'live'),
    defaultDoc: '`live` when any commercetools or MAPI credential is set, else `sandbox`',
  }),
  PORT: variable({ doc: 'port to listen on', parse: wholeNumber(0, 65535), default: '8080' }),
  HOST: variable({ doc: 'address to listen on', parse: text, default: '0.0.0.0' }),
  LOG_LEVEL: variable({
    doc: 'least severe log line written (the CLI defaults to `warn`)',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    default: 'info',
  }),
  CONNECTOR_TRUST_PROXY: variable({
    doc: "believe `X-Forwarded-For` for the shopper's IP: `true` behind a load balancer (e.g. commercetools Connect), or a comma-separated list of proxy addresses/CIDRs",
    parse: trustedProxies,
    default: 'false',
  }),
};

export const storage = {
  DATABASE_URL: variable({
    doc: 'PostgreSQL server (`postgres://…`); unset: the embedded PostgreSQL server in DATA_DIR',
    parse: url('postgres:', 'postgresql:'),
    secret: true,
  }),
  DATA_DIR: variable({
    doc: 'folder of the embedded store (its PostgreSQL cluster and log)',
    parse: text,
    default: './.data',
  }),
  DATABASE_CONNECT_TIMEOUT_MS: variable({
    doc: 'PostgreSQL: longest wait for a connection; past it requests answer 503 ([guarantees](guarantees.md))',
    parse: wholeNumber(100, 60_000),
    default: '2000',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: variable({
    doc: 'PostgreSQL: longest a statement may run',
    parse: wholeNumber(100, 600_000),
    default: '5000',
  }),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: variable({
    doc: 'PostgreSQL: longest a transaction may sit idle',
    parse: wholeNumber(100, 600_000),
    default: '15000',
  }),
};

export const http = {
  HTTP_REQUEST_TIMEOUT_MS: variable({
    doc: 'a request not fully received in time is cut off',
    parse: milliseconds(600_000),
    default: '30000',
  }),
  HTTP_HEADERS_TIMEOUT_MS: variable({
    doc: 'a request whose headers are not received in time is cut off; at most `HTTP_REQUEST_TIMEOUT_MS`',
    parse: milliseconds(600_000),
    default: '10000',
  }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: variable({
    doc: 'idle keep-alive sockets close after it',
    parse: milliseconds(600_000),
    default: '65000',
  }),
  CONNECTOR_EVENTS_BODY_LIMIT_MB: variable({
    doc: 'largest delivery `POST /events/commercetools` accepts ([large orders](commercetools-messages.md#large-orders))',
    parse: wholeNumber(1, 64),
    default: '16',
  }),
  CONNECTOR_STOREFRONT_RATE_LIMIT: variable({
    doc: "requests per client IP (behind `CONNECTOR_TRUST_PROXY`) and window on the public `/storefront/*` routes, then 429; `0` turns it off (the kit's script is never limited)",
    parse: wholeNumber(0, 1_000_000),
    default: '120',
  }),
  CONNECTOR_STOREFRONT_RATE_LIMIT_WINDOW_MS: variable({
    doc: 'the window of `CONNECTOR_STOREFRONT_RATE_LIMIT`',
    parse: milliseconds(3_600_000),
    default: '60000',
  }),
};

export const commercetools = {
  CTP_PROJECT_KEY: variable({
    doc: 'commercetools project key',
    parse: text,
    sandboxDefault: 'ct-friendbuy-sandbox',
    liveRequired: true,
    liveSignal: true,
  }),
  CTP_CLIENT_ID: variable({
    doc: 'commercetools API client id',
    parse: text,
    sandboxDefault: 'sandbox-client',
    liveRequired: true,
    liveSignal: true,
  }),
  CTP_CLIENT_SECRET: variable({
    doc: 'commercetools API client secret',
    parse: secret(),
    sandboxDefault: 'sandbox-secret',
    liveRequired: true,
    liveSignal: true,
    secret: true,
  }),
  CTP_SCOPE: variable({
    doc: "scopes to request (default: the client's own)",
    parse: list(/\s+/, 'scopes, space-separated'),
  }),
  CTP_REGION: variable({
    doc: "the project's region, e.g. `europe-west1.gcp`; live mode needs it or both `CTP_API_URL` and `CTP_AUTH_URL`",
    parse: matching(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'region', 'must look like "europe-west1.gcp"'),
    defaultDoc: 'sandbox: the built-in emulator (also served under /sandbox/commercetools)',
  }),
  CTP_API_URL: variable({ doc: 'API URL, instead of `CTP_REGION` (with `CTP_AUTH_URL`)', parse: httpUrl }),
  CTP_AUTH_URL: variable({ doc: 'auth URL, instead of `CTP_REGION` (with `CTP_API_URL`)', parse: httpUrl }),
  CTP_ORDER_TYPE_KEY: variable({
    doc: "the merchant's existing order custom type to extend, when there are several",
    parse: text,
  }),
  CTP_CUSTOMER_TYPE_KEY: variable({
    doc: "the merchant's existing customer custom type to extend, when there are several",
    parse: text,
  }),
};

export const friendbuy = {
  FRIENDBUY_MERCHANT_ID: variable({
    doc: 'merchant UUID (Retailer App › Developer Center)',
    parse: uuid,
    sandboxDefault: '00000000-0000-4000-8000-000000000001',
    liveRequired: true,
  }),
  FRIENDBUY_SECRET_KEY: variable({
    doc: 'account Secret Key (webhook and callback signatures)',
    parse: secret(),
    sandboxDefault: 'sandbox-friendbuy-secret-key',
    liveRequired: true,
    secret: true,
  }),
  FRIENDBUY_MAPI_KEY: variable({
    doc: 'Merchant API key (from Friendbuy support)',
    parse: secret(),
    sandboxDefault: 'sandbox-mapi-key',
    liveRequired: true,
    liveSignal: true,
    secret: true,
  }),
  FRIENDBUY_MAPI_SECRET: variable({
    doc: 'Merchant API secret',
    parse: secret(),
    sandboxDefault: 'sandbox-mapi-secret',
    liveRequired: true,
    liveSignal: true,
    secret: true,
  }),
  FRIENDBUY_API_URL: variable({
    doc: 'Merchant API base',
    parse: httpUrl,
    liveDefault: 'https://mapi.fbot.me',
    defaultDoc: '`https://mapi.fbot.me`; sandbox: the emulator',
  }),
  FRIENDBUY_TIMEOUT_MS: variable({
    doc: 'per Merchant API call; an event call that times out is not sent again blindly ([guarantees](guarantees.md))',
    parse: wholeNumber(100, 120_000),
    default: '10000',
  }),
  FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES: variable({
    doc: "after a purchase call with an unknown outcome, how long the connector looks for it in Friendbuy's analytics before sending it again",
    parse: wholeNumber(0, 7 * 24 * 60),
    default: '60',
  }),
};

export const inbound = {
  CONNECTOR_EVENTS_TOKEN: variable({
    doc: 'bearer token (or `?token=`) for `/events/commercetools`; needed only while `CONNECTOR_EVENTS_AUTH` is `token`',
    parse: secret(),
    sandboxDefault: 'sandbox-events-token',
    liveRequired: true,
    liveRequiredUnless: { variable: 'CONNECTOR_EVENTS_AUTH', is: ['platform', 'off'] },
    secret: true,
  }),
  CONNECTOR_EXTENSION_SECRET: variable({
    doc: 'expected `Authorization` header of the API extension',
    parse: secret(),
    sandboxDefault: 'Bearer sandbox-extension-secret',
    liveRequired: true,
    secret: true,
  }),
  CONNECTOR_ADMIN_TOKEN: variable({
    doc: 'bearer token for `/admin`',
    parse: secret(),
    sandboxDefault: 'sandbox-admin-token',
    liveRequired: true,
    secret: true,
  }),
  CONNECTOR_EVENTS_AUTH: variable({
    doc: "how `/events/commercetools` checks its caller: `token` (`CONNECTOR_EVENTS_TOKEN`); `platform` where only the platform's push subscription can reach the route (a commercetools Connect event application, whose Pub/Sub push carries no token of ours); `off` where another process takes the deliveries and this one does not serve the route (Connect's service and job applications)",
    parse: oneOf('token', 'platform', 'off'),
    default: 'token',
  }),
  CONNECTOR_HASH_KEY: variable({
    doc: 'key for guest pseudonyms and hashed identifiers; keep it stable',
    parse: secret(),
    sandboxDefault: 'sandbox-hash-key',
    liveRequired: true,
    secret: true,
  }),
};

export const connect = {
  CONNECTOR_PUBLIC_URL: variable({
    doc: 'where commercetools reaches the connector; `setup` registers the cart API extension at `<url>/extensions/commercetools`',
    parse: httpUrl,
    defaultDoc: '`CONNECT_SERVICE_URL`',
  }),
  CONNECT_SERVICE_URL: variable({
    doc: "the service's URL, set by commercetools Connect",
    parse: httpUrl,
  }),
  CONNECT_GCP_TOPIC_NAME: variable({
    doc: 'Pub/Sub topic, set by commercetools Connect: `setup` subscribes it to order and customer messages',
    parse: text,
  }),
  CONNECT_GCP_PROJECT_ID: variable({
    doc: "the topic's Google Cloud project, set by commercetools Connect",
    parse: text,
  }),
  CONNECT_SUBSCRIPTION_DESTINATION: variable({
    doc: "the broker of the deployment's region, set by commercetools Connect: `GoogleCloudPubSub` (GCP regions, `CONNECT_GCP_*`) or `SNS` (AWS regions, `CONNECT_AWS_TOPIC_ARN`)",
    parse: oneOf('GoogleCloudPubSub', 'SNS'),
    defaultDoc: '`GoogleCloudPubSub` when the `CONNECT_GCP_*` topic is set',
  }),
  CONNECT_AWS_TOPIC_ARN: variable({
    doc: 'SNS topic, set by commercetools Connect in AWS regions: `setup` subscribes it (IAM authentication)',
    parse: matching(
      /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/,
      'SNS topic ARN',
      'must be an SNS topic ARN',
    ),
  }),
  CONNECTOR_RECURRING_JOBS: variable({
    doc: 'who runs the recurring jobs (`ct-friendbuy jobs list`): `in-process` (this process queues them on their interval) or `scheduler` (an outside scheduler runs `ct-friendbuy jobs run <kind>` on their cron, as the commercetools Connect job applications do)',
    parse: oneOf('in-process', 'scheduler'),
    default: 'in-process',
  }),
};
