// GET /health: liveness and readiness in one answer; 503 when the store does not answer. It answers within
// HEALTH_BUDGET_MS whatever the database does, so a load balancer's probe never hangs on a black-holed store.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.js';
import { queueCounts } from '../../store/outbox.js';

export interface HealthDeps {
  db: Db;
  mode: 'sandbox' | 'live';
  version: string;
  sandbox?: () => Record<string, string>;
}

const HEALTH_BUDGET_MS = 800;

export function registerHealthRoute(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/health', async (request, reply) => {
    try {
      const queue = await withinBudget(queueCounts(deps.db), HEALTH_BUDGET_MS);
      return {
        status: 'ok',
        mode: deps.mode,
        version: deps.version,
        database: deps.db.kind,
        queue,
        ...(deps.sandbox ? { sandbox: deps.sandbox() } : {}),
      };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: store unavailable');
      return reply.status(503).send({
        status: 'unavailable',
        reason: 'store unavailable',
        mode: deps.mode,
        version: deps.version,
        database: deps.db.kind,
        queue: null,
      });
    }
  });
}

function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${budgetMs} ms`)), budgetMs);
  });
  // The query may still settle later; its outcome no longer matters.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
