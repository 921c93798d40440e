// Keeps the embedded PostgreSQL server running under the connector. A server that ends without being asked to
// (killed, crashed, stopped by hand) is started again on the same data folder and the same socket, so the pool's
// next connections reach it; PostgreSQL replays its write-ahead log first, so every committed write is there.
// While it is down every query fails as "store unavailable": deliveries are answered 503 (their senders retry)
// and /health says unavailable, so nothing is acknowledged that was not recorded. Restarts are bounded: when
// they keep failing the supervisor gives up and says so, and the connector exits for its process manager to
// start it afresh. The data folder's lock stays with this process throughout.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Stopwatch, startStopwatch } from '../clock.js';

/** One run of the server (embedded.ts starts it). */
export interface EmbeddedServer {
  /** A pg connection string over the server's Unix socket. */
  url: string;
  /** The folder of that socket; a restarted server reuses it, so the URL (and the pool's) stays the same. */
  socketDir: string;
  /** Resolves when the server's process ends, whoever ended it. */
  exited: Promise<ServerExit>;
  /** Stops the server (fast shutdown: open sessions end, a checkpoint is written). */
  stop(): Promise<void>;
}

/** How the server's process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type EmbeddedServerEvent =
  /** The server ended without being asked to. */
  | { kind: 'stopped'; exit: ServerExit }
  | { kind: 'restarting'; attempt: number; attempts: number; delayMs: number }
  | { kind: 'restart-failed'; attempt: number; attempts: number; error: Error }
  | { kind: 'restarted'; attempt: number; downMs: number }
  /** Every attempt failed: the store stays unavailable until the process is started again. */
  | { kind: 'gave-up'; attempts: number; error: Error };

export interface SupervisionOptions {
  /** Told about every stop, attempt and outcome (the connector logs them, and exits when it gives up). */
  onEvent?: ((event: EmbeddedServerEvent) => void) | undefined;
  /** Attempts before giving up (default 5). */
  attempts?: number | undefined;
  /** The wait before the first attempt, doubled after each failed one up to 4 s (default 250 ms). */
  firstDelayMs?: number | undefined;
}

export interface SupervisedServer {
  /** The pg connection string; the same for every server the supervisor starts. */
  url: string;
  /** Stops supervising (an attempt under way is abandoned) and stops the server. */
  stop(): Promise<void>;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 4_000;
// A server that stops again within this time of a restart continues the same outage's count of attempts, so a
// server that starts and then keeps dying does not restart forever.
const STABLE_MS = 60_000;

/**
 * Starts a server with `start` and starts it again, on the socket folder of the first, whenever it ends on its
 * own. `start` is called with that folder from the second time on.
 */
export async function superviseServer(
  start: (socketDir?: string) => Promise<EmbeddedServer>,
  options: SupervisionOptions = {},
): Promise<SupervisedServer> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const firstDelayMs = options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS;
  const emit = (event: EmbeddedServerEvent) => options.onEvent?.(event);
  let current = await start();
  const { url, socketDir } = current;
  const stopping = new AbortController();
  let recovering: Promise<void> | undefined;
  // Of the latest restart: when it happened and how many attempts the outage had taken by then.
  let restarted: { at: Stopwatch; attempts: number } | undefined;

  const watch = (server: EmbeddedServer) => {
    void server.exited.then((exit) => {
      if (stopping.signal.aborted || server !== current) return;
      emit({ kind: 'stopped', exit });
      recovering = recover(server, exit);
    });
  };

  const recover = async (ended: EmbeddedServer, exit: ServerExit) => {
    // Its process is gone; this tidies what it leaves (the exit hook, a socket folder outside the cluster).
    await ended.stop();
    const down = startStopwatch();
    let attempt = restarted && restarted.at.elapsedMs() < STABLE_MS ? restarted.attempts : 0;
    let lastError = new Error(
      `the embedded PostgreSQL stopped (${exit.signal ?? `exit code ${exit.code}`}) and was not restarted`,
    );
    while (attempt < attempts) {
      attempt += 1;
      const delayMs = Math.min(firstDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS);
      emit({ kind: 'restarting', attempt, attempts, delayMs });
      try {
        await sleep(delayMs, undefined, { signal: stopping.signal });
      } catch {
        return; // the store is closing
      }
      try {
        const server = await start(socketDir);
        if (stopping.signal.aborted) {
          await server.stop();
          return;
        }
        current = server;
        restarted = { at: startStopwatch(), attempts: attempt };
        emit({ kind: 'restarted', attempt, downMs: Math.round(down.elapsedMs()) });
        watch(server);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        emit({ kind: 'restart-failed', attempt, attempts, error: lastError });
      }
    }
    emit({ kind: 'gave-up', attempts, error: lastError });
  };

  watch(current);
  return {
    url,
    async stop() {
      stopping.abort();
      await recovering;
      await current.stop();
    },
  };
}
