// Operator API for reconciliation (CONNECTOR_ADMIN_TOKEN bearer): run one over a window now, and list the
// findings kept from every run. `ct-friendbuy reconcile` and the console use it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FlowDeps } from '../../flows/deps.js';
import { reconciliationFindings } from '../../flows/reconciliation/findings.js';
import { reconcile } from '../../flows/reconciliation/reconcile.js';
import { requireBearer } from '../auth.js';
import { badRequest } from '../errors.js';

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
  deps: { flows: FlowDeps; adminToken: string },
): void {
  const auth = requireBearer(deps.adminToken);
  app.post('/admin/api/reconciliations', { onRequest: auth }, async (request) => {
    const body = runBody.safeParse(request.body ?? {});
    if (!body.success) throw badRequest(z.prettifyError(body.error));
    const logger = deps.flows.logger.child({ correlationId: request.id });
    return reconcile({ ...deps.flows, logger }, body.data, request.id);
  });
  app.get('/admin/api/reconciliation/findings', { onRequest: auth }, async (request) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) throw badRequest(z.prettifyError(query.error));
    const { cause, open, limit } = query.data;
    return { findings: await reconciliationFindings(deps.flows, { cause, open: open === 'true', limit }) };
  });
}
