// The shopper's IP address and user agent go onto the cart (Friendbuy's purchase event takes them) but never
// into the logs, whatever happens: a capture, refusals, the order and its purchase report.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { loadConfig } from '../../src/config.js';
import { type Connector, startConnector } from '../../src/connector.js';
import { createLogger } from '../../src/logger.js';
import { sandboxApiClient } from '../../src/sandbox/api-client.js';
import { eventually, type TestConnector } from '../helpers/connector.js';
import { dropSchema, testStoreOptions } from '../helpers/store.js';
import { createCart, followReferralLink, postJson } from '../helpers/storefront.js';

const USER_AGENT = `CanaryBrowser/${randomUUID()}`;

describe('storefront logging', () => {
  const lines: string[] = [];
  let connector: Connector;
  let schema: string;
  let shop: TestConnector;

  beforeAll(async () => {
    const store = await testStoreOptions();
    schema = store.schema;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', OUTBOX_POLL_MS: '50' });
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    connector = await startConnector({ config, logger, store });
    const { urls } = connector.sandbox!;
    const api = sandboxApiClient(urls, 'storefront');
    shop = { ...connector, sandbox: connector.sandbox!, api } as TestConnector;
  });
  afterAll(async () => {
    await connector?.close();
    await dropSchema(schema);
  });

  it('never writes the IP address or user agent to a log line', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(shop, { anonymousId });
    const landing = await followReferralLink(shop, 'loggy');
    const headers = { 'user-agent': USER_AGENT };
    const claim = { id: cart.id, anonymousId };
    expect(
      (await postJson(shop, '/storefront/attribution', { cart: claim, ...landing }, headers)).status,
    ).toBe(200);
    const forged = { cart: claim, fbuy: `${landing.fbuy}x` };
    expect((await postJson(shop, '/storefront/attribution', forged, headers)).status).toBe(400);
    const stranger = { cart: { id: cart.id, anonymousId: 'x' }, referralCode: 'y' };
    expect((await postJson(shop, '/storefront/attribution', stranger, headers)).status).toBe(403);

    const current = (await shop.api.carts().withId({ ID: cart.id }).get().execute()).body;
    expect(current.custom?.fields[ORDER_FIELDS.userAgent]).toBe(USER_AGENT);
    const withEmail = await shop.api
      .carts()
      .withId({ ID: cart.id })
      .post({
        body: {
          version: current.version,
          actions: [{ action: 'setCustomerEmail', email: 'log@example.com' }],
        },
      })
      .execute();
    await shop.api
      .orders()
      .post({ body: { cart: { typeId: 'cart', id: cart.id }, version: withEmail.body.version } })
      .execute();
    // The purchase report carries both to Friendbuy: the values did travel through the connector.
    await eventually(
      () =>
        shop.sandbox.friendbuy
          .requests()
          .some((call) => (call.body as { userAgent?: string } | undefined)?.userAgent === USER_AGENT),
      20_000,
      'the purchase report with the user agent',
    );
    await shop.workers.drain();

    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => line.includes(USER_AGENT))).toEqual([]);
    expect(
      lines.filter((line) => /"(ip|ipAddress|remoteAddress|userAgent)":"(?!\[redacted\])/.test(line)),
    ).toEqual([]);
  });
});
