import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFriendbuyEmulator } from './index.js';

const credentials = { key: 'sandbox-key', secret: 'sandbox-secret' };
const purchase = { orderId: 'o-1', customerId: 'c-1', amount: 10, currency: 'EUR' };

let clock = new Date('2026-03-01T12:00:00Z');
const apps: Array<{ close(): Promise<unknown> }> = [];

async function emulatorApp(tokenTtlSeconds?: number) {
  clock = new Date('2026-03-01T12:00:00Z');
  const emulator = createFriendbuyEmulator({ ...credentials, tokenTtlSeconds, now: () => clock });
  const app = Fastify();
  await app.register(emulator.plugin, { prefix: '/sandbox/friendbuy' });
  apps.push(app);
  return app;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('friendbuy emulator authorization', () => {
  it('issues a bearer token that expires after the configured lifetime', async () => {
    const app = await emulatorApp(300);
    const response = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/authorization',
      body: credentials,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      tokenType: 'Bearer',
      token: expect.any(String),
      expires: '2026-03-01T12:05:00.000Z',
    });
  });

  it('defaults to the 20 minute lifetime Friendbuy documents', async () => {
    const app = await emulatorApp();
    const response = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/authorization',
      body: credentials,
    });
    expect(response.json().expires).toBe('2026-03-01T12:20:00.000Z');
  });

  it('refuses a wrong secret with a 401 in Friendbuy error shape', async () => {
    const app = await emulatorApp();
    const response = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/authorization',
      body: { key: credentials.key, secret: 'guess' },
    });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: 'Unauthorized',
      message: 'Invalid key or secret',
      code: 401,
      reference: expect.any(String),
    });
  });

  it('answers 401 to an endpoint call without a token or with an unknown one', async () => {
    const app = await emulatorApp();
    const url = '/sandbox/friendbuy/v1/event/purchase';
    const missing = await app.inject({ method: 'POST', url, body: purchase });
    const unknown = await app.inject({
      method: 'POST',
      url,
      body: purchase,
      headers: { authorization: 'Bearer nope' },
    });

    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({
      error: 'Unauthorized',
      code: 401,
      message: 'Missing authorization token',
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('accepts a valid token with or without the Bearer prefix, and refuses it once expired', async () => {
    const app = await emulatorApp(60);
    const { token } = (
      await app.inject({ method: 'POST', url: '/sandbox/friendbuy/v1/authorization', body: credentials })
    ).json();
    const url = '/sandbox/friendbuy/v1/event/purchase';

    const withBearer = await app.inject({
      method: 'POST',
      url,
      body: purchase,
      headers: { authorization: `Bearer ${token}` },
    });
    const bare = await app.inject({ method: 'POST', url, body: purchase, headers: { authorization: token } });
    clock = new Date(clock.getTime() + 60_000);
    const expired = await app.inject({
      method: 'POST',
      url,
      body: purchase,
      headers: { authorization: `Bearer ${token}` },
    });

    expect(withBearer.statusCode).toBe(201);
    expect(bare.statusCode).toBe(201);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toBe('Invalid or expired authorization token');
  });
});
