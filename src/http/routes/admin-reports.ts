// Operator API (CONNECTOR_ADMIN_TOKEN bearer): how many reports to Friendbuy the connector decided not to send,
// by report and reason. Each one is also a `report.skipped` fact on its order's timeline.
import type { FastifyInstance } from 'fastify';
import type { FlowDeps } from '../../flows/deps.js';
import { countSkippedReports } from '../../flows/report-skips.js';
import { requireBearer } from '../auth.js';

export function registerAdminReportRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db'> & { adminToken: string },
): void {
  app.get('/admin/api/reports/skipped', { onRequest: requireBearer(deps.adminToken) }, async () => ({
    skipped: await countSkippedReports(deps.db),
  }));
}
