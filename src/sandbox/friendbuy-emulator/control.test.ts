import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFriendbuyEmulator, type FriendbuyEmulator } from './index.js';

const credentials = { key: 'sandbox-key', secret: 'sandbox-secret' };
const apps: FastifyInstance[] = [];

/** `draws` scripts the emulator's random source; once exhausted it never faults. */
async function emulatorApp(
  draws: number[] = [],
): Promise<{ app: FastifyInstance; emulator: FriendbuyEmulator }> {
  const emulator = createFriendbuyEmulator({
    ...credentials,
    now: () => new Date('2026-03-01T12:00:00Z'),
    random: () => draws.shift() ?? 0.999,
  });
  const app = Fastify();
  await app.register(emulator.plugin, { prefix: '/sandbox/friendbuy' });
  apps.push(app);
  return { app, emulator };
}

async function authorize(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/sandbox/friendbuy/v1/authorization',
    body: credentials,
  });
  return `Bearer ${response.json().token}`;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('friendbuy emulator recorded requests', () => {
  it('records every /v1 call with its body and final status, masking the secret', async () => {
    const { app, emulator } = await emulatorApp();
    const authorization = await authorize(app);
    await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/event/purchase',
      headers: { authorization },
      body: { orderId: 'o-1' },
    });
    await app.inject({
      method: 'DELETE',
      url: '/sandbox/friendbuy/v1/user-data?customerId=c-1',
      headers: { authorization },
    });

    const listed = await app.inject({ method: 'GET', url: '/sandbox/friendbuy/requests' });

    expect(listed.json().requests).toEqual([
      {
        method: 'POST',
        path: '/v1/authorization',
        body: { key: 'sandbox-key', secret: '********' },
        status: 200,
        receivedAt: '2026-03-01T12:00:00.000Z',
      },
      {
        method: 'POST',
        path: '/v1/event/purchase',
        body: { orderId: 'o-1' },
        status: 400,
        receivedAt: '2026-03-01T12:00:00.000Z',
      },
      {
        method: 'DELETE',
        path: '/v1/user-data',
        query: { customerId: 'c-1' },
        status: 200,
        receivedAt: '2026-03-01T12:00:00.000Z',
      },
    ]);
    expect(emulator.requests()).toEqual(listed.json().requests);
    expect(JSON.stringify(listed.json())).not.toContain('sandbox-secret');
  });

  it('filters by path and clears on DELETE, without recording its own control calls', async () => {
    const { app, emulator } = await emulatorApp();
    await authorize(app);
    await app.inject({ method: 'POST', url: '/sandbox/friendbuy/v1/event/custom', body: {} });

    const filtered = await app.inject({
      method: 'GET',
      url: '/sandbox/friendbuy/requests?path=/v1/event/custom',
    });
    const cleared = await app.inject({ method: 'DELETE', url: '/sandbox/friendbuy/requests' });

    expect(filtered.json().requests).toEqual([
      expect.objectContaining({ path: '/v1/event/custom', status: 401 }),
    ]);
    expect(cleared.statusCode).toBe(204);
    expect(emulator.requests()).toEqual([]);
  });
});

describe('friendbuy emulator faults', () => {
  it('starts without faults and changes them through PUT /faults', async () => {
    const { app, emulator } = await emulatorApp();

    const initial = await app.inject({ method: 'GET', url: '/sandbox/friendbuy/faults' });
    const updated = await app.inject({
      method: 'PUT',
      url: '/sandbox/friendbuy/faults',
      body: { rate500: 0.5 },
    });
    const invalid = await app.inject({
      method: 'PUT',
      url: '/sandbox/friendbuy/faults',
      body: { rate429: 2 },
    });

    const none = { rate429: 0, rate500: 0, latencyMs: 0, orderIdDeduplication: false };
    expect(initial.json()).toEqual(none);
    expect(updated.json()).toEqual({ ...none, rate500: 0.5 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain('rate429');
    expect(emulator.faults()).toEqual({ ...none, rate500: 0.5 });
  });

  it('answers 429 or 500 in Friendbuy error shape before handling, as the random draw decides', async () => {
    // Draws: authorization passes, then 429, then 500, then the call goes through.
    const { app, emulator } = await emulatorApp([0.9, 0.1, 0.5, 0.9]);
    emulator.setFaults({ rate429: 0.25, rate500: 0.5 });
    const authorization = await authorize(app);
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/sandbox/friendbuy/v1/event/custom',
        headers: { authorization },
        body: { email: 'ann@example.com', eventType: 'review' },
      });

    const tooMany = await send();
    const failed = await send();
    const passed = await send();

    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.json()).toMatchObject({
      error: 'Too Many Requests',
      code: 429,
      reference: expect.any(String),
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ error: 'Internal Server Error', code: 500 });
    expect(passed.statusCode).toBe(201);
    expect(emulator.requests().map((request) => request.status)).toEqual([200, 429, 500, 201]);
  });

  it('delays every /v1 call by the injected latency', async () => {
    const { app, emulator } = await emulatorApp();
    emulator.setFaults({ latencyMs: 60 });

    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/authorization',
      body: credentials,
    });

    expect(response.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
