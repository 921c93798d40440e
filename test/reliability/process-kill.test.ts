// The crash for real: a connector process on an embedded store is SIGKILLed after acknowledging a message and
// before acting on it; the process started in its place on the same data folder reports the purchase once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import type { Job } from '../../src/store/outbox.js';
import { eventually, liveEnvFor, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId } from '../helpers/deliveries.js';
import { isOwed } from '../helpers/outbox.js';
import { type ConnectorProcess, startConnectorProcess } from '../helpers/process.js';

describe('a connector process killed with SIGKILL', () => {
  // The sandbox connector plays commercetools and Friendbuy, which outlive the connector's processes.
  let world: TestConnector;
  let dataDir: string;
  const running: ConnectorProcess[] = [];
  beforeAll(async () => {
    world = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-kill-'));
  });
  afterAll(async () => {
    for (const started of running) started.child.kill('SIGKILL');
    await world?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string> = {}) => {
    const started = startConnectorProcess({
      ...liveEnvFor(world),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'info',
      ...env,
    });
    running.push(started);
    return started;
  };
  const adminJobs = async (base: string, status: Job['status']) => {
    const response = await fetch(`${base}/admin/api/outbox?status=${status}`, {
      headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
    });
    return ((await response.json()) as { jobs: Job[] }).jobs;
  };

  it('reports the purchase once from the process started after the kill', async () => {
    const bridge = world.sandbox.commercetools.bridge;
    const killed = start({ OUTBOX_WORKERS: 'false' });
    const killedUrl = await killed.url;
    bridge.deliverTo(`${killedUrl}/events/commercetools?token=${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`);
    const order = await placeDemoOrder(world.api, { email: `killed-${randomUUID()}@example.com` });
    await bridge.idle();
    const recorded = (await adminJobs(killedUrl, 'pending')).filter(
      (job) => job.kind === 'commercetools.message',
    );
    expect(recorded).toHaveLength(1);
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBeNull();

    const restarted = start();
    const restartedUrl = await restarted.url;
    const orderId = friendbuyOrderId(order);
    const purchases = () =>
      world
        .friendbuyCalls('/v1/event/purchase')
        .filter((call) => (call.body as { orderId: string }).orderId === orderId);
    await eventually(() => purchases().length > 0, 15_000, 'the purchase from the restarted process');
    await eventually(
      async () => !(await adminJobs(restartedUrl, 'pending')).some((job) => isOwed(job, new Date())),
      15_000,
      'an empty outbox',
    );
    expect(purchases()).toHaveLength(1);

    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 120_000);
});
