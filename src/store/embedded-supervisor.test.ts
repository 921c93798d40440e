import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/connector.js';
import { isAlive } from './data-dir-lock.js';
import { isStoreUnavailable } from './db.js';
import { openEmbedded } from './embedded.js';
import type { EmbeddedServerEvent } from './embedded-supervisor.js';

// The embedded server killed under an open store, as a crash or the out-of-memory killer would.
describe('the embedded store when its server dies', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctfb-supervised-'));
    dirs.push(dir);
    return dir;
  };
  const postmasterPid = (dataDir: string) =>
    Number.parseInt(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8'), 10);
  const openWatched = async (dataDir: string, attempts?: number) => {
    const events: EmbeddedServerEvent[] = [];
    const db = await openEmbedded({
      dataDir,
      supervision: { onEvent: (event) => events.push(event), firstDelayMs: 50, attempts },
    });
    return { db, events, kinds: () => events.map((event) => event.kind) };
  };

  it('starts the server again on the same data, and the pool reconnects to it', async () => {
    const dataDir = newDataDir();
    const { db, events, kinds } = await openWatched(dataDir);
    let restarted = 0;
    try {
      await db.query('CREATE TABLE kept (note text)');
      await db.query("INSERT INTO kept VALUES ('committed before the kill')");
      const killed = postmasterPid(dataDir);
      process.kill(killed, 'SIGKILL');

      await eventually(() => kinds().includes('restarted'), 30_000, 'the server restarted');
      expect(events[0]).toEqual({ kind: 'stopped', exit: { code: null, signal: 'SIGKILL' } });
      expect(kinds().at(-1)).toBe('restarted');
      restarted = postmasterPid(dataDir);
      expect(restarted).not.toBe(killed);
      const rows = await eventually(async () => {
        try {
          return (await db.query('SELECT note FROM kept')).rows;
        } catch (error) {
          if (isStoreUnavailable(error)) return undefined; // a pooled connection to the killed server
          throw error;
        }
      });
      expect(rows).toEqual([{ note: 'committed before the kill' }]);
      // The folder stayed this process's all along.
      expect(readFileSync(join(dataDir, 'ct-friendbuy.pid'), 'utf8')).toBe(String(process.pid));
    } finally {
      await db.close();
    }
    expect(isAlive(restarted)).toBe(false); // closing the store stops the server it restarted
  }, 60_000);

  it('gives up after its attempts when the server will not start, saying why, and stays unavailable', async () => {
    const dataDir = newDataDir();
    const { db, events, kinds } = await openWatched(dataDir, 2);
    try {
      appendFileSync(join(dataDir, 'postgres', 'postgresql.conf'), '\nthis line is not a setting\n');
      process.kill(postmasterPid(dataDir), 'SIGKILL');

      await eventually(() => kinds().includes('gave-up'), 30_000, 'giving up');
      expect(kinds()).toEqual([
        'stopped',
        'restarting',
        'restart-failed',
        'restarting',
        'restart-failed',
        'gave-up',
      ]);
      expect(events.filter((event) => event.kind === 'restarting').map((event) => event.delayMs)).toEqual([
        50, 100,
      ]);
      const gaveUp = events.at(-1) as Extract<EmbeddedServerEvent, { kind: 'gave-up' }>;
      expect(gaveUp.error.message).toMatch(/syntax error|configuration file/);
      const failure = await db.query('SELECT 1').catch((error: unknown) => error);
      expect(isStoreUnavailable(failure)).toBe(true);
    } finally {
      await db.close();
    }
    expect(() => readFileSync(join(dataDir, 'ct-friendbuy.pid'))).toThrow();
  }, 60_000);
});
