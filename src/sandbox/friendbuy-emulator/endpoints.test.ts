import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFriendbuyEmulator } from './index.js';
import { ERASURE_DELAY_MS } from './v1-routes.js';

const credentials = { key: 'sandbox-key', secret: 'sandbox-secret' };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: FastifyInstance;
let authorization: string;
// The emulator's clock: erasures complete a little after they are accepted.
let nowMs = Date.parse('2026-01-01T00:00:00Z');

beforeAll(async () => {
  app = Fastify();
  await app.register(createFriendbuyEmulator({ ...credentials, now: () => new Date(nowMs) }).plugin, {
    prefix: '/sandbox/friendbuy',
  });
  const issued = await app.inject({
    method: 'POST',
    url: '/sandbox/friendbuy/v1/authorization',
    body: credentials,
  });
  authorization = `Bearer ${issued.json().token}`;
});

afterAll(() => app.close());

function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  return app.inject({
    method,
    url: `/sandbox/friendbuy${path}`,
    headers: { authorization, host: 'shop.test:8080' },
    body: body as object,
  });
}

describe('friendbuy emulator validation', () => {
  it('refuses a purchase without an orderId, naming the field in Friendbuy error shape', async () => {
    const response = await call('POST', '/v1/event/purchase', {
      customerId: 'c-1',
      amount: 10,
      currency: 'EUR',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Bad Request',
      message: expect.stringContaining('orderId'),
      code: 400,
      reference: expect.any(String),
    });
  });

  it.each([
    ['a negative amount', { amount: -1 }, 'amount'],
    ['an amount in a string', { amount: '10.00' }, 'amount'],
    ['a currency that is not 3 letters', { currency: 'EURO' }, 'currency'],
    ['an empty customerId', { customerId: '' }, 'customerId'],
    ['a product without sku', { products: [{ name: 'Mug' }] }, 'products.0.sku'],
  ])('refuses a purchase with %s', async (_label, change, field) => {
    const purchase = { orderId: 'o-1', customerId: 'c-1', amount: 10, currency: 'EUR', ...change };
    const response = await call('POST', '/v1/event/purchase', purchase);

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(`${field}:`);
  });

  it.each([
    ['/v1/event/account-sign-up', { email: 'ann@example.com' }, 'customerId'],
    ['/v1/event/custom', { email: 'ann@example.com' }, 'eventType'],
    ['/v1/customer', { customerId: 'c-1' }, 'email'],
    ['/v1/personal-referral-link', { email: 'ann@example.com' }, 'campaignId'],
  ])('refuses %s without %o complete', async (path, body, field) => {
    const response = await call('POST', path, body);

    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(field);
  });

  it('answers malformed JSON in the same error shape', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/event/purchase',
      headers: { authorization, 'content-type': 'application/json' },
      payload: '{"orderId":',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Bad Request', code: 400 });
  });

  it('answers an unknown path with a Friendbuy-shaped 404', async () => {
    const response = await call('POST', '/v1/event/refund', {});
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'Not Found', code: 404 });
  });
});

describe('friendbuy emulator endpoints', () => {
  it('acknowledges events with 201 and a fresh eventId', async () => {
    const purchase = await call('POST', '/v1/event/purchase', {
      orderId: 'o-1',
      customerId: 'c-1',
      amount: 0,
      currency: 'usd',
      products: [{ sku: 'MUG', quantity: 1, price: 12.5 }],
      giftCardCodes: ['kept-even-if-undocumented'],
    });
    const signUp = await call('POST', '/v1/event/account-sign-up', {
      email: 'ann@example.com',
      customerId: 'c-1',
    });
    const custom = await call('POST', '/v1/event/custom', { email: 'ann@example.com', eventType: 'review' });

    for (const response of [purchase, signUp, custom]) {
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        eventId: expect.stringMatching(uuid),
        createdOn: expect.any(String),
      });
    }
    expect(purchase.json().eventId).not.toBe(signUp.json().eventId);
  });

  it('creates a customer with 201 and updates it with 200', async () => {
    const customer = { email: 'bob@example.com', customerId: 'c-bob' };
    const created = await call('POST', '/v1/customer', customer);
    const updated = await call('POST', '/v1/customer', { ...customer, firstName: 'Bob' });

    expect(created.statusCode).toBe(201);
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ eventId: expect.stringMatching(uuid), createdOn: expect.any(String) });
  });

  it('returns the same referral link for the same email and campaign, and unique codes otherwise', async () => {
    const first = await call('POST', '/v1/personal-referral-link', {
      email: 'Jane.Doe@example.com',
      campaignId: 'spring',
    });
    const again = await call('POST', '/v1/personal-referral-link', {
      email: 'jane.doe@example.com',
      campaignId: 'spring',
    });
    const namesake = await call('POST', '/v1/personal-referral-link', {
      email: 'jane.doe@other.test',
      campaignId: 'spring',
    });

    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      link: 'http://shop.test:8080/sandbox/friendbuy/r/janedoe',
      referralCode: 'janedoe',
      createdOn: expect.any(String),
    });
    expect(again.json()).toEqual(first.json());
    expect(namesake.json().referralCode).toBe('janedoe2');
  });

  it('uses the seed, lowercased, as the referral code', async () => {
    const response = await call('POST', '/v1/personal-referral-link', {
      email: 'carl@example.com',
      campaignId: 'spring',
      seed: 'CarlRocks',
    });
    expect(response.json().referralCode).toBe('carlrocks');
  });

  it('creates links in batches of at most 10', async () => {
    const requests = [1, 2].map((n) => ({
      email: `batch${n}@example.com`,
      campaignId: 'spring',
      customerId: `c-${n}`,
    }));
    const batch = await call('POST', '/v1/personal-referral-link-batch', { requests });
    const tooMany = await call('POST', '/v1/personal-referral-link-batch', {
      requests: Array.from({ length: 11 }, (_, n) => ({
        email: `many${n}@example.com`,
        campaignId: 'spring',
      })),
    });

    expect(batch.statusCode).toBe(200);
    expect(batch.json().purls).toEqual([
      expect.objectContaining({
        referralCode: 'batch1',
        email: 'batch1@example.com',
        campaignId: 'spring',
        customerId: 'c-1',
      }),
      expect.objectContaining({
        referralCode: 'batch2',
        email: 'batch2@example.com',
        campaignId: 'spring',
        customerId: 'c-2',
      }),
    ]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('requests');
  });

  it('erases user data by customerId or email and answers with a jobId', async () => {
    await call('POST', '/v1/personal-referral-link', {
      email: 'erase@example.com',
      campaignId: 'spring',
      customerId: 'c-erase',
    });

    const erased = await call('DELETE', '/v1/user-data?customerId=c-erase');
    // Asynchronous, as in Friendbuy: the export still shows the person, with the pending job, until it is done.
    const pending = (await call('GET', '/v1/user-data?customerId=c-erase')).json();
    expect(pending.erasureJobId).toBe(erased.json().jobId);
    expect(pending.referralLinks).toHaveLength(1);
    nowMs += ERASURE_DELAY_MS;
    expect((await call('GET', '/v1/user-data?customerId=c-erase')).json()).toEqual({
      customers: [],
      referralLinks: [],
    });
    const relinked = await call('POST', '/v1/personal-referral-link', {
      email: 'erase@example.com',
      campaignId: 'spring',
    });
    const nobody = await call('DELETE', '/v1/user-data');

    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toEqual({ jobId: expect.stringMatching(uuid) });
    // The old code stays retired so it can never start crediting someone else.
    expect(relinked.json().referralCode).toBe('erase2');
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().message).toContain('email or customerId is required');
  });
});
