// Entry point for `npm start`: read the environment, start the connector, and shut down gracefully on SIGTERM
// (stop accepting, finish in-flight requests and jobs, close the store).
import { type Config, ConfigError, loadConfigFromEnvironment } from './config.js';
import { startConnector } from './connector.js';
import { consoleScript } from './http/routes/console.js';
import { createLogger } from './logger.js';
import { describeStartError } from './start-errors.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // The console's script bundles while the connector starts, so its first page does not wait for esbuild.
  const consoleBuilt = consoleScript();
  consoleBuilt.catch(() => {});
  if (config.mode === 'sandbox') {
    logger.warn('no commercetools or Friendbuy credentials: starting in SANDBOX mode with emulated services');
  }
  let connector: Awaited<ReturnType<typeof startConnector>>;
  try {
    connector = await startConnector({
      config,
      logger,
      onStoreLost: (reason) => {
        process.stderr.write(`ct-friendbuy: ${reason}; exiting so that it is started again\n`);
        process.exit(1);
      },
    });
  } catch (error) {
    const problem = describeStartError(error, config);
    if (!problem) throw error;
    process.stderr.write(`ct-friendbuy cannot start: ${problem}\n`);
    process.exit(1);
  }
  if (connector.sandbox) {
    const { urls } = connector.sandbox;
    logger.info(
      { ...urls, open: `${connector.url}/`, eventsToken: '[see README]' },
      `sandbox ready: open ${connector.url}/ in a browser`,
    );
  }
  consoleBuilt.then(
    () =>
      logger.info(
        { console: `${connector.url}/console` },
        `operator console ready: open ${connector.url}/console${connector.sandbox ? ' (demo sign-in per role)' : ''}`,
      ),
    (error: unknown) =>
      logger.error({ err: error }, 'the operator console could not be built; /console will retry'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    connector
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `ct-friendbuy failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
