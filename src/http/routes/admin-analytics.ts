// Operator API for Friendbuy analytics (CONNECTOR_ADMIN_TOKEN bearer): pull shares, clicks, sign-ups and
// purchases into the advocate funnels now, rather than at the timer's next slot (`ct-friendbuy analytics pull`).
import type { FastifyInstance } from 'fastify';
import type { FlowDeps } from '../../flows/deps.js';
import { pullFriendbuyAnalytics } from '../../flows/pull-friendbuy-analytics.js';
import { requireBearer } from '../auth.js';

export function registerAdminAnalyticsRoutes(
  app: FastifyInstance,
  deps: { adminToken: string; flows: FlowDeps },
): void {
  const { flows } = deps;
  app.post('/admin/api/analytics/pull', { onRequest: requireBearer(deps.adminToken) }, async (request) => ({
    // `null` for a kind Friendbuy did not answer: the next pull resumes it from the same cursor.
    recorded: await pullFriendbuyAnalytics(
      flows,
      flows.logger.child({ correlationId: request.id }),
      request.id,
    ),
  }));
}
