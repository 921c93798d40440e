// The Connect application folders as Connect builds and runs them, in a copy of the repository with nothing
// installed: `npm ci && npm run build` in the folder, then `npm start` on the port Connect gives (8080 there, a
// free one here), with no credentials (sandbox mode) and the folder's configuration defaults from connect.yaml.
// The event application acknowledges a Pub/Sub push of an OrderCreated and the subscription's test message.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { encodePubSubEnvelope } from '../../src/commercetools/envelope.js';
import { connectSpec } from './connect-spec.js';

const BUILD_MS = 240_000;
const spec = connectSpec.parse(parse(readFileSync('connect.yaml', 'utf8')));

/** The repository as a clean clone has it: tracked and new files, nothing ignored (no node_modules, no dist). */
function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'ct-friendbuy-connect-'));
  // Run by root, the embedded PostgreSQL runs as the user postgres, which must reach the copy (mkdtemp: 0700).
  chmodSync(copy, 0o755);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(join(copy, dirname(file)), { recursive: true });
    try {
      cpSync(file, join(copy, file));
    } catch {
      // deleted in the work tree but not yet in the index
    }
  }
  return copy;
}

function npm(args: string[], cwd: string): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, CI: 'true' },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The defaults an application's own configuration declares, as Connect would set them. */
function declaredDefaults(name: string): Record<string, string> {
  const app = spec.deployAs.find((candidate) => candidate.name === name);
  return Object.fromEntries(
    (app?.configuration?.standardConfiguration ?? []).flatMap((item) =>
      item.default === undefined ? [] : [[item.key, item.default]],
    ),
  );
}

// The applications run on their own embedded store whatever the suite's store, so the PostgreSQL run skips them.
describe.skipIf(Boolean(process.env.DATABASE_URL))(
  'the Connect applications, built and started from a clean copy',
  () => {
    let copy: string;
    const started: ChildProcess[] = [];

    let built = false;
    /**
     * `npm ci && npm run build`, then `npm start` until it answers. Every folder's build is the same one (it
     * installs and compiles the shared root), so once one folder built it, the others only link it.
     */
    async function startApplication(name: string, probe: string): Promise<string> {
      const folder = join(copy, name);
      npm(['ci'], folder);
      if (!built) npm(['run', 'build'], folder);
      built = true;
      const port = await freePort();
      const child = spawn('npm', ['start'], {
        cwd: folder,
        env: {
          ...process.env,
          ...declaredDefaults(name),
          PORT: String(port),
          HOST: '127.0.0.1',
          CONNECTOR_MODE: 'sandbox',
          DATABASE_URL: '',
          DATA_DIR: join(folder, '.data'),
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      started.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = `http://127.0.0.1:${port}`;
      for (let attempt = 0; attempt < 240; attempt++) {
        const answered = await fetch(`${url}${probe}`).then(
          (response) => response.status < 500,
          () => false,
        );
        if (answered) return url;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`${name} did not answer at ${probe}:\n${output}`);
    }

    beforeAll(() => {
      copy = copyOfRepository();
    });
    afterAll(() => {
      // npm start runs node as its child: stop the whole process group.
      for (const child of started)
        if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      rmSync(copy, { recursive: true, force: true, maxRetries: 5 });
    });

    it(
      'the event application acknowledges an OrderCreated push and the subscription test message',
      async () => {
        const url = await startApplication('event', '/health/live');
        const push = (payload: unknown, id: string) =>
          fetch(`${url}/events/commercetools`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(encodePubSubEnvelope(payload, id)),
          });
        const orderCreated = await push(
          {
            notificationType: 'Message',
            projectKey: 'ct-friendbuy-sandbox',
            id: 'message-connect-1',
            version: 1,
            sequenceNumber: 1,
            resource: { typeId: 'order', id: 'order-connect-1' },
            resourceVersion: 1,
            type: 'OrderCreated',
            order: { id: 'order-connect-1' },
            createdAt: '2026-01-01T00:00:00.000Z',
            lastModifiedAt: '2026-01-01T00:00:00.000Z',
          },
          'pubsub-1',
        );
        expect(orderCreated.status).toBe(200);
        const subscriptionTest = await push(
          {
            notificationType: 'ResourceCreated',
            projectKey: 'ct-friendbuy-sandbox',
            resource: { typeId: 'subscription', id: 'subscription-1' },
            version: 1,
            modifiedAt: '2026-01-01T00:00:00.000Z',
          },
          'pubsub-2',
        );
        expect(subscriptionTest.status).toBe(202);
      },
      BUILD_MS,
    );

    it(
      'the service application answers at its endpoint and the job application at its own',
      async () => {
        const buildOf = (name: string) =>
          JSON.parse(readFileSync(join(copy, name, 'package.json'), 'utf8')).scripts.build as string;
        for (const app of spec.deployAs) expect(buildOf(app.name), app.name).toBe(buildOf('event'));
        const service = await startApplication('service', '/');
        expect((await fetch(`${service}/`)).status).toBe(200);
        // Deliveries go to the event application: the service does not take them, so needs no events token.
        const delivery = await fetch(`${service}/events/commercetools`, { method: 'POST', body: '{}' });
        expect(delivery.status).toBe(404);
        const jobApp = spec.deployAs.find((app) => app.applicationType === 'job')!;
        const job = await startApplication(jobApp.name, jobApp.endpoint);
        const answer = await fetch(`${job}${jobApp.endpoint}`);
        expect(answer.status).toBe(200);
        expect(await answer.json()).toMatchObject({ running: false });
        // What the job application runs, from the compiled code as in production.
        const jobs = execFileSync(process.execPath, ['bin/ct-friendbuy.mjs', 'jobs', 'list'], {
          cwd: copy,
          encoding: 'utf8',
          env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '' },
        });
        expect(jobs).toContain('friendbuy.analytics-pull');
      },
      BUILD_MS,
    );
  },
);
