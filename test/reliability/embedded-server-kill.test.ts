// The embedded store's PostgreSQL server killed (SIGKILL) under a running connector process. The connector
// restarts it on the same data; while it is down deliveries are refused with 503 (the sender retries) and
// /health says unavailable; every delivery acknowledged before or after is in the store. When the server cannot
// be restarted the connector exits with a message, and the process started in its place finds everything.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePubSubEnvelope } from '../../src/commercetools/envelope.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { openStore } from '../../src/store/open.js';
import { eventually } from '../helpers/connector.js';
import { type ConnectorProcess, startConnectorProcess } from '../helpers/process.js';

describe('the embedded PostgreSQL server killed under a running connector', () => {
  let dataDir: string;
  let connector: ConnectorProcess;
  let url: string;
  const started: ConnectorProcess[] = [];
  const acknowledged: string[] = [];

  const start = async () => {
    connector = startConnectorProcess({
      CONNECTOR_MODE: 'sandbox',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      OUTBOX_WORKERS: 'false',
      LOG_LEVEL: 'info',
    });
    started.push(connector);
    url = await connector.url;
  };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ctfb-server-kill-'));
    await start();
  }, 60_000);
  afterAll(() => {
    for (const process of started) process.child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const conf = () => join(dataDir, 'postgres', 'postgresql.conf');
  const killServer = () =>
    process.kill(
      Number.parseInt(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8'), 10),
      'SIGKILL',
    );
  /** An OrderCreated delivery for a new order; its order id is remembered when the connector acknowledges it. */
  const deliver = async () => {
    const orderId = randomUUID();
    const message = {
      notificationType: 'Message',
      projectKey: SANDBOX_DEFAULTS.CTP_PROJECT_KEY,
      id: randomUUID(),
      version: 1,
      sequenceNumber: 1,
      resource: { typeId: 'order', id: orderId },
      resourceVersion: 1,
      type: 'OrderCreated',
      order: { id: orderId },
      createdAt: '2026-01-01T00:00:00.000Z',
      lastModifiedAt: '2026-01-01T00:00:00.000Z',
    };
    const response = await fetch(`${url}/events/commercetools`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(encodePubSubEnvelope(message, randomUUID())),
      signal: AbortSignal.timeout(20_000),
    });
    if (response.status === 200) acknowledged.push(orderId);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const health = async () => {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const deliverSome = async (count: number) => {
    for (let i = 0; i < count; i++) expect((await deliver()).status).toBe(200);
  };
  /** The acknowledged deliveries the store holds, read from the data folder once no connector holds it. */
  const recorded = async () => {
    const db = await openStore({ dataDir });
    try {
      const rows = await db.query<{ id: string }>(
        'SELECT resource_id AS id FROM inbox WHERE resource_id = ANY($1::text[])',
        [acknowledged],
      );
      return rows.rows.map((row) => row.id).sort();
    } finally {
      await db.close();
    }
  };

  it('restarts the server; deliveries meanwhile get 503, and afterwards are recorded again', async () => {
    await deliverSome(3);
    // The first restarts fail while the server's configuration is broken, so the outage lasts long enough to
    // be seen from outside; mending it lets the next attempt succeed.
    const original = readFileSync(conf());
    appendFileSync(conf(), '\nthis line is not a setting\n');
    killServer();
    await eventually(
      () => connector.output().includes('the embedded PostgreSQL server did not restart'),
      30_000,
      'a failed restart',
    );
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', reason: 'store unavailable' });
    const during = await Promise.all(Array.from({ length: 6 }, deliver));
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'StoreUnavailable' });
    }

    writeFileSync(conf(), original);
    await eventually(async () => (await health()).status === 200, 30_000, 'healthy again');
    // The pool can reach the server a moment before the supervisor's line reaches the process's output.
    await eventually(
      () => connector.output().includes('the embedded PostgreSQL server restarted'),
      10_000,
      'the restart logged',
    );
    await deliverSome(3);
    expect(connector.child.exitCode).toBeNull();
    expect(acknowledged).toHaveLength(6);
  }, 90_000);

  it('exits with a message when the server cannot be restarted; the next process has every acknowledged delivery', async () => {
    appendFileSync(conf(), '\nthis line is not a setting\n');
    const original = readFileSync(conf(), 'utf8').replace('\nthis line is not a setting\n', '');
    killServer();
    expect(await connector.exited).toBe(1);
    expect(connector.errors()).toMatch(
      /the embedded PostgreSQL server stopped and did not restart after 5 attempts .*; exiting so that it is started again/,
    );

    writeFileSync(conf(), original);
    await start();
    expect((await health()).status).toBe(200);
    await deliverSome(2);
    connector.child.kill('SIGTERM');
    expect(await connector.exited).toBe(0);
    expect(await recorded()).toEqual([...acknowledged].sort());
    expect(acknowledged).toHaveLength(8);
  }, 120_000);
});
