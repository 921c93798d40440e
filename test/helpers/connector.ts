// Starts a real sandbox connector on a free port with a store of its own, for end-to-end tests.

import type { CommercetoolsApi } from '../../src/commercetools/order-access.js';
import { loadConfig, SANDBOX_DEFAULTS } from '../../src/config.js';
import { type Connector, type ConnectorOptions, startConnector } from '../../src/connector.js';
import { createLogger } from '../../src/logger.js';
import { sandboxApiClient } from '../../src/sandbox/api-client.js';
import type { RecordedRequest } from '../../src/sandbox/friendbuy-emulator/index.js';
import type { StoreOptions } from '../../src/store/open.js';
import { dropSchema, testStoreOptions } from './store.js';

export interface TestConnector extends Connector {
  sandbox: NonNullable<Connector['sandbox']>;
  /** An SDK client on the sandbox's commercetools, as a storefront or the merchant would use it. */
  api: CommercetoolsApi;
  /** Successful calls the Friendbuy emulator received on a path, e.g. '/v1/event/purchase'. */
  friendbuyCalls(path: string): RecordedRequest[];
  /** Its store, so a second process of the same deployment can open it (see `startLiveConnector`). */
  store: StoreOptions;
}

const testEnv = () => ({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  OUTBOX_POLL_MS: '50',
});

export async function startTestConnector(
  env: Record<string, string> = {},
  options: Pick<ConnectorOptions, 'logger'> = {},
): Promise<TestConnector> {
  const store = await testStoreOptions();
  const config = loadConfig({ ...testEnv(), ...env });
  const logger = options.logger ?? createLogger(config.logLevel);
  const connector = await startConnector({ config, logger, store });
  const sandbox = connector.sandbox!;
  const api = sandboxApiClient(sandbox.urls, 'storefront');
  return {
    ...connector,
    sandbox,
    api,
    friendbuyCalls: (path) =>
      sandbox.friendbuy.requests().filter((call) => call.path.endsWith(path) && call.status < 300),
    store,
    async close() {
      await connector.close();
      await dropSchema(store.schema);
    },
  };
}

/**
 * The environment of a live-mode connector whose commercetools and Friendbuy are the ones the sandbox connector
 * `world` emulates: what another process of the same deployment (in-process or spawned) starts with.
 */
export function liveEnvFor(world: Pick<TestConnector, 'sandbox'>): Record<string, string> {
  const { urls } = world.sandbox;
  return {
    ...SANDBOX_DEFAULTS,
    CONNECTOR_MODE: 'live',
    CTP_PROJECT_KEY: urls.projectKey,
    CTP_API_URL: urls.commercetoolsApiUrl,
    CTP_AUTH_URL: urls.commercetoolsAuthUrl,
    FRIENDBUY_API_URL: urls.friendbuyApiUrl,
  };
}

/**
 * Starts another process of a deployment: a live-mode connector on `store` that talks to the commercetools and
 * Friendbuy emulated by the sandbox connector `world` (whose setup recorded the custom types in its store).
 * Close it before `world`, which drops its store's schema.
 */
export async function startLiveConnector(
  world: TestConnector,
  store: StoreOptions,
  env: Record<string, string> = {},
  options: Pick<ConnectorOptions, 'clock'> = {},
): Promise<Connector> {
  const config = loadConfig({ ...testEnv(), ...liveEnvFor(world), ...env });
  return startConnector({ config, logger: createLogger(config.logLevel), store, ...options });
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
