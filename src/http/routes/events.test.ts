import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderCreatedDelivery, referenceOrder } from '../../../test/helpers/reference-order.js';
import { openTestStore } from '../../../test/helpers/store.js';
import { systemClock } from '../../clock.js';
import { encodePubSubEnvelope } from '../../commercetools/envelope.js';
import { createLogger } from '../../logger.js';
import { createConnectorMetrics } from '../../observability/metrics.js';
import type { Db } from '../../store/db.js';
import { createInboxWriter } from '../../store/inbox-writer.js';
import { createHttpApp } from '../app.js';
import { registerEventsRoute } from './events.js';

const TOKEN = 'test-events-token';

const orderCreated = (sequenceNumber = 1, resourceId = 'order-1') => ({
  notificationType: 'Message',
  projectKey: 'shop',
  id: `msg-${resourceId}-${sequenceNumber}`,
  version: 1,
  sequenceNumber,
  resource: { typeId: 'order', id: resourceId },
  resourceVersion: 1,
  type: 'OrderCreated',
  order: { id: resourceId },
  createdAt: '2026-01-01T00:00:00.000Z',
  lastModifiedAt: '2026-01-01T00:00:00.000Z',
});

describe('POST /events/commercetools', () => {
  let db: Db;
  let app: ReturnType<typeof createHttpApp>;

  const counts = async () => {
    const inbox = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM inbox');
    const outbox = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox');
    return { inbox: inbox.rows[0]!.count, outbox: outbox.rows[0]!.count };
  };
  const post = (body: unknown, headers: Record<string, string> = {}, url = '/events/commercetools') =>
    app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    db = await openTestStore();
    app = createHttpApp(createLogger('silent'));
    registerEventsRoute(app, {
      db,
      clock: systemClock,
      inbox: createInboxWriter(db),
      auth: { kind: 'token', token: TOKEN },
      metrics: createConnectorMetrics(),
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('records a Pub/Sub push delivery, then acknowledges it', async () => {
    const response = await post(encodePubSubEnvelope(orderCreated(), 'm-1'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'recorded' });
    expect(await counts()).toEqual({ inbox: 1, outbox: 1 });
    const stored = await db.query<{ dedup_key: string }>('SELECT dedup_key FROM inbox');
    expect(stored.rows[0]?.dedup_key).toBe('order-1:1');
  });

  it('acknowledges a redelivery without recording it twice', async () => {
    await post(encodePubSubEnvelope(orderCreated(), 'm-1'));
    const again = await post(encodePubSubEnvelope(orderCreated(), 'm-2'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'duplicate' });
    expect(await counts()).toEqual({ inbox: 1, outbox: 1 });
  });

  it('accepts a CloudEvents event and a bare Platform payload', async () => {
    const cloudEvent = {
      specversion: '1.0',
      id: 'ce-1',
      type: 'com.commercetools.order.message.OrderCreated',
      source: '/shop/orders',
      data: orderCreated(1, 'order-ce'),
    };
    const ce = await post(cloudEvent, { 'content-type': 'application/cloudevents+json' });
    expect(ce.json()).toEqual({ status: 'recorded' });
    const bare = await post(orderCreated(1, 'order-bare'));
    expect(bare.json()).toEqual({ status: 'recorded' });
    expect(await counts()).toEqual({ inbox: 2, outbox: 2 });
  });

  it('accepts the token as a query parameter (Pub/Sub push endpoints cannot set headers)', async () => {
    const response = await post(
      orderCreated(),
      { authorization: '' },
      `/events/commercetools?token=${TOKEN}`,
    );
    expect(response.statusCode).toBe(200);
  });

  it('acknowledges the subscription test notification without processing it', async () => {
    const response = await post({
      notificationType: 'ResourceCreated',
      projectKey: 'shop',
      resource: { typeId: 'subscription', id: 'sub-1' },
      version: 1,
    });
    expect(response.statusCode).toBe(202);
    expect(await counts()).toEqual({ inbox: 0, outbox: 0 });
  });

  it('acknowledges and counts a message type it does not handle', async () => {
    const response = await post({
      ...orderCreated(),
      type: 'OrderCustomFieldChanged',
      name: 'x',
      value: 'y',
    });
    expect(response.json()).toEqual({ status: 'unhandled' });
    expect(await counts()).toEqual({ inbox: 0, outbox: 0 });
    const counted = await db.query<{ kind: string; count: number }>(
      'SELECT kind, count FROM unhandled_messages',
    );
    expect(counted.rows).toEqual([{ kind: 'order:OrderCustomFieldChanged', count: 1 }]);
  });

  describe('rejects bad requests and stores nothing from them', () => {
    it.each([
      ['no token', { authorization: '' }, 401],
      ['a wrong token', { authorization: 'Bearer nope' }, 401],
    ])('401 for %s', async (_name, headers, status) => {
      const response = await post(orderCreated(), headers);
      expect(response.statusCode).toBe(status);
      expect(await counts()).toEqual({ inbox: 0, outbox: 0 });
    });

    it.each([
      ['a body that is not JSON', '{"message":', /JSON/],
      ['undecodable message.data', { message: { data: '!!!not base64 json!!!' } }, /message\.data/],
      [
        'a message without sequenceNumber',
        { ...orderCreated(), sequenceNumber: undefined },
        /sequenceNumber/,
      ],
      ['a payload without resource', { notificationType: 'Message', type: 'OrderCreated' }, /resource/],
    ])('400 for %s, naming the reason', async (_name, body, reason) => {
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(reason);
      expect(await counts()).toEqual({ inbox: 0, outbox: 0 });
    });

    it('413 over the configured limit, naming it', async () => {
      const small = createHttpApp(createLogger('silent'));
      registerEventsRoute(small, {
        db,
        clock: systemClock,
        metrics: createConnectorMetrics(),
        inbox: createInboxWriter(db),
        auth: { kind: 'token', token: TOKEN },
        bodyLimitBytes: 64 * 1024,
      });
      const response = await small.inject({
        method: 'POST',
        url: '/events/commercetools',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...orderCreated(), padding: 'x'.repeat(64 * 1024) }),
      });
      await small.close();
      expect(response.statusCode).toBe(413);
      expect(response.json().message).toBe(`body exceeds ${64 * 1024} bytes`);
      expect(await counts()).toEqual({ inbox: 0, outbox: 0 });
    });
  });

  it('takes deliveries without a token where only the platform reaches the route (Connect event apps)', async () => {
    const connect = createHttpApp(createLogger('silent'));
    registerEventsRoute(connect, {
      db,
      clock: systemClock,
      inbox: createInboxWriter(db),
      auth: { kind: 'platform' },
      metrics: createConnectorMetrics(),
    });
    const response = await connect.inject({
      method: 'POST',
      url: '/events/commercetools',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(encodePubSubEnvelope(orderCreated(1, 'order-connect'), 'm-connect')),
    });
    await connect.close();
    expect(response.statusCode).toBe(200);
    expect((await counts()).inbox).toBe(1);
  });

  it('refuses alone, with 400 naming the field, deliveries the store cannot hold; their batch is recorded', async () => {
    const poisonFields = ['order.customerEmail', 'order.id', 'resource.id'];
    const bodies = [
      // A NUL written as the JSON escape: jsonb refuses it even though the JSON text is valid.
      JSON.stringify(orderCreated(1, 'poison-nul')).replace(
        '"order":{"id":"poison-nul"}',
        '"order":{"id":"poison-nul","customerEmail":"a\\u0000@example.com"}',
      ),
      JSON.stringify({ ...orderCreated(1, 'poison-surrogate'), order: { id: 'x\ud800' } }),
      JSON.stringify(orderCreated(1, 'r'.repeat(3_000))),
    ];
    const valid = Array.from({ length: 60 }, (_, i) => JSON.stringify(orderCreated(1, `valid-${i}`)));
    // Sent together, so the writer groups them into shared commits.
    const answers = await Promise.all(
      [...valid.slice(0, 30), ...bodies, ...valid.slice(30)].map((b) => post(b)),
    );
    const poisonAnswers = answers.slice(30, 33);
    const validAnswers = [...answers.slice(0, 30), ...answers.slice(33)];
    expect(validAnswers.map((answer) => answer.statusCode)).toEqual(valid.map(() => 200));
    expect(poisonAnswers.map((answer) => answer.statusCode)).toEqual([400, 400, 400]);
    poisonAnswers.forEach((answer, index) => {
      expect(answer.json().message).toContain(poisonFields[index]);
    });
    expect(await counts()).toEqual({ inbox: 60, outbox: 60 });
    // Redelivered, the poison is refused the same way, never a 503 that would make the broker retry it.
    expect((await post(bodies[0]!)).statusCode).toBe(400);
  });

  it('records a large order: a 7 MB order in its Pub/Sub envelope (base64 makes it over 9 MB)', async () => {
    const order = referenceOrder(7 * 1024 * 1024);
    const envelope = encodePubSubEnvelope(orderCreatedDelivery(order), 'm-large');
    const response = await post(envelope);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'recorded' });
    const stored = await db.query<{ lines: number }>(
      `SELECT jsonb_array_length(payload -> 'order' -> 'lineItems') AS lines FROM inbox`,
    );
    expect(stored.rows[0]?.lines).toBe(order.lineItems.length);
  });

  it('answers 503 when the store cannot record the message, so the broker redelivers', async () => {
    const failing = createHttpApp(createLogger('silent'));
    const broken: Db = { ...db, query: async () => Promise.reject(new Error('connection refused')) };
    registerEventsRoute(failing, {
      db: broken,
      clock: systemClock,
      metrics: createConnectorMetrics(),
      inbox: createInboxWriter(broken),
      auth: { kind: 'token', token: TOKEN },
    });
    const response = await failing.inject({
      method: 'POST',
      url: '/events/commercetools',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(orderCreated()),
    });
    expect(response.statusCode).toBe(503);
    await failing.close();
  });
});
