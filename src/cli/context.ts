// What every CLI command starts from: the validated configuration, a logger on stderr, the store, and (for
// commands that talk to commercetools) the API client. In sandbox mode those commands go to a running sandbox
// connector, whose URL `--url` gives (default http://127.0.0.1:$PORT).
import pino from 'pino';
import { createCommercetoolsClient } from '../commercetools/client.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { openStore } from '../store/open.js';

export interface CliContext {
  config: Config;
  logger: Logger;
  openDb(): Promise<Db>;
  commercetools(connectorUrl?: string): CommercetoolsApi;
}

export function createCliContext(config: Config): CliContext {
  return {
    config,
    logger: createLogger(config.logLevel, pino.destination(2)),
    openDb: () => openStore({ url: config.database.url, dataDir: config.database.dataDir }),
    commercetools(connectorUrl) {
      const sandboxUrl = `${connectorUrl ?? `http://127.0.0.1:${config.port}`}/sandbox/commercetools`;
      const inSandbox = config.mode === 'sandbox';
      return createCommercetoolsClient({
        ...config.commercetools,
        apiUrl: inSandbox ? sandboxUrl : config.commercetools.apiUrl,
        authUrl: inSandbox ? sandboxUrl : config.commercetools.authUrl,
      });
    },
  };
}
