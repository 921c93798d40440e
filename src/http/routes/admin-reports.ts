// Operator API (read): how many reports to Friendbuy the connector decided not to send,
// by report and reason. Each one is also a `report.skipped` fact on its order's timeline.
import type { FastifyInstance } from 'fastify';
import type { FlowDeps } from '../../flows/deps.js';
import { countSkippedReports } from '../../flows/report-skips.js';
import type { Guard } from '../operator-guard.js';

export function registerAdminReportRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db'> & { guard: Guard },
): void {
  app.get('/admin/api/reports/skipped', { onRequest: deps.guard('read') }, async () => ({
    skipped: await countSkippedReports(deps.db),
  }));
}
