// Operator API for the outbox (list: read; retry: retry-effects, on the audit trail): list pending or dead-lettered effects and put
// dead ones back in the queue. The CLI uses it when the embedded store is held by the running connector.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FlowDeps } from '../../flows/deps.js';
import { listOutboxJobs, retryDeadLetters } from '../../flows/outbox-jobs.js';
import { badRequest } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

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
  deps: Pick<FlowDeps, 'db' | 'clock'> & { guard: Guard },
): void {
  app.get('/admin/api/outbox', { onRequest: deps.guard('read') }, async (request) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) throw badRequest(z.prettifyError(query.error));
    return { jobs: await listOutboxJobs(deps, query.data) };
  });
  app.post('/admin/api/outbox/retry', { onRequest: deps.guard('retry-effects') }, async (request) => {
    const body = retryBody.safeParse(request.body);
    if (!body.success) throw badRequest('body must be {"all": true} or {"ids": [1, 2, …]}');
    const ids = 'ids' in body.data ? body.data.ids : undefined;
    const by = { operator: operatorOf(request), correlationId: request.id };
    return { retried: await retryDeadLetters(deps, ids, by) };
  });
}
