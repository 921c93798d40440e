// Slow and greedy clients: a socket that sends headers and a few bytes of its body and stalls is closed within
// the configured request timeout, and one IP cannot call the public storefront routes without limit.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';

const REQUEST_TIMEOUT_MS = 2_000;

describe('HTTP limits', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({
      OUTBOX_WORKERS: 'false',
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      CONNECTOR_STOREFRONT_RATE_LIMIT: '5',
      CONNECTOR_STOREFRONT_RATE_LIMIT_WINDOW_MS: '60000',
      CONNECTOR_TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => {
    await connector?.close();
  });

  /** Opens a socket, sends the headers of a 1,000-byte body and 8 bytes of it; resolves when the server closes. */
  const stallingUpload = (port: number) =>
    new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /events/commercetools HTTP/1.1\r\nHost: x\r\n' +
            `Authorization: Bearer ${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"messag',
        );
      });
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
    });

  it('closes sockets that stall in the middle of their body within the request timeout', async () => {
    const port = Number(new URL(connector.url).port);
    const closedAfter = await Promise.race([
      Promise.all(Array.from({ length: 50 }, () => stallingUpload(port))),
      new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 15_000)),
    ]);
    expect(closedAfter).not.toBe('still open');
    // The server checks its deadlines every second; the rest is margin for a loaded machine.
    for (const ms of closedAfter as number[]) expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 4_000);
  }, 30_000);

  it('limits each client IP on the public storefront routes, and only that IP', async () => {
    const coupon = (ip: string) =>
      fetch(`${connector.url}/storefront/coupon`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ cart: { id: 'no-such-cart', anonymousId: 'a' }, code: 'NOPE' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await coupon('203.0.113.7')).status);
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await coupon('203.0.113.7');
    expect(await limited.json()).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect((await coupon('198.51.100.9')).status).not.toBe(429);
    // The kit's script is not limited: every page view of the shop loads it.
    for (let i = 0; i < 8; i++) {
      const script = await fetch(`${connector.url}/storefront/ct-friendbuy.js`, {
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(script.status).toBe(200);
    }
  });
});
