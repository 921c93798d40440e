import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CART_EXTENSION_CONDITION,
  CART_EXTENSION_KEY,
  ensureCartExtension,
  removeCartExtension,
} from '../../commercetools/cart-extension-registration.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../commercetools/custom-fields.js';
import { ensureCustomTypes } from '../../commercetools/setup-types.js';
import { matchCartWrite } from './cart-extensions.js';
import { type RunningSandbox, startSandbox } from './test-support.js';

type Answer = { status: number; body: unknown; delayMs?: number };
type CommercetoolsError = { statusCode: number; message: string; errors: Array<Record<string, unknown>> };

describe('sandbox commercetools calls the registered cart API extension', () => {
  let sandbox: RunningSandbox;
  let extension: FastifyInstance;
  let extensionUrl: string;
  let answer: Answer = { status: 200, body: { actions: [] } };
  const calls: Array<{
    authorization?: string;
    body: { action: string; resource: { typeId: string; obj: { id: string } } };
  }> = [];

  const carts = () => sandbox.apiRoot.inStoreKeyWithStoreKeyValue({ storeKey: 'us' }).carts();
  const draft = (fields?: Record<string, unknown>) => ({
    currency: 'USD',
    locale: 'en-US',
    customerEmail: 'friend@example.com',
    ...(fields ? { custom: { type: { typeId: 'type' as const, key: ORDER_TYPE_KEY }, fields } } : {}),
  });
  const failure = async (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected commercetools to refuse');
      },
      (error: { statusCode: number; body: CommercetoolsError }) => error,
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: true });
    await ensureCustomTypes(sandbox.apiRoot, {});
    // The timeout test leaves a request the client gave up on; do not wait for its socket when closing.
    extension = Fastify({ forceCloseConnections: true });
    extension.post('/ext', async (request, reply) => {
      calls.push({ authorization: request.headers.authorization, body: request.body as never });
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      return reply.code(answer.status).send(answer.body);
    });
    await extension.listen({ port: 0, host: '127.0.0.1' });
    extensionUrl = `http://127.0.0.1:${(extension.server.address() as AddressInfo).port}/ext`;
    await ensureCartExtension(sandbox.apiRoot, { url: extensionUrl, authorization: 'Bearer s3cret' });
  });
  afterAll(async () => {
    await sandbox?.close();
    await extension?.close();
  });
  beforeEach(() => {
    calls.length = 0;
    answer = { status: 200, body: { actions: [] } };
  });

  it('recognises cart creates and updates, in stores and under /me', () => {
    expect(matchCartWrite('POST', '/pk/carts', 'pk')).toEqual({ kind: 'create', query: '' });
    expect(matchCartWrite('POST', '/pk/in-store/key=us/me/carts?expand=x', 'pk')).toEqual({
      kind: 'create',
      query: '?expand=x',
    });
    expect(matchCartWrite('POST', '/pk/carts/c1', 'pk')).toEqual({
      kind: 'update',
      resourcePath: '/pk/carts/c1',
      query: '',
    });
    expect(matchCartWrite('POST', '/pk/carts/replicate', 'pk')).toBeUndefined();
    expect(matchCartWrite('GET', '/pk/carts/c1', 'pk')).toBeUndefined();
    expect(matchCartWrite('POST', '/pk/orders', 'pk')).toBeUndefined();
  });

  it('skips carts its trigger condition excludes (no referral data, no discount code)', async () => {
    await carts().post({ body: draft() }).execute();
    expect(calls).toEqual([]);
  });

  it('sends the cart as persisted, with the Authorization header, and applies the actions returned', async () => {
    answer = {
      status: 200,
      body: { actions: [{ action: 'setCustomField', name: ORDER_FIELDS.referralCode, value: 'jane10' }] },
    };
    const cart = (
      await carts()
        .post({ body: draft({ [ORDER_FIELDS.referralCode]: 'JANE10' }) })
        .execute()
    ).body;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      authorization: 'Bearer s3cret',
      body: {
        action: 'Create',
        resource: { typeId: 'cart', obj: { id: cart.id, customerEmail: 'friend@example.com' } },
      },
    });
    expect(cart.custom?.fields[ORDER_FIELDS.referralCode]).toBe('jane10');
  });

  it("fails a refused create with the extension's errors passed through, and keeps no cart", async () => {
    const errors = [
      {
        code: 'InvalidInput',
        message: 'Not your own code',
        localizedMessage: { en: 'Not your own code', de: 'Nicht Ihr eigener Code' },
        extensionExtraInfo: { reason: 'self-referral' },
      },
    ];
    answer = { status: 400, body: { errors } };
    const error = await failure(
      carts()
        .post({ body: draft({ [ORDER_FIELDS.referralCode]: 'MINE' }) })
        .execute(),
    );
    expect(error.statusCode).toBe(400);
    expect(error.body).toMatchObject({
      statusCode: 400,
      message: 'Not your own code',
      errors: [
        {
          code: 'ExtensionBadResponse',
          message: 'Not your own code',
          localizedMessage: errors[0]!.localizedMessage,
          extensionExtraInfo: { reason: 'self-referral' },
          extensionErrors: [
            { code: 'InvalidInput', message: 'Not your own code', extensionKey: CART_EXTENSION_KEY },
          ],
          extensionStatusCode: 400,
          extensionKey: CART_EXTENSION_KEY,
        },
      ],
    });
    const createdId = calls[0]!.body.resource.obj.id;
    const left = await sandbox.apiRoot
      .carts()
      .get({ queryArgs: { where: `id = "${createdId}"` } })
      .execute();
    expect(left.body.count).toBe(0);
  });

  it('rolls a refused update back to the version before it', async () => {
    const cart = (
      await carts()
        .post({ body: draft({ [ORDER_FIELDS.referralCode]: 'ok' }) })
        .execute()
    ).body;
    answer = { status: 400, body: { errors: [{ code: 'InvalidInput', message: 'no' }] } };
    const error = await failure(
      sandbox.apiRoot
        .carts()
        .withId({ ID: cart.id })
        .post({
          body: {
            version: cart.version,
            actions: [{ action: 'setCustomField', name: ORDER_FIELDS.referralCode, value: 'MINE' }],
          },
        })
        .execute(),
    );
    expect(error.statusCode).toBe(400);
    expect(calls.at(-1)?.body.action).toBe('Update');
    const after = (await sandbox.apiRoot.carts().withId({ ID: cart.id }).get().execute()).body;
    expect(after.version).toBe(cart.version);
    expect(after.custom?.fields[ORDER_FIELDS.referralCode]).toBe('ok');
  });

  it('answers ExtensionBadResponse for an unexpected status and ExtensionNoResponse for a timeout', async () => {
    answer = { status: 500, body: { oops: true } };
    const bad = await failure(
      carts()
        .post({ body: draft({ [ORDER_FIELDS.attributionId]: 'a1' }) })
        .execute(),
    );
    expect(bad.body.errors[0]).toMatchObject({ code: 'ExtensionBadResponse', extensionStatusCode: 500 });

    const slow = (await sandbox.apiRoot.extensions().withKey({ key: CART_EXTENSION_KEY }).get().execute())
      .body;
    await sandbox.apiRoot
      .extensions()
      .withKey({ key: CART_EXTENSION_KEY })
      .post({ body: { version: slow.version, actions: [{ action: 'setTimeoutInMs', timeoutInMs: 100 }] } })
      .execute();
    answer = { status: 200, body: { actions: [] }, delayMs: 400 };
    const timedOut = await failure(
      carts()
        .post({ body: draft({ [ORDER_FIELDS.attributionId]: 'a2' }) })
        .execute(),
    );
    expect(timedOut.statusCode).toBe(504);
    expect(timedOut.body.errors[0]).toMatchObject({
      code: 'ExtensionNoResponse',
      message: 'Extension did not respond in time.',
    });
  });

  it('registers by key with get-then-update, and removes the extension again', async () => {
    const { created, extension: updated } = await ensureCartExtension(sandbox.apiRoot, {
      url: extensionUrl,
      authorization: 'Bearer s3cret',
    });
    expect(created).toBe(false);
    expect(updated.timeoutInMs).toBe(2000);
    expect(updated.triggers).toEqual([
      { resourceTypeId: 'cart', actions: ['Create', 'Update'], condition: CART_EXTENSION_CONDITION },
    ]);
    expect(await removeCartExtension(sandbox.apiRoot)).toBe(true);
    expect(await removeCartExtension(sandbox.apiRoot)).toBe(false);
    await carts()
      .post({ body: draft({ [ORDER_FIELDS.referralCode]: 'gone' }) })
      .execute();
    expect(calls).toEqual([]);
  });
});
