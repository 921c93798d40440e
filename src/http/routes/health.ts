// GET /health: liveness and readiness in one answer; 503 when the store does not answer.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.js';
import { queueCounts } from '../../store/outbox.js';

export interface HealthDeps {
  db: Db;
  mode: 'sandbox' | 'live';
  version: string;
  sandbox?: () => Record<string, string>;
}

export function registerHealthRoute(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/health', async (request, reply) => {
    try {
      const queue = await queueCounts(deps.db);
      return {
        status: 'ok',
        mode: deps.mode,
        version: deps.version,
        database: deps.db.kind,
        queue,
        ...(deps.sandbox ? { sandbox: deps.sandbox() } : {}),
      };
    } catch (error) {
      request.log.error({ err: error }, 'health check: store unavailable');
      return reply.status(503).send({
        status: 'unavailable',
        mode: deps.mode,
        version: deps.version,
        database: deps.db.kind,
        queue: null,
      });
    }
  });
}
