// Sandbox mode's emulated commercetools and Friendbuy, started before the connector is built: they answer on a
// port of their own on 127.0.0.1, so the connector's clients exist (and the setup runs) before the connector
// listens. Browsers, the CLI and the docs still find them on the connector's port, where `mount` adds them too.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createHttpApp } from '../http/app.js';
import type { Logger } from '../logger.js';
import {
  type CommercetoolsSandbox,
  createCommercetoolsSandbox,
  SANDBOX_COMMERCETOOLS_PREFIX,
} from './commercetools/create-sandbox.js';
import { demoStorePlugin } from './demo-store/plugin.js';
import { createFriendbuyEmulator, type FriendbuyEmulator } from './friendbuy-emulator/index.js';
import { welcomePlugin } from './welcome-page.js';

export const SANDBOX_FRIENDBUY_PREFIX = '/sandbox/friendbuy';

/** Where the emulated services answer: the connector's clients are configured with these. */
export interface EmulatorUrls {
  commercetoolsApiUrl: string;
  commercetoolsAuthUrl: string;
  projectKey: string;
  friendbuyApiUrl: string;
}

export interface SandboxEmulators {
  commercetools: CommercetoolsSandbox;
  friendbuy: FriendbuyEmulator;
  /** On the emulators' own port: what the connector's clients call. */
  internal: EmulatorUrls;
  /** The same services under the connector's URL, as browsers, the CLI and the docs reach them. */
  publicUrls(connectorUrl: string): EmulatorUrls;
  /** In the sandbox the funnel shows a click at once: the connector pulls Friendbuy's analytics right after. */
  whenReferralClicked(listener: () => void): void;
  /** Adds the emulators, the demo store and the welcome page to the connector's app, for browsers. */
  mount(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxEmulatorOptions {
  config: Config;
  clock: Clock;
  logger: Logger;
}

export async function startSandboxEmulators(options: SandboxEmulatorOptions): Promise<SandboxEmulators> {
  const { config, clock, logger } = options;
  let referralClicked: (() => void) | undefined;
  const friendbuy = createFriendbuyEmulator({
    key: config.friendbuy.mapiKey,
    secret: config.friendbuy.mapiSecret,
    secretKey: config.friendbuy.secretKey,
    merchantId: config.friendbuy.merchantId,
    now: () => clock.now(),
    logger,
    onReferralClick: () => referralClicked?.(),
  });
  const commercetools = createCommercetoolsSandbox({
    projectKey: config.commercetools.projectKey,
    logger,
    now: () => clock.now(),
  });
  const mountEmulators = async (app: FastifyInstance) => {
    await app.register(friendbuy.plugin, { prefix: SANDBOX_FRIENDBUY_PREFIX });
    await app.register(commercetools.plugin, { prefix: SANDBOX_COMMERCETOOLS_PREFIX });
  };
  // The same app shape as the connector's (body parsing, error handler), so the emulators behave alike on both.
  const server = createHttpApp(logger);
  await mountEmulators(server);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const urlsAt = (base: string): EmulatorUrls => ({
    commercetoolsApiUrl: `${base}${SANDBOX_COMMERCETOOLS_PREFIX}`,
    commercetoolsAuthUrl: `${base}${SANDBOX_COMMERCETOOLS_PREFIX}`,
    projectKey: config.commercetools.projectKey,
    friendbuyApiUrl: `${base}${SANDBOX_FRIENDBUY_PREFIX}`,
  });
  try {
    await commercetools.seed();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    commercetools,
    friendbuy,
    internal: urlsAt(`http://127.0.0.1:${(server.server.address() as AddressInfo).port}`),
    publicUrls: urlsAt,
    whenReferralClicked(listener) {
      referralClicked = listener;
    },
    async mount(app) {
      await mountEmulators(app);
      await app.register(demoStorePlugin({ projectKey: config.commercetools.projectKey }), {
        prefix: '/sandbox/store',
      });
      await app.register(welcomePlugin);
    },
    close: () => server.close(),
  };
}
