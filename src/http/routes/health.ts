// GET /health: readiness. 503 "starting" until the connector finished starting (every route answers by then),
// 503 "unavailable" when the store does not answer, else 200 "ok". It answers within HEALTH_BUDGET_MS whatever
// the database does, so a load balancer's probe never hangs on a black-holed store.
// It also shows the last delivery health check (the commercetools Subscription and cart extension).
// GET /health/live: liveness. 200 while the process serves HTTP at all; it never touches the store, so a
// database outage takes the connector out of rotation (readiness) without getting it restarted (liveness).
import type { FastifyInstance } from 'fastify';
import type { StoreHealth } from '../../flows/store-health.js';

/** What the connector knows once it started: in sandbox mode, where its emulators answer. */
export interface Readiness {
  sandbox?: Record<string, string>;
}

export interface HealthDeps {
  store: StoreHealth;
  mode: 'sandbox' | 'live';
  version: string;
  started: () => Readiness | undefined;
}

const HEALTH_BUDGET_MS = 800;

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const about = { mode: deps.mode, version: deps.version };
  app.get('/health/live', async () => ({ status: 'live', ...about }));
  // A live connector's root names it, so a platform probing the service's endpoint (commercetools Connect's
  // service application is deployed at `/`) gets an answer; the sandbox serves its welcome page there.
  if (deps.mode === 'live')
    app.get('/', async () => ({ service: 'ct-friendbuy', ...about, health: '/health' }));

  app.get('/health', async (request, reply) => {
    const started = deps.started();
    if (!started) return reply.status(503).send({ status: 'starting', ...about });
    try {
      const [queue, delivery] = await withinBudget(
        Promise.all([deps.store.queue(), deps.store.delivery()]),
        HEALTH_BUDGET_MS,
      );
      return {
        status: 'ok',
        ...about,
        database: deps.store.database,
        queue,
        // Shown, not judged: a subscription commercetools cannot deliver through is fixed in commercetools, and
        // taking this process out of rotation would only stop the cart extension and the webhooks too.
        delivery: delivery ?? { status: 'not-checked' },
        ...(started.sandbox ? { sandbox: started.sandbox } : {}),
      };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: store unavailable');
      return reply.status(503).send({
        status: 'unavailable',
        reason: 'store unavailable',
        ...about,
        database: deps.store.database,
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
