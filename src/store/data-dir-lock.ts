// The embedded store belongs to one connector process: a second process on the same DATA_DIR would start a
// second server on the same files. A pid file says who holds the folder; a holder that is gone (killed,
// crashed) no longer counts, so a restart after a crash takes the folder over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded store is one process's: a second process opening the same folder would corrupt it. */
export class StoreLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded store in ${dataDir} is in use by process ${pid} (a running connector); stop it first, ` +
        'use its admin API, or set DATABASE_URL to share a PostgreSQL server between processes',
    );
    this.name = 'StoreLockedError';
  }
}

// Folders this process holds: a second store of the same process on one folder is refused as well.
const held = new Set<string>();

/** Takes the folder for this process; returns the release. Throws StoreLockedError while another holds it. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(resolve(dataDir), 'ct-friendbuy.pid');
  if (held.has(lockFile)) throw new StoreLockedError(dataDir, process.pid);
  try {
    const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (holder && holder !== process.pid && isAlive(holder)) throw new StoreLockedError(dataDir, holder);
  } catch (error) {
    if (error instanceof StoreLockedError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  held.add(lockFile);
  return () => {
    held.delete(lockFile);
    rmSync(lockFile, { force: true });
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
