import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';

// The connector as `npm start` runs it: a real process, its logs on stdout, SIGTERM to stop.
function startProcess(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const started = output.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*connector started/);
      if (started?.[1]) resolve(started[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  // A process that is expected to fail never starts; its `url` is then simply not awaited.
  url.catch(() => undefined);
  return { child, output: () => output, url };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('the connector process', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('starts in sandbox mode, keeps secrets out of its logs, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-'));
    dirs.push(dataDir);
    const { child, output, url } = startProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const base = await url;
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', mode: 'sandbox', database: 'pglite' });

    const token = SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN;
    const rejected = await fetch(`${base}/events/commercetools?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"a delivery"}',
    });
    expect(rejected.status).toBe(400);

    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('shutting down');
    expect(output()).not.toContain(token);
    expect(output()).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
  });

  it('refuses to start with a partial live configuration, naming every missing variable', async () => {
    const { child, output } = startProcess({ CTP_CLIENT_ID: 'id', FRIENDBUY_MAPI_KEY: 'key' });
    expect(await exitOf(child)).toBe(78);
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
