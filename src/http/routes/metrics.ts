// GET /metrics: Prometheus exposition text, behind the admin token like the admin API (Prometheus sends it with
// `authorization: { credentials: … }` in its scrape config). The store gauges are read at each scrape.
import type { FastifyInstance } from 'fastify';
import { requireBearer } from '../auth.js';

export interface MetricsRouteDeps {
  adminToken: string;
  metrics: { contentType: string; render(): Promise<string> };
}

export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  app.get('/metrics', { onRequest: requireBearer(deps.adminToken) }, async (_request, reply) => {
    const text = await deps.metrics.render();
    return reply.type(deps.metrics.contentType).send(text);
  });
}
