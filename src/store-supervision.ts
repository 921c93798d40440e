// What the connector says and does when the embedded store's server stops on its own: each step of its restart
// in the log, and when the restarts keep failing, `onStoreLost` (`npm start` exits, so the process manager starts
// the connector afresh on the same data). While the server is down the routes answer 503 and /health says so.
import type { Logger } from './logger.js';
import type { EmbeddedServerEvent } from './store/embedded-supervisor.js';

/** Why the connector gives up on its embedded store, in one line for the operator. */
function storeLostReason(event: Extract<EmbeddedServerEvent, { kind: 'gave-up' }>): string {
  return (
    `the embedded PostgreSQL server stopped and did not restart after ${event.attempts} attempts ` +
    `(${event.error.message}); its log is postgres.log in DATA_DIR`
  );
}

export function reportEmbeddedServer(
  logger: Logger,
  onStoreLost?: ((reason: string) => void) | undefined,
): (event: EmbeddedServerEvent) => void {
  return (event) => {
    switch (event.kind) {
      case 'stopped':
        logger.error(
          { exitCode: event.exit.code, signal: event.exit.signal },
          'the embedded PostgreSQL server stopped on its own: the store is unavailable until it restarts',
        );
        return;
      case 'restarting':
        logger.warn(
          { attempt: event.attempt, attempts: event.attempts, inMs: event.delayMs },
          'restarting the embedded PostgreSQL server',
        );
        return;
      case 'restart-failed':
        logger.warn(
          { attempt: event.attempt, attempts: event.attempts, err: event.error },
          'the embedded PostgreSQL server did not restart',
        );
        return;
      case 'restarted':
        logger.info(
          { attempt: event.attempt, downMs: event.downMs },
          'the embedded PostgreSQL server restarted: the store is available again',
        );
        return;
      case 'gave-up': {
        const reason = storeLostReason(event);
        logger.fatal({ attempts: event.attempts, err: event.error }, reason);
        onStoreLost?.(reason);
        return;
      }
    }
  };
}
