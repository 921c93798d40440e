// The emulated commercetools project for sandbox mode: commercetools-mock behind an HTTP proxy plugin, demo
// seed data, and a message bridge that pushes the messages commercetools would emit to the connector.
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../logger.js';
import { createMessageBridge, type MessageBridge } from './message-bridge.js';
import { createProxyPlugin } from './proxy.js';
import { seedCommercetools } from './seed.js';
import { addSubscriptionUpdateActions } from './subscription-actions.js';

export type { BridgeSettings, MessageBridge, SandboxMessage } from './message-bridge.js';
export { SANDBOX_MARKETS, SANDBOX_PRODUCTS, SANDBOX_SHIPPING_METHOD_KEY } from './seed.js';

export const SANDBOX_COMMERCETOOLS_PREFIX = '/sandbox/commercetools';

export interface CommercetoolsSandboxOptions {
  projectKey: string;
  logger?: Logger | undefined;
  /** The connector's clock, for message timestamps. */
  now?: (() => Date) | undefined;
  /** Drives duplicate and reorder decisions; tests may script it. */
  random?: (() => number) | undefined;
  bridgeRetry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number } | undefined;
}

export interface CommercetoolsSandbox {
  mock: CommercetoolsMock;
  /** Register under {@link SANDBOX_COMMERCETOOLS_PREFIX}; not wrapped in fastify-plugin (it must stay encapsulated). */
  plugin: FastifyPluginAsync;
  /** Creates the demo stores, tax, shipping and products if missing. */
  seed(): Promise<void>;
  bridge: MessageBridge;
}

/**
 * @example
 * const ct = createCommercetoolsSandbox({ projectKey: 'sandbox', logger });
 * await app.register(ct.plugin, { prefix: SANDBOX_COMMERCETOOLS_PREFIX });
 * await ct.seed();
 * await app.listen({ port });
 * ct.bridge.deliverTo(`http://127.0.0.1:${port}/events/commercetools?token=${eventsToken}`);
 * // SDK: apiUrl = authUrl = `http://127.0.0.1:${port}${SANDBOX_COMMERCETOOLS_PREFIX}`, any client id/secret
 */
export function createCommercetoolsSandbox(options: CommercetoolsSandboxOptions): CommercetoolsSandbox {
  // Authentication stays off: the proxy accepts any client id/secret and the token endpoint still answers.
  const mock = new CommercetoolsMock({ defaultProjectKey: options.projectKey, silent: true });
  addSubscriptionUpdateActions(mock);
  const bridge = createMessageBridge({
    projectKey: options.projectKey,
    logger: options.logger,
    now: options.now,
    random: options.random,
    retry: options.bridgeRetry,
  });
  return {
    mock,
    plugin: createProxyPlugin({ mock, projectKey: options.projectKey, bridge, logger: options.logger }),
    seed: () =>
      seedCommercetools(
        (request) =>
          mock.app.inject({
            method: request.method,
            url: request.url,
            ...(request.payload ? { payload: request.payload } : {}),
          }),
        options.projectKey,
      ),
    bridge,
  };
}
