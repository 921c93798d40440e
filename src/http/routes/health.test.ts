import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/helpers/store.js';
import { type StoreHealth, storeHealth } from '../../flows/store-health.js';
import { createLogger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { createHttpApp } from '../app.js';
import { type Readiness, registerHealthRoutes } from './health.js';

describe('GET /health and /health/live', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  async function appWith(store: StoreHealth, started: Readiness | undefined) {
    const app = createHttpApp(createLogger('silent'));
    registerHealthRoutes(app, { store, mode: 'live', version: '1.2.3', started: () => started });
    await app.ready();
    return app;
  }
  const get = async (app: Awaited<ReturnType<typeof appWith>>, url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('names the connector at the root of a live connector (the endpoint of the Connect service application)', async () => {
    const app = await appWith(storeHealth(db), {});
    expect(await get(app, '/')).toEqual({
      status: 200,
      body: { service: 'ct-friendbuy', mode: 'live', version: '1.2.3', health: '/health' },
    });
    await app.close();
  });

  it('answers 503 "starting" until the connector started, while /health/live already answers 200', async () => {
    const app = await appWith(storeHealth(db), undefined);
    expect(await get(app, '/health')).toEqual({
      status: 503,
      body: { status: 'starting', mode: 'live', version: '1.2.3' },
    });
    expect(await get(app, '/health/live')).toEqual({
      status: 200,
      body: { status: 'live', mode: 'live', version: '1.2.3' },
    });
    await app.close();
  });

  it('answers ok with the queue and the delivery health not checked yet once started', async () => {
    const app = await appWith(storeHealth(db), {});
    expect(await get(app, '/health')).toEqual({
      status: 200,
      body: {
        status: 'ok',
        mode: 'live',
        version: '1.2.3',
        database: db.kind,
        queue: { pending: 0, failed: 0 },
        delivery: { status: 'not-checked' },
      },
    });
    await app.close();
  });

  it('keeps /health/live at 200 without asking the store when /health finds it unavailable', async () => {
    let asked = 0;
    const down: StoreHealth = {
      database: db.kind,
      delivery: async () => undefined,
      queue: async () => {
        asked++;
        throw new Error('connection refused');
      },
    };
    const app = await appWith(down, {});
    expect(await get(app, '/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    expect(asked).toBe(0);
    expect(await get(app, '/health')).toMatchObject({
      status: 503,
      body: { status: 'unavailable', queue: null },
    });
    expect(asked).toBe(1);
    await app.close();
  });
});
