import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, StoreLockedError } from './data-dir-lock.js';
import { openStore } from './open.js';

// The embedded default: a PostgreSQL server started as a child process on DATA_DIR.
describe('the embedded store', () => {
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctfb-embedded-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** Alive and not a zombie (an orphaned server, once stopped, waits for whoever adopted it to reap it). */
  const running = (pid: number) => {
    if (!isAlive(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return true;
    }
  };
  const postmasterPid = (dataDir: string) =>
    Number.parseInt(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8'), 10);

  it('keeps its data in DATA_DIR across restarts, durably, and stops its server on close', async () => {
    const dataDir = newDataDir();
    const first = await openStore({ dataDir });
    expect(first.kind).toBe('embedded');
    const settings = await first.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'listen_addresses')",
    );
    expect(Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]))).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      listen_addresses: '',
    });
    await first.query('CREATE TABLE kept (note text)');
    await first.query("INSERT INTO kept VALUES ('still here')");
    const server = postmasterPid(dataDir);
    await first.close();
    expect(running(server)).toBe(false);
    expect(existsSync(join(dataDir, 'ct-friendbuy.pid'))).toBe(false);

    const second = await openStore({ dataDir });
    try {
      expect((await second.query('SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second connector on the same DATA_DIR, naming the process that holds it', async () => {
    const dataDir = newDataDir();
    const db = await openStore({ dataDir });
    try {
      const holder = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/helpers/embedded-holder.ts', dataDir],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      holder.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise((resolve) => holder.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain(`is in use by process ${process.pid}`);
      // A second store of this same process on the folder is refused too, and the first keeps working.
      await expect(openStore({ dataDir })).rejects.toBeInstanceOf(StoreLockedError);
      expect((await db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses a DATA_DIR of the earlier embedded engine instead of hiding its data behind a new store', async () => {
    const dataDir = newDataDir();
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    await expect(openStore({ dataDir })).rejects.toThrow(/earlier embedded engine \(PGlite\)/);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });

  it('recovers from a SIGKILLed connector: the orphaned server is stopped, the data kept', async () => {
    const dataDir = newDataDir();
    const holder = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/embedded-holder.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const orphan = await new Promise<number>((resolve, reject) => {
      let out = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = out.match(/ready (\d+)/);
        if (ready) resolve(Number(ready[1]));
      });
      holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const killed = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await killed;
    // The server outlives the connector killed outright; the next start takes over.
    expect(running(orphan)).toBe(true);

    const db = await openStore({ dataDir });
    try {
      expect(running(orphan)).toBe(false);
      expect(postmasterPid(dataDir)).not.toBe(orphan);
      expect((await db.query('SELECT note FROM crash_probe')).rows).toEqual([
        { note: 'committed before the kill' },
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
