import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { fbuyPublicKey, verifyFbuyToken } from '../../friendbuy/fbuy-token.js';
import { SIGNATURE_HEADER, verifySignature } from '../../friendbuy/signature.js';
import { createFriendbuyEmulator, type FriendbuyEmulator } from './index.js';

const SECRET_KEY = 'emulator-secret-key';
const credentials = { key: 'k', secret: 's' };
const MERCHANT_ID = '00000000-0000-4000-8000-000000000001';

interface Received {
  signed: boolean;
  body: { id: string; type: string; data: Record<string, unknown>[] };
}

describe('sandbox Friendbuy: reward webhooks', () => {
  let app: FastifyInstance;
  let emulator: FriendbuyEmulator;
  let received: Received[];

  /** An emulator, and a receiver standing in for the connector that fails its first `failures` calls. */
  async function start(failures = 0) {
    received = [];
    let calls = 0;
    emulator = createFriendbuyEmulator({ ...credentials, secretKey: SECRET_KEY, merchantId: MERCHANT_ID });
    app = Fastify();
    await app.register(async (receiver) => {
      receiver.removeAllContentTypeParsers();
      receiver.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      receiver.post('/webhooks/friendbuy', async (request, reply) => {
        const raw = request.body as string;
        const signed = verifySignature(raw, request.headers[SIGNATURE_HEADER], SECRET_KEY);
        received.push({ signed, body: JSON.parse(raw) });
        return reply.code(++calls <= failures ? 503 : 200).send();
      });
    });
    await app.register(emulator.plugin, { prefix: '/sandbox/friendbuy' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    emulator.webhooks.deliverTo(`${url}/webhooks/friendbuy`);
  }

  async function mapi(path: string, body: Record<string, unknown>) {
    const auth = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/v1/authorization',
      body: credentials,
    });
    return app.inject({
      method: 'POST',
      url: `/sandbox/friendbuy/v1${path}`,
      headers: { authorization: `Bearer ${auth.json().token}` },
      body,
    });
  }

  const purchase = (overrides: Record<string, unknown> = {}) => ({
    orderId: `o-${Math.random()}`,
    customerId: 'friend-1',
    email: 'friend@example.com',
    amount: 50,
    currency: 'USD',
    isNewCustomer: true,
    ...overrides,
  });

  afterEach(async () => {
    emulator.webhooks.stop();
    await app.close();
  });

  it('rewards the advocate and the friend of a qualifying purchase with signed webhooks', async () => {
    await start();
    const link = await mapi('/personal-referral-link', {
      email: 'ada@example.com',
      campaignId: 'c-1',
      customerId: 'advocate-1',
    });
    await mapi('/event/purchase', purchase({ referralCode: link.json().referralCode.toUpperCase() }));
    await emulator.webhooks.idle();

    expect(received.map((r) => [r.body.type, r.signed])).toEqual([
      ['advocateReward', true],
      ['friendIncentive', true],
    ]);
    const [reward, incentive] = received.map((r) => r.body.data[0]!);
    expect(reward).toMatchObject({
      rewardUnit: 'USD',
      rewardAmount: '10.00',
      emailAddress: 'ada@example.com',
      customerId: 'advocate-1',
      couponCode: expect.stringMatching(/^adv-[0-9a-f]{10}$/),
      friends: [{ friendEmailAddress: 'friend@example.com', friendCustomerId: 'friend-1' }],
    });
    expect(incentive).toMatchObject({
      rewardUnit: '%',
      emailAddress: 'friend@example.com',
      customerId: 'friend-1',
      advocateCustomerId: 'advocate-1',
    });

    // The friend's incentive coupon is attributed to the same advocate on the next friend's purchase.
    await mapi(
      '/event/purchase',
      purchase({ customerId: 'friend-2', email: 'b@example.com', couponCode: incentive?.couponCode }),
    );
    await emulator.webhooks.idle();
    expect(received).toHaveLength(4);
    expect(received[2]?.body.data[0]).toMatchObject({ customerId: 'advocate-1' });
  });

  it('attributes a purchase by the attribution id of a click on the advocate’s link, and rewards it once', async () => {
    await start();
    const link = await mapi('/personal-referral-link', { email: 'ada@example.com', campaignId: 'c-1' });
    const click = await app.inject({
      method: 'GET',
      url: `/sandbox/friendbuy/r/${link.json().referralCode}`,
    });
    const fbuy = new URL(click.headers.location!, 'http://shop').searchParams.get('fbuy')!;
    const verified = verifyFbuyToken(fbuy, fbuyPublicKey(emulator.fbuyPublicKeyPem), {
      now: new Date(),
      maxAgeSeconds: 60,
      merchantIds: [MERCHANT_ID],
    });
    expect(verified.ok).toBe(true);
    const order = purchase({ attributionId: verified.ok ? verified.claims.attributionId : undefined });
    await mapi('/event/purchase', order);
    await mapi('/event/purchase', order);
    await emulator.webhooks.idle();
    expect(received.map((r) => r.body.type)).toEqual(['advocateReward', 'friendIncentive']);
  });

  it('rewards nothing for a self-referral, an existing customer or an unknown code', async () => {
    await start();
    const link = await mapi('/personal-referral-link', { email: 'ada@example.com', campaignId: 'c-1' });
    const referralCode = link.json().referralCode;
    await mapi('/event/purchase', purchase({ referralCode, email: 'ADA@example.com' }));
    await mapi('/event/purchase', purchase({ referralCode, isNewCustomer: false }));
    await mapi('/event/purchase', purchase({ referralCode: 'nobody' }));
    await emulator.webhooks.idle();
    expect(received).toEqual([]);
  });

  it('retries a webhook until the connector answers 200, and sends batches on demand', async () => {
    await start(2);
    const triggered = await app.inject({
      method: 'POST',
      url: '/sandbox/friendbuy/webhooks/trigger',
      body: {
        type: 'advocateReward',
        data: [{ customerId: 'a-1' }, { rewardId: 'fixed', rewardAmount: '5.00' }],
      },
    });
    expect(triggered.statusCode).toBe(202);
    expect(triggered.json().data).toEqual([
      expect.objectContaining({
        customerId: 'a-1',
        rewardId: expect.any(String),
        couponCode: expect.any(String),
      }),
      expect.objectContaining({ rewardId: 'fixed', rewardAmount: '5.00' }),
    ]);
    await emulator.webhooks.idle();

    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body.id))).toEqual(new Set([triggered.json().id]));
    const listed = await app.inject({ method: 'GET', url: '/sandbox/friendbuy/webhooks' });
    expect(listed.json().webhooks).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3, lastOutcome: 'HTTP 200' }),
    ]);
  });
});
