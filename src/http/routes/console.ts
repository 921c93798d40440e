// The operator console: GET /console and every address below it answer one HTML shell, and the browser app
// (console/, React) is a few ES modules bundled by esbuild at the connector's start. The shell is never cached
// and carries a strict Content-Security-Policy (scripts only from here, none inline; styles only with this
// response's nonce, which the app hands to its CSS-in-JS); each module's name holds its content hash, so
// browsers keep it for a year and a new version is a new name.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { browserApp } from '../browser-bundle.js';
import { notFound } from '../errors.js';

const CONSOLE_ENTRY = 'console/index.tsx';
const ASSETS = '/console/assets';

interface ConsoleAsset {
  js: string;
  gzip: Buffer;
}

export interface ConsoleScript {
  /** The entry module's name, which the shell loads; it imports the rest. */
  entry: string;
  /** What the entry imports up front: the shell asks for it at once rather than after the entry arrived. */
  preload: string[];
  assets: ReadonlyMap<string, ConsoleAsset>;
}

let script: Promise<ConsoleScript> | undefined;

/**
 * Builds the console's modules once per process. Called at start without waiting, so the first page does not
 * wait for esbuild; a failed build is retried on the next request.
 */
export function consoleScript(): Promise<ConsoleScript> {
  if (!script) {
    script = browserApp(CONSOLE_ENTRY).then(({ entry, preload, files }) => ({
      entry,
      preload,
      assets: new Map([...files].map(([name, js]) => [name, { js, gzip: gzipSync(js) }])),
    }));
    script.catch(() => {
      script = undefined;
    });
  }
  return script;
}

export function registerConsoleRoutes(app: FastifyInstance): void {
  const shell = async (_request: FastifyRequest, reply: FastifyReply) => {
    const { entry, preload } = await consoleScript();
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .send(shellHtml(entry, preload, nonce));
  };
  app.get('/console', shell);
  app.get('/console/*', shell);

  app.get(`${ASSETS}/:name`, async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = (await consoleScript()).assets.get(name);
    if (!asset) throw notFound(`no console asset ${name}; reload the console for its current version`);
    // The name is the content's hash: it is the ETag, and the content never changes under it.
    const etag = `"${name}"`;
    void reply
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.type('text/javascript; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.js);
  });
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function shellHtml(entry: string, preload: string[], nonce: string): string {
  const preloads = preload.map((name) => `\n  <link rel="modulepreload" href="${ASSETS}/${name}">`).join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="same-origin">
  <link rel="icon" href="data:,">
  <title>Referral program console</title>
  <style nonce="${nonce}">
    html, body { margin: 0; }
    body { font: 14px/1.45 Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a2e;
      background: #f4f5f8; -webkit-font-smoothing: antialiased; }
  </style>
  <script type="module" src="${ASSETS}/${entry}" nonce="${nonce}"></script>${preloads}
</head>
<body>
  <div id="console"></div>
  <noscript>The console needs JavaScript. Allow scripts from this address, then reload.</noscript>
</body>
</html>
`;
}
