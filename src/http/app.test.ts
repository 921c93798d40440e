import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { currentContext } from '../observability/call-context.js';
import { createHttpApp } from './app.js';

async function clientIp(trustProxy?: boolean) {
  const app = createHttpApp(createLogger('silent'), trustProxy === undefined ? {} : { trustProxy });
  app.get('/ip', async (request) => ({ ip: request.ip }));
  const response = await app.inject({
    method: 'GET',
    url: '/ip',
    remoteAddress: '10.1.2.3',
    headers: { 'x-forwarded-for': '203.0.113.7' },
  });
  await app.close();
  return response.json().ip as string;
}

describe('the HTTP app', () => {
  it("takes the shopper's IP from X-Forwarded-For only behind a trusted proxy", async () => {
    expect(await clientIp()).toBe('10.1.2.3');
    expect(await clientIp(true)).toBe('203.0.113.7');
  });

  it('answers an unknown route with 404 in the one error shape, echoing the correlation id', async () => {
    const app = createHttpApp(createLogger('silent'));
    const response = await app.inject({
      method: 'GET',
      url: '/nope?token=x',
      headers: { 'x-correlation-id': 'c-1' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-correlation-id']).toBe('c-1');
    expect(response.json()).toMatchObject({
      statusCode: 404,
      code: 'NotFound',
      message: 'no route GET /nope',
    });
    await app.close();
  });

  it("makes the request's correlation id the current one in its handler, after the body is read and awaits", async () => {
    const app = createHttpApp(createLogger('silent'));
    app.post('/echo', async () => {
      await delay(5);
      return { correlationId: currentContext()?.correlationId };
    });
    const given = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'x-correlation-id': 'c-given', 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 1 }),
    });
    expect(given.json()).toEqual({ correlationId: 'c-given' });
    const fresh = await app.inject({ method: 'POST', url: '/echo', payload: {} });
    expect(fresh.json()).toEqual({ correlationId: fresh.headers['x-correlation-id'] });
    expect(currentContext()).toBeUndefined();
    await app.close();
  });
});
