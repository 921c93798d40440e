// The attribution and identity flows end to end in the sandbox: the cart API extension as commercetools calls
// it, sign-up reporting for a referred shopper, and an advocate's funnel from Friendbuy events and orders.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { JOB } from '../../src/flows/job-kinds.js';
import { SIGNATURE_HEADER, signBody } from '../../src/friendbuy/signature.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from '../../src/sandbox/commercetools/seed.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { DEMO_ADVOCATE } from '../../src/sandbox/referral-demo.js';
import { enqueue } from '../../src/store/outbox.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { settleOutbox } from '../helpers/outbox.js';

describe('sandbox: referrals at the cart, at sign-up and along the advocate funnel', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    // Workers off: the test runs the outbox itself (settleOutbox), so every step has happened when it asserts.
    connector = await startTestConnector({ OUTBOX_WORKERS: 'false' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const cartDraft = (market: keyof typeof SANDBOX_MARKETS, extra: Record<string, unknown>) => ({
    currency: SANDBOX_MARKETS[market].currency,
    country: SANDBOX_MARKETS[market].country,
    locale: SANDBOX_MARKETS[market].locale,
    lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
    ...extra,
  });
  const referral = (fields: Record<string, string>) => ({
    custom: { type: { typeId: 'type' as const, key: ORDER_TYPE_KEY }, fields },
  });
  const inStore = (market: keyof typeof SANDBOX_MARKETS) =>
    connector.api.inStoreKeyWithStoreKeyValue({ storeKey: SANDBOX_MARKETS[market].storeKey });

  it("stops the advocate's own referral code at the cart, in the shopper's language", async () => {
    const attempt = inStore('eu')
      .carts()
      .post({
        body: cartDraft('eu', {
          customerEmail: 'Demo.Advocate+treat@googlemail.com',
          ...referral({ [ORDER_FIELDS.referralCode]: DEMO_ADVOCATE.referralCode.toUpperCase() }),
        }),
      })
      .execute();
    const error = (await attempt.then(
      () => undefined,
      (e: unknown) => e,
    )) as { statusCode: number; body: { message: string; errors: Array<Record<string, unknown>> } };
    expect(error?.statusCode).toBe(400);
    expect(error.body.message).toContain('eigenen Empfehlungscode');
    expect(error.body.errors[0]).toMatchObject({
      code: 'ExtensionBadResponse',
      localizedMessage: {
        'de-DE': expect.any(String),
        en: expect.stringContaining('your own referral code'),
      },
      extensionExtraInfo: { reason: 'self-referral' },
      extensionErrors: [expect.objectContaining({ code: 'InvalidInput' })],
    });
  });

  it("lets a friend use the advocate's code, normalised by the extension's action", async () => {
    const cart = await inStore('us')
      .carts()
      .post({
        body: cartDraft('us', {
          customerEmail: 'a.friend@example.com',
          ...referral({ [ORDER_FIELDS.referralCode]: 'Demo-Advocate' }),
        }),
      })
      .execute();
    expect(cart.body.custom?.fields[ORDER_FIELDS.referralCode]).toBe('demo-advocate');
  });

  it('reports the sign-up of a referred shopper who registers, once', async () => {
    const anonymousId = `anon-${randomUUID()}`;
    const email = `new.friend.${randomUUID().slice(0, 8)}@gmail.com`;
    await inStore('us')
      .carts()
      .post({
        body: cartDraft('us', {
          anonymousId,
          customerEmail: email,
          ...referral({ [ORDER_FIELDS.referralCode]: DEMO_ADVOCATE.referralCode }),
        }),
      })
      .execute();
    // The extension's sighting is linked through the outbox before the shopper registers.
    await eventually(
      async () =>
        (await connector.db.query('SELECT 1 FROM outbox WHERE kind = $1', [JOB.observeCart.name])).rowCount >
        0,
      5_000,
      'the cart sighting',
    );
    await settleOutbox(connector);
    const registered = await connector.api
      .customers()
      .post({ body: { email: email.replace('new.friend', 'New.Friend'), password: 'secret', anonymousId } })
      .execute();
    const customerId = registered.body.customer.id;
    await connector.sandbox.commercetools.bridge.idle();
    await settleOutbox(connector);
    const signUp = connector
      .friendbuyCalls('/v1/event/account-sign-up')
      .find((call) => (call.body as { customerId: string }).customerId === customerId);
    expect(signUp?.body).toMatchObject({
      customerId,
      referralCode: DEMO_ADVOCATE.referralCode,
      isNewCustomer: true,
    });

    // An order by the new customer links them again; the sign-up is still reported once.
    await placeDemoOrder(connector.api, { email, customerId });
    await connector.sandbox.commercetools.bridge.idle();
    await settleOutbox(connector);
    const calls = connector
      .friendbuyCalls('/v1/event/account-sign-up')
      .filter((call) => (call.body as { customerId: string }).customerId === customerId);
    expect(calls).toHaveLength(1);
  });

  it("builds an advocate's funnel from an emailCapture, Friendbuy analytics and the friend's order", async () => {
    const advocate = { customerId: `cust-${randomUUID().slice(0, 8)}`, email: 'pat.advocate@example.com' };
    const attributionId = `attr-${randomUUID()}`;
    const webhook = JSON.stringify({
      id: randomUUID(),
      type: 'emailCapture',
      createdOn: new Date().toISOString(),
      data: [
        {
          eventId: randomUUID(),
          emailAddress: 'Pat.Friend@gmail.com',
          campaign: { id: 'sandbox-us-referral', name: 'Give 10%' },
          referral: { code: 'PAT-ADVOCATE', channel: 'email' },
          advocate: { ...advocate, name: 'Pat' },
          attributionId,
          incentive: { couponCode: 'friend-pat-1', amount: 10, currency: 'USD' },
        },
      ],
    });
    const delivered = await fetch(`${connector.url}/webhooks/friendbuy`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(webhook, connector.config.friendbuy.secretKey),
      },
      body: webhook,
    });
    expect(delivered.status).toBe(200);

    // Friendbuy's analytics: the advocate shared, a friend clicked.
    for (const kind of ['shares', 'clicks']) {
      const added = await fetch(`${connector.url}/sandbox/friendbuy/analytics/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            advocateCustomerId: advocate.customerId,
            advocateEmail: advocate.email,
            referralCode: 'pat-advocate',
            channel: 'email',
            campaignId: 'sandbox-us-referral',
          },
        ]),
      });
      expect(added.status).toBe(201);
    }

    // The friend orders (a gmail variant of the captured address) with the attribution on the cart.
    const order = await placeDemoOrder(connector.api, {
      email: 'patfriend+shop@gmail.com',
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.attributionId]: attributionId } },
    });
    await connector.sandbox.commercetools.bridge.idle();
    await settleOutbox(connector);
    await enqueue(
      connector.db,
      { kind: JOB.analyticsPull.name, dedupKey: `analytics-pull:test:${randomUUID()}`, payload: {} },
      connector.clock.now(),
    );
    await settleOutbox(connector);

    const response = await fetch(`${connector.url}/admin/api/advocates/${advocate.customerId}/funnel`, {
      headers: { authorization: `Bearer ${connector.config.inbound.adminToken}` },
    });
    expect(response.status).toBe(200);
    const funnel = (await response.json()) as {
      counts: Record<string, number>;
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };
    expect(funnel.counts).toEqual({ share: 1, click: 1, 'email-capture': 1, 'sign-up': 0, purchase: 1 });
    const purchase = funnel.events.find((event) => event.type === 'referral.purchase');
    expect(purchase?.data).toMatchObject({
      orderId: order.id,
      friendbuyOrderId: order.orderNumber ?? order.id,
      matchedBy: expect.arrayContaining(['attributionId', 'email']),
    });
    // The same funnel, asked for by the advocate's email.
    const byEmail = await fetch(
      `${connector.url}/admin/api/advocates/${encodeURIComponent(advocate.email)}/funnel`,
      {
        headers: { authorization: `Bearer ${connector.config.inbound.adminToken}` },
      },
    );
    expect(((await byEmail.json()) as { counts: unknown }).counts).toEqual(funnel.counts);

    const unauthorised = await fetch(`${connector.url}/admin/api/advocates/${advocate.customerId}/funnel`);
    expect(unauthorised.status).toBe(401);
  });
});
