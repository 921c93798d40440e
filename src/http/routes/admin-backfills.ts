// Operator API for backfills (start: run-operations, on the audit trail; progress: read): start one over a window and follow its progress.
// `ct-friendbuy backfill` and the console use it; the run itself is a background job (flows/backfill).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { backfillProgress, recentBackfills, startBackfill } from '../../flows/backfill/start-backfill.js';
import type { FlowDeps } from '../../flows/deps.js';
import { badRequest, notFound } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const instant = z.string().min(1).max(64);
const startBody = z.strictObject({
  since: instant,
  until: instant.optional(),
  storeKey: z.string().min(1).max(256).optional(),
  dryRun: z.boolean().optional(),
  report: z.boolean().optional(),
  reportSince: instant.optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
});

export function registerAdminBackfillRoutes(
  app: FastifyInstance,
  deps: { flows: FlowDeps; guard: Guard },
): void {
  const auth = deps.guard('read');
  app.post('/admin/api/backfills', { onRequest: deps.guard('run-operations') }, async (request, reply) => {
    const body = startBody.safeParse(request.body ?? {});
    if (!body.success) throw badRequest(z.prettifyError(body.error));
    return reply.code(202).send(
      await startBackfill(deps.flows, body.data, {
        operator: operatorOf(request),
        correlationId: request.id,
      }),
    );
  });
  app.get('/admin/api/backfills', { onRequest: auth }, async () => ({
    backfills: await recentBackfills(deps.flows),
  }));
  app.get<{ Params: { id: string } }>('/admin/api/backfills/:id', { onRequest: auth }, async (request) => {
    const progress = await backfillProgress(deps.flows, request.params.id);
    if (!progress) throw notFound(`no backfill ${request.params.id}`);
    return progress;
  });
}
