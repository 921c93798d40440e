// The database misbehaving under a running connector process: its backends terminated (a restart or a failover
// to a new primary) and its port black-holed. The process stays up, answers 503 quickly while the store cannot
// answer, and is healthy again by itself once the database is back. On a PostgreSQL server only (DATABASE_URL):
// the embedded store's server listens on no TCP port for the proxy to cut, and lives and dies with the connector.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePubSubEnvelope } from '../../src/commercetools/envelope.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { openPostgres } from '../../src/store/postgres.js';
import { eventually } from '../helpers/connector.js';
import { type ConnectorProcess, startConnectorProcess } from '../helpers/process.js';
import { newSchemaName, onEmbeddedServer, testDatabaseUrl } from '../helpers/store.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const orderCreated = () => {
  const id = randomUUID();
  return {
    notificationType: 'Message',
    projectKey: SANDBOX_DEFAULTS.CTP_PROJECT_KEY,
    id: randomUUID(),
    version: 1,
    sequenceNumber: 1,
    resource: { typeId: 'order', id },
    resourceVersion: 1,
    type: 'OrderCreated',
    order: { id },
    createdAt: '2026-01-01T00:00:00.000Z',
    lastModifiedAt: '2026-01-01T00:00:00.000Z',
  };
};

describe.skipIf(onEmbeddedServer)('the database failing under a running connector (PostgreSQL only)', () => {
  let proxy: TcpProxy;
  let connector: ConnectorProcess;
  let url: string;
  const schema = newSchemaName();
  const admin = () => openPostgres({ connectionString: testDatabaseUrl, maxConnections: 1 });

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const db = await admin();
    await db.query(`CREATE SCHEMA "${schema}"`);
    await db.close();
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    connector = startConnectorProcess({
      CONNECTOR_MODE: 'sandbox',
      DATABASE_URL: viaProxy.toString(),
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      OUTBOX_WORKERS: 'false',
      LOG_LEVEL: 'info',
    });
    url = await connector.url;
  }, 60_000);
  afterAll(async () => {
    connector?.child.kill('SIGKILL');
    await proxy?.close();
    const db = await admin();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });

  const timed = async (path: string, init?: RequestInit) => {
    const started = Date.now();
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
    return { status: response.status, body: await response.json(), ms: Date.now() - started };
  };
  const deliver = () =>
    timed('/events/commercetools', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(encodePubSubEnvelope(orderCreated(), randomUUID())),
    });
  const healthy = () => eventually(async () => (await timed('/health')).status === 200, 20_000, 'healthy');

  it('survives its backends being terminated, then records deliveries again', async () => {
    // Fill the pool with idle connections, as traffic leaves it.
    await Promise.all(Array.from({ length: 6 }, deliver));
    const ports = proxy.upstreamPorts();
    expect(ports.length).toBeGreaterThan(0);
    const db = await admin();
    const terminated = await db.query<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE client_port = ANY($1::int[])',
      [ports],
    );
    await db.close();
    expect(terminated.rowCount).toBe(ports.length);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(connector.child.exitCode).toBeNull();
    const during = await Promise.all(Array.from({ length: 6 }, deliver));
    for (const answer of during) expect([200, 503]).toContain(answer.status);
    await healthy();
    expect((await deliver()).status).toBe(200);
    expect(connector.child.exitCode).toBeNull();
    expect(connector.output()).not.toMatch(/Unhandled 'error' event/);
  }, 60_000);

  it('answers 503 quickly while the database port is black-holed, then recovers by itself', async () => {
    await healthy();
    proxy.blackhole(true);
    try {
      const health = await timed('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', reason: 'store unavailable' });
      expect(health.ms).toBeLessThan(1_500); // a 1 s budget, with room for a loaded machine
      const deliveries = await Promise.all(Array.from({ length: 12 }, deliver));
      for (const answer of deliveries) {
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ code: 'StoreUnavailable' });
        // statement timeout 2 s + 1 s of grace, or connect timeout 1 s while the pool is busy
        expect(answer.ms).toBeLessThan(8_000);
      }
      expect(connector.child.exitCode).toBeNull();
    } finally {
      proxy.blackhole(false);
    }
    await healthy();
    expect((await deliver()).status).toBe(200);
    expect(connector.child.exitCode).toBeNull();
  }, 60_000);
});
