// GET /admin/api/advocates/:id/funnel (read): an advocate's share → click → sign-up →
// purchase funnel from the ledger. `id` is a commercetools customer id, an email address or an email hash.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { readAdvocateFunnel } from '../../flows/advocate-funnel.js';
import type { FlowDeps } from '../../flows/deps.js';
import { badRequest } from '../errors.js';
import type { Guard } from '../operator-guard.js';

const params = z.object({ id: z.string().trim().min(1).max(320) });

export function registerAdvocateFunnelRoute(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db'> & { guard: Guard; config: Pick<Config, 'hashKey' | 'emailRules'> },
): void {
  app.get('/admin/api/advocates/:id/funnel', { onRequest: deps.guard('read') }, async (request) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw badRequest('the advocate id must be a customer id, an email or an email hash');
    return readAdvocateFunnel(deps.db, parsed.data.id, deps.config);
  });
}
