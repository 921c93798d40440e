import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { createHttpApp } from '../app.js';
import { registerConsoleRoutes } from './console.js';

describe('GET /console', () => {
  const app = createHttpApp(createLogger('silent'));
  beforeAll(async () => {
    registerConsoleRoutes(app);
    await app.ready();
  }, 60_000);
  afterAll(() => app.close());

  const scriptUrlOf = (html: string) => /<script src="([^"]+)"/.exec(html)?.[1];

  it('answers every console address with the same shell, uncached, under a strict content policy', async () => {
    const [root, deep] = await Promise.all([
      app.inject({ method: 'GET', url: '/console' }),
      app.inject({ method: 'GET', url: '/console/reviews/12?signal=sameDevice' }),
    ]);
    for (const response of [root, deep]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
    expect(scriptUrlOf(deep.body)).toBe(scriptUrlOf(root.body));
    expect(scriptUrlOf(root.body)).toMatch(/^\/console\/assets\/app\.js\?v=[0-9a-f]{16}$/);

    const policy = String(root.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    // The only inline element is the style carrying this response's nonce; no inline script at all.
    expect(root.body).toContain(`<style nonce="${nonce}">`);
    expect(root.body.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script src="[^"]+" nonce="[^"]+" defer>$/),
    ]);
    // A new nonce per response.
    expect(deep.headers['content-security-policy']).not.toBe(policy);
  });

  it('serves the app as one minified script, kept a year under its versioned URL and revalidated by ETag', async () => {
    const shell = await app.inject({ method: 'GET', url: '/console' });
    const url = scriptUrlOf(shell.body)!;
    const hash = url.split('v=')[1]!;

    const script = await app.inject({ method: 'GET', url });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers.etag).toBe(`"${hash}"`);
    expect(script.body.length).toBeGreaterThan(100_000);
    expect(script.body.length / script.body.split('\n').length).toBeGreaterThan(1000); // minified
    expect(script.body).not.toContain('process.env.NODE_ENV'); // React's production build

    const unversioned = await app.inject({ method: 'GET', url: '/console/assets/app.js' });
    expect(unversioned.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({
      method: 'GET',
      url: '/console/assets/app.js',
      headers: { 'if-none-match': `"${hash}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const zipped = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(script.body);
  });
});
