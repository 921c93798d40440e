// Operator API for Friendbuy analytics (run-operations; on the audit trail): pull shares, clicks, sign-ups and
// purchases into the advocate funnels now, rather than at the timer's next slot (`ct-friendbuy analytics pull`).
import type { FastifyInstance } from 'fastify';
import { auditOperatorAction } from '../../flows/console/audit.js';
import type { FlowDeps } from '../../flows/deps.js';
import { pullFriendbuyAnalytics } from '../../flows/pull-friendbuy-analytics.js';
import { type Guard, operatorOf } from '../operator-guard.js';

export function registerAdminAnalyticsRoutes(
  app: FastifyInstance,
  deps: { guard: Guard; flows: FlowDeps },
): void {
  const { flows } = deps;
  app.post('/admin/api/analytics/pull', { onRequest: deps.guard('run-operations') }, async (request) => {
    // `null` for a kind Friendbuy did not answer: the next pull resumes it from the same cursor.
    const recorded = await pullFriendbuyAnalytics(
      flows,
      flows.logger.child({ correlationId: request.id }),
      request.id,
    );
    await auditOperatorAction(flows, operatorOf(request), {
      action: 'analytics.pulled',
      details: { recorded },
      correlationId: request.id,
    });
    return { recorded };
  });
}
