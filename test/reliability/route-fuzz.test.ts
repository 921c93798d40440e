// Malformed identifiers on every route the connector serves: NUL bytes, unpaired surrogates, invalid UTF-8 and
// over-long values in path parameters, queries and bodies are refused with a 4xx naming the field, never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { SIGNATURE_HEADER, signBody } from '../../src/friendbuy/signature.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { type RouteInfo, routesOf } from '../helpers/routes.js';

/** Path and query values, percent-encoded as they travel. */
const BAD_IDS = [
  '%00',
  'a%00b',
  encodeURIComponent('x') + '%ED%A0%80', // an unpaired surrogate, as CESU-8 bytes
  '%F0%9F', // a truncated UTF-8 sequence
  '%C0%AF', // an over-long encoding
  'x'.repeat(3_000),
  '..%2F..%2Fetc',
];

/** Body texts: JSON escapes PostgreSQL refuses once parsed. */
const BAD_TEXTS = ['a\u0000b', '\ud800', 'x\udfff', '\u0000'];

const bodyWith = (text: string) => ({
  id: text,
  cart: { id: text, anonymousId: text },
  code: text,
  customerToken: text,
  customerId: text,
  email: text,
  referralCode: text,
  ids: [text],
  rewardId: text,
  purchaseId: text,
  data: [{ rewardId: text, eventId: text }],
});

/** Bodies otherwise valid for their route, so the bad text gets past the schema to where it is used. */
const SHAPED_BODIES: Record<string, (text: string) => unknown[]> = {
  '/storefront/coupon': (text) => [{ cart: { id: text, anonymousId: 'a' }, code: 'FRIEND10' }],
  '/storefront/attribution': (text) => [{ cart: { id: text, anonymousId: 'a' }, referralCode: 'abc' }],
  '/callbacks/friendbuy/reward-validation': (text) => [
    { eventType: 'purchase', campaignId: 'c', purchase: { id: text } },
    { eventType: 'purchase', recipientType: 'advocate', event: { orderId: text } },
  ],
  '/admin/api/reviews/bulk': (text) => [{ ids: [text], decision: 'approve' }],
};

describe('fuzzed identifiers on every route', () => {
  let connector: TestConnector;
  let routes: RouteInfo[];
  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false', CONNECTOR_STOREFRONT_RATE_LIMIT: '0' });
    routes = routesOf(connector.app).filter((route) => route.method !== 'OPTIONS' && route.url !== '*');
  });
  afterAll(async () => {
    await connector?.close();
  });

  const authorizationFor = (url: string) => {
    if (url.startsWith('/events/')) return `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`;
    if (url.startsWith('/extensions/')) return SANDBOX_DEFAULTS.CONNECTOR_EXTENSION_SECRET;
    return `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`;
  };
  const call = async (route: RouteInfo, id: string, body?: string) => {
    const path = route.url.replace(/:[^/]+/g, id).replace(/\*$/, id);
    const raw = body ?? (route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}');
    const response = await fetch(`${connector.url}${path}?id=${id}&status=${id}&email=${id}`, {
      method: route.method,
      headers: {
        authorization: authorizationFor(route.url),
        ...(raw === undefined
          ? {}
          : {
              'content-type': 'application/json',
              [SIGNATURE_HEADER]: signBody(raw, SANDBOX_DEFAULTS.FRIENDBUY_SECRET_KEY),
            }),
      },
      body: raw,
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return {
      status: response.status,
      what: `${route.method} ${path.slice(0, 80)} ${raw?.slice(0, 80) ?? ''}`,
    };
  };
  const serverErrors = (answers: Array<{ status: number; what: string }>) =>
    answers.filter((answer) => answer.status >= 500 && answer.status !== 503).map((answer) => answer.what);

  it('never answers 500 to a malformed path parameter or query', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const answers = [];
    for (const route of routes) for (const id of BAD_IDS) answers.push(await call(route, id));
    expect(serverErrors(answers)).toEqual([]);
  }, 120_000);

  it('never answers 500 to a body holding text the store cannot keep', async () => {
    const withBody = routes.filter((route) => !['GET', 'HEAD'].includes(route.method));
    const answers = [];
    for (const route of withBody)
      for (const text of BAD_TEXTS)
        for (const body of [bodyWith(text), ...(SHAPED_BODIES[route.url]?.(text) ?? [])])
          answers.push(await call(route, 'x', JSON.stringify(body)));
    expect(serverErrors(answers)).toEqual([]);
  }, 120_000);

  it('names the field it refuses', async () => {
    const admin = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
    const byPath = await fetch(`${connector.url}/admin/api/orders/a%00b/timeline`, { headers: admin });
    expect(byPath.status).toBe(400);
    expect(((await byPath.json()) as { message: string }).message).toContain('params.orderId');
    const byBody = await fetch(`${connector.url}/storefront/coupon`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cart: { id: '\ud800', anonymousId: 'a' }, code: 'C' }),
    });
    expect(byBody.status).toBe(400);
    expect(((await byBody.json()) as { message: string }).message).toContain('cart.id');
  });

  it('never answers 500 to random identifiers on the routes with parameters', async () => {
    const withParams = routes.filter((route) => route.url.includes(':') && route.method === 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withParams),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        async (route, id) => {
          const { status } = await call(
            route,
            encodeURIComponent(id.replace(/[\ud800-\udfff]/g, '')) + '%00',
          );
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  }, 120_000);
});
