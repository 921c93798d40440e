// Test support: the sandbox served by a real listening Fastify (port 0) and an SDK client pointed at it, the
// way the connector uses it. Shared by the tests of src/commercetools and src/sandbox/commercetools.
import type { ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import { createCommercetoolsClient } from '../../commercetools/client.js';
import {
  type CommercetoolsSandbox,
  type CommercetoolsSandboxOptions,
  createCommercetoolsSandbox,
  SANDBOX_COMMERCETOOLS_PREFIX,
} from './create-sandbox.js';

export interface RunningSandbox {
  sandbox: CommercetoolsSandbox;
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  apiRoot: ByProjectKeyRequestBuilder;
  close(): Promise<void>;
}

export async function startSandbox(
  options: Partial<CommercetoolsSandboxOptions> & { seed?: boolean } = {},
): Promise<RunningSandbox> {
  const projectKey = options.projectKey ?? 'sandbox-test';
  const sandbox = createCommercetoolsSandbox({ ...options, projectKey });
  const app = Fastify();
  // Like the connector: the host app has its own JSON parser, which the sandbox plugin must not depend on.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(new Error(`host JSON parser reached with ${String(body).length} bytes`), undefined);
  });
  await app.register(sandbox.plugin, { prefix: SANDBOX_COMMERCETOOLS_PREFIX });
  if (options.seed) await sandbox.seed();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const apiRoot = createCommercetoolsClient({
    projectKey,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    authUrl: `${origin}${SANDBOX_COMMERCETOOLS_PREFIX}`,
    apiUrl: `${origin}${SANDBOX_COMMERCETOOLS_PREFIX}`,
    maxRetries: 0,
  });
  return {
    sandbox,
    app,
    origin,
    apiRoot,
    close: async () => {
      sandbox.bridge.stop();
      await app.close();
    },
  };
}
