// GET /sandbox/store: the demo shop that uses the real storefront kit (sandbox only). `/cart` is the same page:
// the shop switches views with history.pushState, as single-page storefronts do.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { browserBundle } from '../../http/browser-bundle.js';
import { SANDBOX_MARKETS } from '../commercetools/seed.js';
import { demoStorePage } from './page.js';

export const DEMO_STORE_ENTRY = 'storefront/sandbox/demo-store.ts';

/** Register with `{ prefix: '/sandbox/store' }`. */
export function demoStorePlugin(options: { projectKey: string }): FastifyPluginAsync {
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const store = (request.query as { store?: string }).store ?? 'us';
    const market = Object.values(SANDBOX_MARKETS).find((candidate) => candidate.storeKey === store);
    if (!market)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`No sandbox store "${store}"; try ${Object.keys(SANDBOX_MARKETS).join(' or ')}.`);
    return reply.type('text/html; charset=utf-8').send(demoStorePage(options.projectKey, market));
  };
  return async (app) => {
    app.get('/', page);
    app.get('/cart', page);
    app.get('/demo.js', async (_request, reply) =>
      reply
        .type('application/javascript; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await browserBundle(DEMO_STORE_ENTRY, 'iife')),
    );
  };
}
