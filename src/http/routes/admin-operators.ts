// The audit trail (who did what, to what, why) and the console's operators: who signed in, how many sessions
// each holds, and signing someone out everywhere (an admin's action, itself on the trail).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listOperators } from '../../flows/console/operators.js';
import type { LocalOperator } from '../../flows/console/operators-file.js';
import { revokeOperatorSessions, type SessionDeps } from '../../flows/console/sessions.js';
import { readAuditTrail } from '../../flows/operator-audit.js';
import { parseInput } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const auditQuery = z.object({
  operator: z.string().min(1).max(400).optional(),
  subject: z.string().min(1).max(400).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const operatorParams = z.object({ id: z.string().min(1).max(400) });

export function registerAdminOperatorRoutes(
  app: FastifyInstance,
  deps: { sessions: SessionDeps; guard: Guard; localOperators: readonly LocalOperator[] },
): void {
  const { guard } = deps;

  app.get('/admin/api/audit', { onRequest: guard('read') }, async (request) => {
    const query = parseInput(auditQuery, request.query);
    return readAuditTrail(deps.sessions.db, {
      operatorId: query.operator,
      subject: query.subject,
      before: query.before,
      limit: query.limit,
    });
  });

  app.get('/admin/api/operators', { onRequest: guard('manage-operators') }, async () => ({
    operators: await listOperators(deps.sessions, deps.localOperators),
  }));

  app.delete(
    '/admin/api/operators/:id/sessions',
    { onRequest: guard('manage-operators') },
    async (request) => {
      const { id } = parseInput(operatorParams, request.params);
      const ended = await revokeOperatorSessions(deps.sessions, operatorOf(request), id, request.id);
      return { operatorId: id, sessionsEnded: ended };
    },
  );
}
