// One start pass: a client that polls /health until it answers 200 can then call any route and never be told the
// connector is still starting; /health/live answers as soon as the connector listens, without the store.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Connector, startConnector } from '../../src/connector.js';
import { signBody } from '../../src/friendbuy/signature.js';
import { createLogger } from '../../src/logger.js';
import { orderCreatedDelivery } from '../helpers/reference-order.js';
import { dropSchema, testStoreOptions } from '../helpers/store.js';

/** A port nothing listens on now, so the test knows where the connector will listen before it does. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Answer {
  what: string;
  status: number;
  body: unknown;
}

async function call(what: string, url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { what, status: response.status, body };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('starting the connector', () => {
  let connector: Connector | undefined;
  let schema: string | undefined;
  afterEach(async () => {
    await connector?.close();
    if (schema) await dropSchema(schema);
  });

  it('answers every route once /health said ok, never 503 "starting"', async () => {
    const port = await freePort();
    const store = await testStoreOptions();
    schema = store.schema;
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const base = `http://127.0.0.1:${port}`;
    const starting = startConnector({ config, logger: createLogger('silent'), store });

    // Poll as a load balancer would, from before the connector listens until it says ok.
    const polled: Array<Answer | undefined> = [];
    for (;;) {
      const health = await call('health', `${base}/health`).catch(() => undefined);
      polled.push(health);
      if (health?.status === 200) break;
      if (health)
        expect(health).toMatchObject({ status: 503, body: { status: 'starting', mode: 'sandbox' } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(polled[0]).toBeUndefined(); // refused: nothing listened yet
    expect(polled.at(-1)?.body).toMatchObject({ status: 'ok', mode: 'sandbox' });

    const { secretKey } = config.friendbuy;
    const callback = JSON.stringify({ eventType: 'purchase', purchase: { id: 'never-placed-1' } });
    const answers = await Promise.all([
      call('health/live', `${base}/health/live`),
      call('storefront config', `${base}/storefront/config?store=us`),
      call(
        'storefront attribution',
        `${base}/storefront/attribution`,
        json({ cart: { id: 'no-such-cart', anonymousId: 'a-1' }, referralCode: 'demo-advocate' }),
      ),
      call('admin codes', `${base}/admin/api/codes/stock`, {
        headers: { authorization: `Bearer ${config.inbound.adminToken}` },
      }),
      call('admin analytics', `${base}/admin/api/analytics/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.inbound.adminToken}` },
      }),
      call('reward validation', `${base}/callbacks/friendbuy/reward-validation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-friendbuy-hmac-sha256': signBody(callback, secretKey),
        },
        body: callback,
      }),
      call(
        'cart extension',
        `${base}/extensions/commercetools`,
        json(
          { action: 'Create', resource: { typeId: 'cart', id: 'c-1', obj: { id: 'c-1' } } },
          { authorization: config.inbound.extensionSecret },
        ),
      ),
      call(
        'events',
        `${base}/events/commercetools`,
        json(orderCreatedDelivery({ id: 'start-order-1', createdAt: new Date().toISOString() }), {
          authorization: `Bearer ${config.inbound.eventsToken}`,
        }),
      ),
    ]);
    connector = await starting;

    for (const answer of answers) expect(answer.status, answer.what).not.toBe(503);
    const byWhat = Object.fromEntries(answers.map((answer) => [answer.what, answer]));
    expect(byWhat['health/live']).toMatchObject({ status: 200, body: { status: 'live', mode: 'sandbox' } });
    // Answered by the flow, which asked commercetools for the cart.
    expect(byWhat['storefront attribution']).toMatchObject({ status: 403, body: { code: 'CartNotOwned' } });
    expect(byWhat['admin codes']?.status).toBe(200);
    expect(byWhat['reward validation']).toMatchObject({ status: 400, body: { status: 'unknownOrder' } });
    expect(byWhat['cart extension']?.status).toBe(200);
    expect(byWhat.events).toMatchObject({ status: 200, body: { status: 'recorded' } });
  }, 120_000); // the whole start happens inside the test, not in a hook
});
