// The storefront kit's other routes against a sandbox connector: which Friendbuy merchant serves a store, the
// kit bundle itself, signing customer auth only for a proven customer, and CORS for the shop's origin.
import { createHmac, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { STOREFRONT_SANDBOX_DEFAULTS } from '../../src/config-storefront.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { postJson, signedInCustomer } from '../helpers/storefront.js';

const SERVER_KEY = STOREFRONT_SANDBOX_DEFAULTS.CONNECTOR_STOREFRONT_SERVER_KEY;
const hexHmac = (text: string) =>
  createHmac('sha256', SANDBOX_DEFAULTS.FRIENDBUY_SECRET_KEY).update(text).digest('hex');

describe('storefront kit routes', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${connector.url}${path}`, { headers });

  it('tells the kit which merchant, campaign and scripts serve a mapped store and locale', async () => {
    const response = await get('/storefront/config?store=us&locale=en-US');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      enabled: true,
      storeKey: 'us',
      locale: 'en-US',
      merchantId: SANDBOX_DEFAULTS.FRIENDBUY_MERCHANT_ID,
      campaignId: 'sandbox-us-referral',
      friendbuyScriptUrl: '/sandbox/friendbuy/friendbuy.js',
      campaignsScriptUrl: `/sandbox/friendbuy/campaigns/${SANDBOX_DEFAULTS.FRIENDBUY_MERCHANT_ID}/campaigns.js`,
      referralCodeParam: 'referralCode',
    });
  });

  it('answers an unmapped store with enabled: false and the reason, never an error', async () => {
    const response = await get('/storefront/config?store=nowhere');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('"nowhere"'),
    });
    const missing = await get('/storefront/config');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/^store: /);
  });

  it('serves the kit as one minified script of at most 15 kB gzipped, and as a module', async () => {
    const script = await get('/storefront/ct-friendbuy.js');
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    const code = await script.text();
    expect(gzipSync(code).length).toBeLessThanOrEqual(15 * 1024);
    expect(code.split('\n').length).toBeLessThan(5);
    const module = await (await get('/storefront/ct-friendbuy.mjs')).text();
    expect(module).toMatch(/export\s*\{[^}]*\binit\b/);
  });

  it('signs customer auth for a commercetools customer token, with the email from commercetools', async () => {
    const email = `ann-${randomUUID()}@example.com`;
    const { customerId, token } = await signedInCustomer(connector, email);
    const response = await postJson(connector, '/storefront/customer-auth', { customerToken: token });
    expect(response.status).toBe(200);
    const { authString, signature, customer } = response.body as {
      authString: string;
      signature: string;
      customer: unknown;
    };
    expect(authString).toMatch(new RegExp(`^\\d{10}:${email}:${customerId}$`));
    expect(signature).toBe(hexHmac(authString));
    expect(customer).toMatchObject({ id: customerId, email });
  });

  it('refuses a token commercetools does not know (401) and a body without one (400)', async () => {
    const unknown = await postJson(connector, '/storefront/customer-auth', { customerToken: 'not-a-token' });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'InvalidCustomerToken' } });
    const empty = await postJson(connector, '/storefront/customer-auth', {});
    expect(empty).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^customerToken: /) },
    });
  });

  it('signs for the merchant’s backend holding the server key, and for no one else', async () => {
    const body = { customerId: 'c-42', email: 'bob@example.com' };
    const signed = await postJson(connector, '/storefront/customer-auth', body, {
      authorization: `Bearer ${SERVER_KEY}`,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.authString).toMatch(/^\d{10}:bob@example\.com:c-42$/);
    expect(signed.body.signature).toBe(hexHmac(String(signed.body.authString)));
    const wrongKey = await postJson(connector, '/storefront/customer-auth', body, {
      authorization: 'Bearer nope',
    });
    expect(wrongKey.status).toBe(401);
    const noEmail = await postJson(
      connector,
      '/storefront/customer-auth',
      { customerId: 'c-42' },
      { authorization: `Bearer ${SERVER_KEY}` },
    );
    expect(noEmail).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^email: /) } });
  });

  it('allows cross-origin calls from the shop (preflight and response headers)', async () => {
    const preflight = await fetch(`${connector.url}/storefront/attribution`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const config = await get('/storefront/config?store=us', { origin: 'https://shop.example.com' });
    expect(config.headers.get('access-control-allow-origin')).toBe('*');
  });
});
