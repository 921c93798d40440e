// A Connect job application over a sandbox connector's emulated Friendbuy: a POST runs the job once in a process
// of its own and answers when it is over; a POST during a run is refused; a failing run answers 500.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConnector, type TestConnector } from '../../test/helpers/connector.js';
import { createLogger } from '../logger.js';
import { createJobApplication } from './job-application.js';

const PROCESS_MS = 120_000;
const ENDPOINT = '/jobs/friendbuy-analytics-pull';

describe('a Connect job application', () => {
  let connector: TestConnector;
  let dataDir: string;
  const saved = { ...process.env };
  const servers: Server[] = [];

  async function serve(kind: string): Promise<string> {
    const server = createJobApplication({ kind, endpoint: ENDPOINT }, createLogger('silent'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}${ENDPOINT}`;
  }

  beforeAll(async () => {
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
    dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-job-app-'));
    // Each run's process inherits this environment: the sandbox connector's emulators, a store of its own.
    Object.assign(process.env, { PORT: new URL(connector.url).port, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    process.env.DATABASE_URL = '';
  }, PROCESS_MS);
  afterAll(async () => {
    for (const server of servers) server.close();
    process.env = saved;
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it(
    'runs the job once per call, refusing a call while a run is going',
    async () => {
      const url = await serve('friendbuy.analytics-pull');
      expect(await (await fetch(url)).json()).toEqual({ job: 'friendbuy.analytics-pull', running: false });
      expect((await fetch(url.replace(ENDPOINT, '/elsewhere'))).status).toBe(404);

      const run = fetch(url, { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const overlapping = await fetch(url, { method: 'POST' });
      expect(overlapping.status).toBe(409);

      const done = await run;
      expect(done.status).toBe(200);
      expect(await done.json()).toEqual({ job: 'friendbuy.analytics-pull', outcome: 'done', exitCode: 0 });
      expect(await (await fetch(url)).json()).toMatchObject({ running: false });
    },
    PROCESS_MS,
  );

  it(
    'answers 500 when the run fails, so the scheduler sees it',
    async () => {
      const url = await serve('friendbuy.purchase'); // not a recurring job: `jobs run` refuses it
      const failed = await fetch(url, { method: 'POST' });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ job: 'friendbuy.purchase', outcome: 'failed', exitCode: 1 });
    },
    PROCESS_MS,
  );
});
