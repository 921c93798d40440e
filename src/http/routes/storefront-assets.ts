// The browser kit as one file: `ct-friendbuy.js` for a script tag (reads its data-* attributes), and
// `ct-friendbuy.mjs` for `import { init } from …`. Both are built from storefront/ on first request.
import type { FastifyPluginAsync } from 'fastify';
import { browserBundle } from '../browser-bundle.js';

export const KIT_SCRIPT_ENTRY = 'storefront/ct-friendbuy.ts';
export const KIT_MODULE_ENTRY = 'storefront/kit.ts';

const JAVASCRIPT = 'application/javascript; charset=utf-8';
// Short: a new connector version should reach shops within minutes, without versioned URLs.
const CACHE = 'public, max-age=300';

export const storefrontAssets: FastifyPluginAsync = async (app) => {
  app.get('/ct-friendbuy.js', async (_request, reply) =>
    reply
      .type(JAVASCRIPT)
      .header('cache-control', CACHE)
      .send(await browserBundle(KIT_SCRIPT_ENTRY, 'iife')),
  );
  app.get('/ct-friendbuy.mjs', async (_request, reply) =>
    reply
      .type(JAVASCRIPT)
      .header('cache-control', CACHE)
      .send(await browserBundle(KIT_MODULE_ENTRY, 'esm')),
  );
};
