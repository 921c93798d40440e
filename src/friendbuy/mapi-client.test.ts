import Fastify from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FriendbuyPurchase } from '../domain/purchase.js';
import { createFriendbuyEmulator } from '../sandbox/friendbuy-emulator/index.js';
import { FriendbuyApiError } from './api-error.js';
import { createMapiClient, type MapiClientOptions } from './mapi-client.js';
import { createTokenCache } from './token-cache.js';

const credentials = { key: 'mapi-key', secret: 'mapi-secret-do-not-leak' };
const purchase: FriendbuyPurchase = {
  orderId: 'o-1',
  customerId: 'c-1',
  amount: 49.95,
  currency: 'EUR',
  isNewCustomer: true,
  products: [{ sku: 'mug', name: 'Mug', quantity: 1, price: 49.95 }],
  additionalProperties: {},
};
const start = new Date('2026-03-01T12:00:00Z');

let clock = start;
let draws: number[] = [];
const emulator = createFriendbuyEmulator({
  ...credentials,
  now: () => clock,
  random: () => draws.shift() ?? 0.999,
});
// Its tokens are dead on arrival, so every endpoint call is refused: the "401 after re-auth" case.
const staleEmulator = createFriendbuyEmulator({ ...credentials, tokenTtlSeconds: 0, now: () => clock });
const app = Fastify();
let baseUrl = '';
let sleeps: number[] = [];
let logLines: string[] = [];

function client(overrides: Partial<MapiClientOptions> = {}) {
  return createMapiClient({
    baseUrl,
    ...credentials,
    tokenCache: createTokenCache(),
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) }),
    ...overrides,
  });
}

const calls = (path: string) => emulator.requests().filter((request) => request.path === path);
const statuses = () => emulator.requests().map((request) => `${request.path} ${request.status}`);

beforeAll(async () => {
  await app.register(emulator.plugin, { prefix: '/sandbox/friendbuy' });
  await app.register(staleEmulator.plugin, { prefix: '/sandbox/stale-friendbuy' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `${address}/sandbox/friendbuy`;
});

afterAll(() => app.close());

beforeEach(() => {
  clock = start;
  draws = [];
  sleeps = [];
  logLines = [];
  emulator.clearRequests();
  emulator.setFaults({ rate429: 0, rate500: 0, latencyMs: 0 });
});

describe('MAPI client tokens', () => {
  it('authorises once and reuses the token for later and concurrent calls', async () => {
    const friendbuy = client();

    await Promise.all([
      friendbuy.trackPurchase(purchase),
      friendbuy.trackPurchase({ ...purchase, orderId: 'o-2' }),
    ]);
    await friendbuy.trackSignUp({ email: 'ann@example.com', customerId: 'c-1' });
    await friendbuy.upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' });

    expect(calls('/v1/authorization')).toHaveLength(1);
    expect(emulator.requests()).toHaveLength(5);
  });

  it('shares a token between clients of the same merchant through one cache', async () => {
    const tokenCache = createTokenCache();
    await client({ tokenCache }).trackPurchase(purchase);
    await client({ tokenCache }).trackPurchase(purchase);

    expect(calls('/v1/authorization')).toHaveLength(1);
  });

  it('fetches a new token 10 s before the old one expires', async () => {
    const friendbuy = client();
    await friendbuy.trackPurchase(purchase);

    clock = new Date(start.getTime() + 1_189_000); // 11 s before the 20 min expiry: still cached
    await friendbuy.trackPurchase(purchase);
    clock = new Date(start.getTime() + 1_191_000); // 9 s before: refreshed
    await friendbuy.trackPurchase(purchase);

    expect(statuses()).toEqual([
      '/v1/authorization 200',
      '/v1/event/purchase 201',
      '/v1/event/purchase 201',
      '/v1/authorization 200',
      '/v1/event/purchase 201',
    ]);
  });

  it('re-authorises once and retries when Friendbuy rejects a token it still believes valid', async () => {
    let clientClock = start;
    const friendbuy = client({ now: () => clientClock });
    await friendbuy.trackPurchase(purchase);

    // Friendbuy's clock has moved past the expiry while ours has not: the cached token is refused.
    clock = new Date(start.getTime() + 1_300_000);
    clientClock = start;
    const response = await friendbuy.trackPurchase(purchase);

    expect(response).toEqual({ eventId: expect.any(String), createdOn: expect.any(String) });
    expect(statuses()).toEqual([
      '/v1/authorization 200',
      '/v1/event/purchase 201',
      '/v1/event/purchase 401',
      '/v1/authorization 200',
      '/v1/event/purchase 201',
    ]);
  });

  it('gives up with a non-retryable 401 when the fresh token is refused too', async () => {
    const friendbuy = client({ baseUrl: baseUrl.replace('/sandbox/friendbuy', '/sandbox/stale-friendbuy') });

    const error = await friendbuy.trackPurchase(purchase).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FriendbuyApiError);
    expect(error).toMatchObject({ status: 401, retryable: false, endpoint: 'POST /v1/event/purchase' });
    expect(staleEmulator.requests().map((request) => request.path)).toEqual([
      '/v1/authorization',
      '/v1/event/purchase',
      '/v1/authorization',
      '/v1/event/purchase',
    ]);
  });

  it('reports wrong credentials as a non-retryable authorization error without revealing the secret', async () => {
    const error = await client({ secret: 'wrong-secret' })
      .trackPurchase(purchase)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401, retryable: false, endpoint: 'POST /v1/authorization' });
    expect(String(error)).not.toContain('wrong-secret');
    expect(JSON.stringify(error)).not.toContain('wrong-secret');
  });
});

describe('MAPI client retries', () => {
  it('retries 429 and 500 with growing jittered delays, then succeeds', async () => {
    emulator.setFaults({ rate429: 0.25, rate500: 0.5 });
    draws = [0.9, 0.1, 0.5]; // authorization passes, then 429, then 500, then no more faults

    const response = await client().upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' });

    expect(response.eventId).toEqual(expect.any(String));
    expect(statuses()).toEqual([
      '/v1/authorization 200',
      '/v1/customer 429',
      '/v1/customer 500',
      expect.stringMatching(/^\/v1\/customer 20[01]$/), // created, or updated when a test made it before
    ]);
    expect(sleeps).toEqual([150, 300]);
  });

  it('resends a purchase after a 429, never after a 500 that may have come after Friendbuy counted it', async () => {
    emulator.setFaults({ rate429: 0.25, rate500: 0.5 });
    draws = [0.9, 0.1, 0.5]; // authorization passes, then 429, then 500

    const error = await client()
      .trackPurchase(purchase)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 500, retryable: true, ambiguous: true });
    expect(statuses()).toEqual(['/v1/authorization 200', '/v1/event/purchase 429', '/v1/event/purchase 500']);
  });

  it('fails retryable after maxRetries when Friendbuy keeps answering 500, keeping its error body', async () => {
    const friendbuy = client({ maxRetries: 2 });
    await friendbuy.upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' });
    emulator.setFaults({ rate500: 1 });

    const error = await friendbuy
      .upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FriendbuyApiError);
    expect(error).toMatchObject({ status: 500, retryable: true, endpoint: 'POST /v1/customer' });
    expect((error as FriendbuyApiError).body).toMatchObject({ error: 'Internal Server Error', code: 500 });
    expect(calls('/v1/customer')).toHaveLength(4);
  });

  it('does not retry a 400 and keeps the validation message', async () => {
    const error = await client()
      .trackPurchase({ ...purchase, amount: -1 })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as FriendbuyApiError).body).toEqual({
      error: 'Bad Request',
      message: expect.stringContaining('amount'),
      code: 400,
      reference: expect.any(String),
    });
    expect((error as FriendbuyApiError).message).toContain('amount');
    expect(calls('/v1/event/purchase')).toHaveLength(1);
  });

  it('times out a slow call and retries it before failing retryable', async () => {
    // Generous margins: CI runs this on two busy cores, and the warm-up call must not time out itself.
    const friendbuy = client({ timeoutMs: 400, maxRetries: 1 });
    await friendbuy.upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' });
    emulator.setFaults({ latencyMs: 1_500 });

    const error = await friendbuy
      .upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FriendbuyApiError);
    expect(error).toMatchObject({ status: undefined, retryable: true, endpoint: 'POST /v1/customer' });
    expect((error as Error).message).toContain('timed out after 400 ms');
    expect(sleeps).toHaveLength(1);
    // Let the emulator finish the abandoned calls so they are not recorded into the next test.
    await vi.waitFor(() => expect(calls('/v1/customer')).toHaveLength(3), { timeout: 8_000 });
  });

  it('never sends a purchase again after it timed out: Friendbuy may have it already', async () => {
    const friendbuy = client({ timeoutMs: 400, maxRetries: 3 });
    await friendbuy.upsertCustomer({ email: 'ann@example.com', customerId: 'c-1' });
    emulator.setFaults({ latencyMs: 1_500 });

    const error = await friendbuy.trackPurchase(purchase).catch((e: unknown) => e);

    expect(error).toMatchObject({ retryable: true, ambiguous: true, endpoint: 'POST /v1/event/purchase' });
    expect(sleeps).toEqual([]);
    // The emulator finishes the call the client gave up on: Friendbuy got it once, and only once.
    await vi.waitFor(() => expect(calls('/v1/event/purchase')).toHaveLength(1), { timeout: 8_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls('/v1/event/purchase').map((call) => call.status)).toEqual([201]);
  });

  it('treats a refused connection as a retryable network error', async () => {
    const closed = Fastify();
    const address = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();

    const error = await client({ baseUrl: address, maxRetries: 1 })
      .trackPurchase(purchase)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: undefined, retryable: true, endpoint: 'POST /v1/authorization' });
    expect((error as Error).message).toContain('network error');
  });

  it('never writes the secret or a token into its logs', async () => {
    const friendbuy = client();
    await friendbuy.trackPurchase(purchase);
    clock = new Date(start.getTime() + 1_300_000);
    emulator.setFaults({ rate429: 1 });
    await friendbuy.trackPurchase(purchase).catch(() => undefined);

    const logs = logLines.join('\n');
    expect(logs).toContain('retrying');
    expect(logs).not.toContain(credentials.secret);
    expect(logs).not.toContain('fbemu_');
  });
});

describe('MAPI client endpoints', () => {
  it('creates or retrieves a personal referral link', async () => {
    const friendbuy = client();
    const link = await friendbuy.createPersonalReferralLink({
      email: 'zoe@example.com',
      campaignId: 'spring',
    });
    const again = await friendbuy.createPersonalReferralLink({
      email: 'zoe@example.com',
      campaignId: 'spring',
    });

    expect(link).toEqual({ link: `${baseUrl}/r/zoe`, referralCode: 'zoe', createdOn: start.toISOString() });
    expect(again).toEqual(link);
  });

  it('sends up to 10 referral link requests in one batch and refuses more without calling Friendbuy', async () => {
    const friendbuy = client();
    const request = (n: number) => ({ email: `advocate${n}@example.com`, campaignId: 'spring' });

    const batch = await friendbuy.createPersonalReferralLinks([request(1), request(2)]);
    const error = await friendbuy
      .createPersonalReferralLinks(Array.from({ length: 11 }, (_, n) => request(n)))
      .catch((e: unknown) => e);

    expect(batch.purls.map((purl) => purl.referralCode)).toEqual(['advocate1', 'advocate2']);
    expect(error).toMatchObject({
      status: undefined,
      retryable: false,
      endpoint: 'POST /v1/personal-referral-link-batch',
    });
    expect(calls('/v1/personal-referral-link-batch')).toHaveLength(1);
  });

  it('tracks a custom event', async () => {
    const friendbuy = client();
    await friendbuy.trackCustomEvent({
      email: 'ann@example.com',
      eventType: 'review',
      deduplicationId: 'r-1',
    });
    expect(calls('/v1/event/custom')).toHaveLength(1);
  });
});
