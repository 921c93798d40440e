// The operator console: GET /console and every address below it answer one HTML shell, and the browser app
// (console/, React) is one script bundled by esbuild at the connector's start. The shell is never cached and
// carries a strict Content-Security-Policy (no inline script; styles only with this response's nonce, which
// the app hands to its CSS-in-JS); the script's URL names its content hash, so browsers keep it for a year.
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { browserBundle } from '../browser-bundle.js';

export const CONSOLE_ENTRY = 'console/index.tsx';
const SCRIPT_PATH = '/console/assets/app.js';

interface ConsoleScript {
  js: string;
  gzip: Buffer;
  /** The first 16 hex digits of the script's SHA-256: its version in the shell's URL and its ETag. */
  hash: string;
}

let script: Promise<ConsoleScript> | undefined;

/**
 * Builds the console's script once per process. Called at start without waiting, so the first page does not
 * wait for esbuild; a failed build is retried on the next request.
 */
export function consoleScript(): Promise<ConsoleScript> {
  if (!script) {
    script = browserBundle(CONSOLE_ENTRY, 'iife', 'console').then((js) => ({
      js,
      gzip: gzipSync(js),
      hash: createHash('sha256').update(js).digest('hex').slice(0, 16),
    }));
    script.catch(() => {
      script = undefined;
    });
  }
  return script;
}

export function registerConsoleRoutes(app: FastifyInstance): void {
  const shell = async (_request: FastifyRequest, reply: FastifyReply) => {
    const { hash } = await consoleScript();
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .send(shellHtml(`${SCRIPT_PATH}?v=${hash}`, nonce));
  };
  app.get('/console', shell);
  app.get('/console/*', shell);

  app.get(SCRIPT_PATH, async (request, reply) => {
    const built = await consoleScript();
    const etag = `"${built.hash}"`;
    const versioned = (request.query as { v?: string }).v === built.hash;
    void reply
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      // The shell names the hash, so a versioned URL never changes; an unversioned one is revalidated.
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.type('application/javascript; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(built.gzip);
    return reply.send(built.js);
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

function shellHtml(scriptUrl: string, nonce: string): string {
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
  <script src="${scriptUrl}" nonce="${nonce}" defer></script>
</head>
<body>
  <div id="console"></div>
  <noscript>The console needs JavaScript. Allow scripts from this address, then reload.</noscript>
</body>
</html>
`;
}
