// A connector that cannot start says why in one line on stderr, naming the setting to change, never with a
// stack trace: the port taken, the PostgreSQL server unreachable or its database missing, the store locked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectorProcess } from '../helpers/process.js';
import { testDatabaseUrl } from '../helpers/store.js';

// Starting a process (tsx, the embedded PostgreSQL, the sandbox seed) takes seconds, and more on a busy CI machine.
const PROCESS_MS = 120_000;

describe('a connector that cannot start', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-friendbuy-start-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
    return dir;
  };

  async function failedStart(env: Record<string, string>): Promise<string> {
    const started = startConnectorProcess(env);
    expect(await started.exited).toBe(1);
    const stderr = started.errors();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/^ct-friendbuy cannot start: /);
    return stderr;
  }

  it(
    'names PORT when the port is taken',
    async () => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => taken.close());
      const port = (taken.address() as { port: number }).port;
      const stderr = await failedStart({ PORT: String(port), DATA_DIR: dataDir(), DATABASE_URL: '' });
      expect(stderr).toContain(`port ${port} is already in use (PORT)`);
    },
    PROCESS_MS,
  );

  it(
    'names DATABASE_URL when no PostgreSQL server answers, without its password',
    async () => {
      const stderr = await failedStart({ DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/shop' });
      expect(stderr).toContain('cannot reach PostgreSQL at 127.0.0.1:1/shop (DATABASE_URL');
      expect(stderr).toContain('unset DATABASE_URL to use the embedded store');
      expect(stderr).not.toContain('s3cret-pw');
    },
    PROCESS_MS,
  );

  it.skipIf(!testDatabaseUrl)(
    'names DATABASE_URL and says to create the database when it is missing',
    async () => {
      const url = new URL(testDatabaseUrl ?? '');
      url.pathname = `/ctfb_missing_${Date.now()}`;
      const stderr = await failedStart({ DATABASE_URL: url.toString() });
      expect(stderr).toContain('(DATABASE_URL): the database does not exist: create it');
    },
    PROCESS_MS,
  );

  it(
    'says which process holds the embedded store, in one line',
    async () => {
      const dir = dataDir();
      // This test process is alive, so the store counts as held by it.
      writeFileSync(join(dir, 'ct-friendbuy.pid'), String(process.pid));
      const stderr = await failedStart({ DATA_DIR: dir, DATABASE_URL: '' });
      expect(stderr).toContain(`is in use by process ${process.pid}`);
    },
    PROCESS_MS,
  );
});
