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

  const entryOf = (html: string) => /<script type="module" src="([^"]+)"/.exec(html)?.[1];
  const preloadsOf = (html: string) =>
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]!);

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
    expect(entryOf(deep.body)).toBe(entryOf(root.body));
    expect(entryOf(root.body)).toMatch(/^\/console\/assets\/app-[A-Z0-9]+\.js$/);

    const policy = String(root.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
    // The only inline element is the style carrying this response's nonce; no inline script at all.
    expect(root.body).toContain(`<style nonce="${nonce}">`);
    expect(root.body.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script type="module" src="[^"]+" nonce="[^"]+">$/),
    ]);
    // A new nonce per response.
    expect(deep.headers['content-security-policy']).not.toBe(policy);
  });

  it('serves the app as minified modules under content-hashed names, kept a year and revalidated by ETag', async () => {
    const shell = await app.inject({ method: 'GET', url: '/console' });
    const entryUrl = entryOf(shell.body)!;
    const entry = await app.inject({ method: 'GET', url: entryUrl });
    expect(entry.statusCode).toBe(200);
    expect(entry.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(entry.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(entry.headers.etag).toBe(`"${entryUrl.split('/').pop()}"`);
    expect(entry.body.length / entry.body.split('\n').length).toBeGreaterThan(1000); // minified
    expect(entry.body).not.toContain('process.env.NODE_ENV'); // React's production build

    // What the entry imports up front is preloaded by the shell; the rest (the dashboard's charts) waits.
    const preloads = preloadsOf(shell.body);
    expect(preloads.length).toBeGreaterThan(0);
    for (const url of preloads) {
      expect(entry.body).toContain(`./${url.split('/').pop()}`);
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    const later = [...entry.body.matchAll(/import\("\.\/(chunk-[A-Z0-9]+\.js)"\)/g)].map((m) => m[1]!);
    expect(later.length).toBeGreaterThan(0);
    const charts = await app.inject({ method: 'GET', url: `/console/assets/${later[0]}` });
    expect(charts.statusCode).toBe(200);
    expect(charts.body).toContain('recharts');

    const again = await app.inject({
      method: 'GET',
      url: entryUrl,
      headers: { 'if-none-match': entry.headers.etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const zipped = await app.inject({
      method: 'GET',
      url: entryUrl,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(entry.body);

    const gone = await app.inject({ method: 'GET', url: '/console/assets/app-OLDVERSION.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toContain('reload the console');
  });
});
