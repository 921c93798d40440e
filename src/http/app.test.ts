import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
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
});
