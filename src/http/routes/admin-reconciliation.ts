// Operator API for reconciliation (run: run-operations, on the audit trail; findings: read): run one over a window now, and list the
// findings kept from every run. `ct-friendbuy reconcile` and the console use it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditOperatorAction } from '../../flows/console/audit.js';
import type { FlowDeps } from '../../flows/deps.js';
import { reconciliationFindings } from '../../flows/reconciliation/findings.js';
import { reconcile } from '../../flows/reconciliation/reconcile.js';
import { badRequest } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const instant = z.string().min(1).max(64);
const runBody = z.strictObject({
  since: instant,
  until: instant.optional(),
  storeKey: z.string().min(1).max(256).optional(),
  repair: z.boolean().optional(),
});
const listQuery = z.object({
  cause: z.string().max(64).optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function registerAdminReconciliationRoutes(
  app: FastifyInstance,
  deps: { flows: FlowDeps; guard: Guard },
): void {
  const auth = deps.guard('read');
  app.post('/admin/api/reconciliations', { onRequest: deps.guard('run-operations') }, async (request) => {
    const body = runBody.safeParse(request.body ?? {});
    if (!body.success) throw badRequest(z.prettifyError(body.error));
    const logger = deps.flows.logger.child({ correlationId: request.id });
    // On the trail before it runs: a reconciliation repairs as it goes, so a failed one may have changed things.
    await auditOperatorAction(deps.flows, operatorOf(request), {
      action: 'reconciliation.started',
      details: { since: body.data.since, until: body.data.until ?? null, repair: body.data.repair ?? true },
      correlationId: request.id,
    });
    return reconcile({ ...deps.flows, logger }, body.data, request.id);
  });
  app.get('/admin/api/reconciliation/findings', { onRequest: auth }, async (request) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) throw badRequest(z.prettifyError(query.error));
    const { cause, open, limit } = query.data;
    return { findings: await reconciliationFindings(deps.flows, { cause, open: open === 'true', limit }) };
  });
}
