// Backfill end to end on the sandbox: orders imported into commercetools without any message are found, reported
// once when asked, recorded for history otherwise, and a second run or an interrupted one changes nothing more.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { createBackfillRunner } from '../../src/flows/backfill/run-backfill.js';
import type { BackfillProgress } from '../../src/flows/backfill/start-backfill.js';
import { newJob } from '../../src/flows/job.js';
import { JOB } from '../../src/flows/job-kinds.js';
import { sandboxApiClient } from '../../src/sandbox/api-client.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { importSandboxOrders } from '../../src/sandbox/import-orders.js';
import { createBackfillRun } from '../../src/store/backfill-runs.js';
import { readStream } from '../../src/store/ledger.js';
import { enqueue, failJob, listJobs } from '../../src/store/outbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { friendbuyOrderId } from '../helpers/deliveries.js';
import { flowDepsOf, jobContext } from '../helpers/flow-deps.js';
import { runCli } from '../helpers/process.js';

const auth = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };

describe('backfill', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  const admin = async (path: string, body?: object) => {
    const response = await fetch(`${connector.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const runToEnd = async (body: object): Promise<BackfillProgress> => {
    const started = await admin('/admin/api/backfills', body);
    expect(started.status).toBe(202);
    return eventually(
      async () => {
        const { body: progress } = await admin(`/admin/api/backfills/${started.body.id}`);
        return progress.status === 'done' && (progress as unknown as BackfillProgress);
      },
      20_000,
      'the backfill to finish',
    );
  };
  const purchasesOf = (orders: readonly Order[]) => {
    const numbers = new Set(orders.map(friendbuyOrderId));
    return connector
      .friendbuyCalls('/v1/event/purchase')
      .filter((call) => numbers.has((call.body as { orderId: string }).orderId));
  };
  const settled = () => connector.workers.drain();

  it('finds orders commercetools never announced and, with report, sends each to Friendbuy exactly once', async () => {
    const delivered = await placeDemoOrder(connector.api, { email: 'already.known@example.com' });
    await eventually(() => purchasesOf([delivered]).length === 1, 15_000, 'the delivered order reported');
    const imported = await importSandboxOrders(connector.api, { count: 5 });

    const run = await runToEnd({ since: '1h', report: true, concurrency: 2 });
    expect(run).toMatchObject({ seen: expect.any(Number), percent: 100, error: null });
    await eventually(() => purchasesOf(imported).length === 5, 15_000, 'the imported orders reported');
    await settled();
    expect(purchasesOf(imported)).toHaveLength(5);
    // The order the subscription delivered was a duplicate of its own message: not reported twice.
    expect(purchasesOf([delivered])).toHaveLength(1);

    const again = await runToEnd({ since: '1h', report: true });
    expect(again.recorded).toBe(0);
    await settled();
    expect(purchasesOf([...imported, delivered])).toHaveLength(6);
  });

  it('records orders before the reporting window for history, without a purchase', async () => {
    const [old] = await importSandboxOrders(connector.api, {
      count: 1,
      email: () => 'returning@example.com',
    });
    const reportFrom = new Date(connector.clock.now().getTime() + 1).toISOString();
    const run = await runToEnd({ since: '1h', report: true, reportSince: reportFrom });
    expect(run.recorded).toBe(1);
    // The connector's own workers may hold the message's job while drain() finds nothing left to claim: wait
    // for the facts rather than for the queue.
    const events = await eventually(
      async () => {
        const stream = await readStream(connector.db, `order:${old!.id}`);
        return stream.length >= 2 && stream;
      },
      15_000,
      'the history facts',
    );
    await settled();
    expect(purchasesOf([old!])).toHaveLength(0);
    expect(events.map((event) => event.type)).toEqual(['order.created', 'report.skipped']);
    expect(events[0]?.data).toMatchObject({ backfill: 'history', emailHash: expect.any(String) });
    expect(events[1]?.data).toMatchObject({ report: 'purchase', reason: 'historicalOrder' });

    // The history counts: the same shopper's next order is not a new customer's.
    const next = await placeDemoOrder(connector.api, { email: 'returning@example.com' });
    const [purchase] = await eventually(() => purchasesOf([next]).length === 1 && purchasesOf([next]));
    expect(purchase?.body).toMatchObject({ isNewCustomer: false });
  });

  it('counts without recording on a dry run', async () => {
    const imported = await importSandboxOrders(connector.api, { count: 2 });
    const run = await runToEnd({ since: '1h', dryRun: true });
    expect(run.recorded).toBe(2);
    await settled();
    expect(await readStream(connector.db, `order:${imported[0]!.id}`)).toEqual([]);
    expect((await runToEnd({ since: '1h' })).recorded).toBe(2);
  });

  it('resumes an interrupted run from its cursor, recording every order once', async () => {
    const imported = await importSandboxOrders(connector.api, { count: 7 });
    const since = new Date(imported[0]!.createdAt).toISOString();
    // commercetools behind a link that breaks after two pages of orders.
    const link = await breakingLink(connector.sandbox.urls.commercetoolsApiUrl, 2);
    const urls = { ...connector.sandbox.urls, commercetoolsApiUrl: link.url };
    const flaky = await flowDepsOf(connector, { commercetools: sandboxApiClient(urls, 'backfill') });
    const deps = await flowDepsOf(connector);
    // A run recorded without its job, and run by hand: the workers never pick it up.
    const run = { id: randomUUID(), since: new Date(since), until: connector.clock.now(), storeKey: null };
    await createBackfillRun(connector.db, { ...run, dryRun: false, reportSince: null, slices: 1 }, run.until);
    const context = jobContext(connector, 'commercetools.backfill');
    await expect(createBackfillRunner(flaky, { pageSize: 2 })({ runId: run.id }, context)).rejects.toThrow();
    await link.close();
    const interrupted = await readBackfillProgress(run.id);
    expect(interrupted).toMatchObject({ status: 'running', recorded: 4 });

    await createBackfillRunner(deps, { pageSize: 2 })({ runId: run.id }, context);
    const finished = await readBackfillProgress(run.id);
    expect(finished).toMatchObject({ status: 'done', recorded: 7, seen: 7 });
  });

  it('runs from the command line with a progress bar, after the sandbox imported orders without a message', async () => {
    const env = { PORT: new URL(connector.url).port, DATABASE_URL: '' };
    const imported = await runCli(['sandbox', 'import-orders', '--count', '3'], env);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('3 orders imported') });
    const run = await runCli(['backfill', '--since', '1h', '--report'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/done: \d+ orders and customers read, 3 recorded as new/);
    expect(run.stderr).toMatch(/records \(100%\)/);
  });

  it('shows a run whose job was dead-lettered as failed, with the reason', async () => {
    const now = connector.clock.now();
    const run = { id: randomUUID(), since: new Date(now.getTime() - 3_600_000), until: now, storeKey: null };
    await createBackfillRun(connector.db, { ...run, dryRun: false, reportSince: null, slices: 1 }, now);
    // Queued for later so no worker takes it, then given up on as the outbox does after its retry window.
    const later = new Date(now.getTime() + 86_400_000);
    const job = { dedupKey: `backfill:${run.id}`, payload: { runId: run.id }, runAfter: later };
    await enqueue(connector.db, newJob(JOB.backfill, job), now);
    const [queued] = await listJobs(connector.db, { kind: JOB.backfill.name, status: 'pending' });
    await failJob(connector.db, queued!.id, 'commercetools answered 503', now, undefined);
    expect(await readBackfillProgress(run.id)).toMatchObject({
      status: 'failed',
      error: 'commercetools answered 503',
    });
  });

  it('refuses a window it cannot read, naming the field, and an unknown token', async () => {
    expect(await admin('/admin/api/backfills', { since: 'last tuesday' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('since') },
    });
    expect(await admin('/admin/api/backfills', { since: '1d', concurrency: 99 })).toMatchObject({
      status: 400,
    });
    expect(await admin('/admin/api/backfills/nope')).toMatchObject({ status: 404 });
    const anonymous = await fetch(`${connector.url}/admin/api/backfills`, { method: 'GET' });
    expect(anonymous.status).toBe(401);
  });

  async function readBackfillProgress(id: string) {
    return (await admin(`/admin/api/backfills/${id}`)).body;
  }
});

/** An HTTP link to `target` that answers 503 to every order query after `pages` of them. */
async function breakingLink(target: string, pages: number): Promise<{ url: string; close(): Promise<void> }> {
  const base = new URL(target);
  let orderPages = 0;
  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    const isOrderPage = request.method === 'GET' && /\/orders\?/.test(path) && path.includes('sort=');
    if (isOrderPage && ++orderPages > pages) {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"link down"}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(new URL(path, base), {
      method: request.method,
      headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' },
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
