import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { startConnectorProcess } from '../helpers/process.js';

describe('the connector process', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('starts in sandbox mode, keeps secrets out of its logs, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-'));
    dirs.push(dataDir);
    const { child, output, url, exited } = startConnectorProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const base = await url;
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', mode: 'sandbox', database: 'embedded' });
    // `npm start` names the operator console's address once its script is built, and serves it.
    await expect
      .poll(() => output(), { timeout: 30_000 })
      .toContain(`operator console ready: open ${base}/console`);
    expect((await fetch(`${base}/console`)).status).toBe(200);

    const token = SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN;
    const rejected = await fetch(`${base}/events/commercetools?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"a delivery"}',
    });
    expect(rejected.status).toBe(400);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Its embedded PostgreSQL server stopped with it (a server removes its postmaster.pid when it shuts down).
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(output()).toContain('shutting down');
    expect(output()).not.toContain(token);
    expect(output()).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
    // Starting a process (tsx, the embedded PostgreSQL, the sandbox seed) takes seconds, and more on a busy CI machine.
  }, 120_000);

  it('refuses to start with a partial live configuration, naming every missing variable', async () => {
    const { output, exited } = startConnectorProcess({ CTP_CLIENT_ID: 'id', FRIENDBUY_MAPI_KEY: 'key' });
    expect(await exited).toBe(78);
    for (const name of [
      'CTP_PROJECT_KEY',
      'CTP_CLIENT_SECRET',
      'FRIENDBUY_MAPI_SECRET',
      'CONNECTOR_EVENTS_TOKEN',
    ]) {
      expect(output()).toContain(name);
    }
  });
});
