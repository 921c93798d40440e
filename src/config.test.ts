import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX_DEFAULTS } from './config.js';

const live = {
  CTP_PROJECT_KEY: 'shop',
  CTP_CLIENT_ID: 'id',
  CTP_CLIENT_SECRET: 'secret',
  CTP_REGION: 'europe-west1.gcp',
  FRIENDBUY_MERCHANT_ID: '3f0e5d4c-1b2a-4c3d-9e8f-7a6b5c4d3e2f',
  FRIENDBUY_SECRET_KEY: 'sk',
  FRIENDBUY_MAPI_KEY: 'mk',
  FRIENDBUY_MAPI_SECRET: 'ms',
  CONNECTOR_EVENTS_TOKEN: 'events',
  CONNECTOR_EXTENSION_SECRET: 'Basic abc',
  CONNECTOR_ADMIN_TOKEN: 'admin',
  CONNECTOR_HASH_KEY: 'hash',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('starts in sandbox mode with documented defaults when no credentials are given', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.port).toBe(8080);
    expect(config.inbound.eventsToken).toBe(SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN);
    expect(config.friendbuy.secretKey).toBe(SANDBOX_DEFAULTS.FRIENDBUY_SECRET_KEY);
    expect(config.database).toEqual({
      url: undefined,
      dataDir: './.data',
      timeouts: { connectMs: 2_000, statementMs: 5_000, idleInTransactionMs: 15_000 },
    });
  });

  it('lets sandbox secrets be overridden by the same variables', () => {
    const config = loadConfig({ CONNECTOR_EVENTS_TOKEN: 'mine', FRIENDBUY_SECRET_KEY: 'also-mine' });
    expect(config.mode).toBe('sandbox');
    expect(config.inbound.eventsToken).toBe('mine');
    expect(config.friendbuy.secretKey).toBe('also-mine');
  });

  it('runs live when credentials are present and derives the regional URLs', () => {
    const config = loadConfig(live);
    expect(config.mode).toBe('live');
    expect(config.commercetools.apiUrl).toBe('https://api.europe-west1.gcp.commercetools.com');
    expect(config.commercetools.authUrl).toBe('https://auth.europe-west1.gcp.commercetools.com');
    expect(config.friendbuy.apiUrl).toBe('https://mapi.fbot.me');
  });

  it('asks for the events token only while the events route checks it', () => {
    const { CONNECTOR_EVENTS_TOKEN: _, ...withoutToken } = live;
    expect(problemsOf(withoutToken)).toEqual([
      'CONNECTOR_EVENTS_TOKEN is required in live mode unless CONNECTOR_EVENTS_AUTH is platform or off',
    ]);
    for (const auth of ['platform', 'off']) {
      const config = loadConfig({ ...withoutToken, CONNECTOR_EVENTS_AUTH: auth });
      expect(config).toMatchObject({ eventsAuth: auth, inbound: { eventsToken: undefined } });
    }
    expect(problemsOf({ ...withoutToken, CONNECTOR_EVENTS_AUTH: 'token' })).toHaveLength(1);
  });

  it('names every missing variable of a partial live configuration in one error', () => {
    const problems = problemsOf({ CTP_CLIENT_ID: 'id', FRIENDBUY_MAPI_KEY: 'mk' });
    const named = problems.join('\n');
    for (const name of [
      'CTP_PROJECT_KEY',
      'CTP_CLIENT_SECRET',
      'CTP_REGION',
      'FRIENDBUY_MERCHANT_ID',
      'FRIENDBUY_SECRET_KEY',
      'FRIENDBUY_MAPI_SECRET',
      'CONNECTOR_EVENTS_TOKEN',
      'CONNECTOR_EXTENSION_SECRET',
      'CONNECTOR_ADMIN_TOKEN',
      'CONNECTOR_HASH_KEY',
    ]) {
      expect(named).toContain(name);
    }
    expect(named).not.toContain('CTP_CLIENT_ID ');
  });

  it('names malformed values', () => {
    const problems = problemsOf({
      ...live,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      FRIENDBUY_MERCHANT_ID: 'not-a-uuid',
      CONNECTOR_MODE: 'prod',
      PURCHASE_AMOUNT_BASIS: 'gross',
      FRIENDBUY_STATUS_EVENTS: 'shipped,teleported',
      DATABASE_STATEMENT_TIMEOUT_MS: '5s',
      HTTP_REQUEST_TIMEOUT_MS: '5000',
      HTTP_HEADERS_TIMEOUT_MS: '9000',
      CONNECTOR_STOREFRONT_RATE_LIMIT: '-1',
      FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES: 'soon',
    }).join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'FRIENDBUY_MERCHANT_ID',
      'CONNECTOR_MODE',
      'PURCHASE_AMOUNT_BASIS',
      'teleported',
      'DATABASE_STATEMENT_TIMEOUT_MS',
      'HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS',
      'CONNECTOR_STOREFRONT_RATE_LIMIT',
      'FRIENDBUY_PURCHASE_RESEND_AFTER_MINUTES',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('accepts explicit API URLs instead of a region, but only as a pair', () => {
    const { CTP_REGION: _region, ...withoutRegion } = live;
    expect(problemsOf({ ...withoutRegion, CTP_API_URL: 'https://api.example.com' }).join()).toContain(
      'CTP_API_URL and CTP_AUTH_URL must be set together',
    );
    const config = loadConfig({
      ...withoutRegion,
      CTP_API_URL: 'https://api.example.com/',
      CTP_AUTH_URL: 'https://auth.example.com',
    });
    expect(config.commercetools.apiUrl).toBe('https://api.example.com');
  });

  it('believes forwarded client addresses only from the proxies it is told to trust', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ CONNECTOR_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ CONNECTOR_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });

  it('configures which order statuses reach Friendbuy and under which event type', () => {
    const config = loadConfig({
      FRIENDBUY_STATUS_EVENTS: 'shipped,refunded',
      FRIENDBUY_STATUS_EVENT_TYPES: 'shipped=shipment_done',
    });
    expect(config.statusEvents.enabled).toEqual(['shipped', 'refunded']);
    expect(config.statusEvents.eventTypes.shipped).toBe('shipment_done');
    expect(config.statusEvents.eventTypes.refunded).toBe('order_refunded');
    expect(loadConfig({ FRIENDBUY_STATUS_EVENTS: 'none' }).statusEvents.enabled).toEqual([]);
  });
});
