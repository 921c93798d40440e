// Operator API for the outbox (CONNECTOR_ADMIN_TOKEN bearer): list pending or dead-lettered effects and put
// dead ones back in the queue. The CLI uses it when the embedded store is held by the running connector.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FlowDeps } from '../../flows/deps.js';
import { listOutboxJobs, retryDeadLetters } from '../../flows/outbox-jobs.js';
import { requireBearer } from '../auth.js';
import { badRequest } from '../errors.js';

const listQuery = z.object({
  status: z.enum(['pending', 'done', 'dead']).optional(),
  kind: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const retryBody = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }),
]);

export function registerAdminOutboxRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db' | 'clock'> & { adminToken: string },
): void {
  const auth = requireBearer(deps.adminToken);
  app.get('/admin/api/outbox', { onRequest: auth }, async (request) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) throw badRequest(z.prettifyError(query.error));
    return { jobs: await listOutboxJobs(deps, query.data) };
  });
  app.post('/admin/api/outbox/retry', { onRequest: auth }, async (request) => {
    const body = retryBody.safeParse(request.body);
    if (!body.success) throw badRequest('body must be {"all": true} or {"ids": [1, 2, …]}');
    return { retried: await retryDeadLetters(deps, 'ids' in body.data ? body.data.ids : undefined) };
  });
}
