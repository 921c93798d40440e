// Operator API for personal data (erase and export: run-operations, on the audit trail; an erasure's counts: read): erase a person (what CustomerDeleted does) and
// export everything held about them. The person is named in the body or query, never in a path that access
// logs keep.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditOperatorAction } from '../../flows/console/audit.js';
import type { FlowDeps } from '../../flows/deps.js';
import { erasePerson, loadErasure } from '../../flows/privacy/erase-person.js';
import { exportPerson } from '../../flows/privacy/export-person.js';
import { badRequest, notFound } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const person = z
  .strictObject({ email: z.email().max(320).optional(), customerId: z.string().min(1).max(256).optional() })
  .refine((p) => p.email !== undefined || p.customerId !== undefined, {
    message: 'email or customerId is required',
    path: ['email'],
  });

export function registerAdminPrivacyRoutes(app: FastifyInstance, deps: FlowDeps & { guard: Guard }): void {
  const auth = deps.guard('run-operations');
  app.post('/admin/api/privacy/erasures', { onRequest: auth }, async (request, reply) => {
    const parsed = person.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
    const receipt = await erasePerson(deps, {
      ...parsed.data,
      requestedBy: 'admin-api',
      correlationId: request.id,
      operator: operatorOf(request),
    });
    return reply.code(202).send(receipt);
  });
  app.get('/admin/api/privacy/erasures/:erasureId', { onRequest: deps.guard('read') }, async (request) => {
    const { erasureId } = request.params as { erasureId: string };
    const erasure = await loadErasure(deps, erasureId);
    if (!erasure) throw notFound(`no erasure ${erasureId}`);
    return erasure;
  });
  app.post('/admin/api/privacy/exports', { onRequest: auth }, async (request) => {
    const parsed = person.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
    const exported = await exportPerson(deps, parsed.data);
    // Personal data left the connector: who took it is on the trail (which identifiers, never their values).
    await auditOperatorAction(deps, operatorOf(request), {
      action: 'privacy.exported',
      details: { by: Object.keys(parsed.data) },
      correlationId: request.id,
    });
    return exported;
  });
}
