import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleSum } from '../../../test/helpers/prometheus.js';
import { openTestStore } from '../../../test/helpers/store.js';
import { loadCampaigns } from '../../campaigns/load.js';
import { rewardPolicySchema } from '../../campaigns/policy-schema.js';
import { ORDER_FIELDS } from '../../commercetools/custom-fields.js';
import type { Campaign } from '../../domain/campaign.js';
import { hashEmail } from '../../domain/identity.js';
import { createCartLookups, type FindCodeOwner } from '../../flows/cart-lookups.js';
import { createCartValidator } from '../../flows/validate-cart.js';
import { createLogger } from '../../logger.js';
import { createConnectorMetrics, type MetricsRegistry } from '../../observability/metrics.js';
import { recordCustomerOrder } from '../../store/customer-orders.js';
import type { Db } from '../../store/db.js';
import { rememberReferralCode } from '../../store/referral-codes.js';
import { createHttpApp } from '../app.js';
import { CART_EXTENSION_PATH, registerCartExtensionRoute } from './cart-extension.js';

const KEY = 'test-hash-key';
const AUTHORIZATION = 'Bearer extension-secret';
const campaigns = loadCampaigns({ mode: 'sandbox', merchantId: '00000000-0000-4000-8000-000000000001' });

interface Options {
  failMode?: 'open' | 'closed';
  budgetMs?: number;
  findCodeOwner?: FindCodeOwner;
  campaigns?: readonly Campaign[];
  metrics?: MetricsRegistry;
}

function cart(overrides: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  return {
    id: 'cart-1',
    version: 1,
    locale: 'en-US',
    customerEmail: 'friend@example.com',
    custom: { type: { typeId: 'type', id: 'type-1' }, fields },
    ...overrides,
  };
}

const withCode = (code: string) => ({
  discountCodes: [
    { discountCode: { typeId: 'discount-code', id: `dc-${code}`, obj: { code } }, state: 'MatchesCart' },
  ],
});

describe('POST /extensions/commercetools (cart API extension contract)', () => {
  let db: Db;
  const apps: FastifyInstance[] = [];
  const logs: Array<Record<string, unknown>> = [];

  async function appWith(options: Options = {}): Promise<FastifyInstance> {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = createHttpApp(createLogger('info', sink));
    registerCartExtensionRoute(app, {
      authorization: AUTHORIZATION,
      failMode: options.failMode ?? 'open',
      metrics: options.metrics ?? createConnectorMetrics(),
      budgetMs: options.budgetMs ?? 1000,
      validate: createCartValidator({
        lookups: createCartLookups({
          db,
          findCodeOwner: options.findCodeOwner,
          discountCodeText: async (id) => (id === 'dc-unexpanded' ? 'JANE10' : undefined),
          now: () => Date.now(),
        }),
        campaigns: options.campaigns ?? campaigns,
        hashKey: KEY,
      }),
    });
    apps.push(app);
    return app;
  }

  const post = (app: FastifyInstance, body: unknown, authorization: string | null = AUTHORIZATION) =>
    app.inject({
      method: 'POST',
      url: CART_EXTENSION_PATH,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      payload: JSON.stringify(body),
    });
  const input = (obj: unknown, action = 'Create') => ({
    action,
    resource: { typeId: 'cart', id: 'cart-1', obj },
  });

  beforeAll(async () => {
    db = await openTestStore();
    await rememberReferralCode(
      db,
      {
        code: 'JANE10',
        campaignId: 'sandbox-us-referral',
        advocateCustomerId: 'cust-jane',
        advocateEmailHash: hashEmail('jane.doe@gmail.com', KEY),
        source: 'test',
      },
      new Date(),
    );
    await recordCustomerOrder(
      db,
      { orderId: 'order-old', customerId: 'cust-old', emailHash: hashEmail('old.customer@example.com', KEY) },
      new Date(),
    );
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.close();
  });

  it('answers 401 without the exact Authorization header commercetools was given', async () => {
    const app = await appWith();
    for (const header of [
      null,
      'Bearer wrong',
      'extension-secret',
      'bearer extension-secret',
      `${AUTHORIZATION}x`,
    ]) {
      const response = await post(app, input(cart()), header);
      expect(response.statusCode).toBe(401);
    }
  });

  it('passes a cart with nothing to check: 200 and no actions', async () => {
    const response = await post(await appWith(), input(cart()));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ actions: [] });
  });

  it('ignores resources that are not carts', async () => {
    const response = await post(await appWith(), {
      action: 'Create',
      resource: { typeId: 'order', id: 'o-1', obj: { id: 'o-1' } },
    });
    expect(response.json()).toEqual({ actions: [] });
  });

  it("stores a friend's referral code the way Friendbuy matches it (lowercase)", async () => {
    const response = await post(await appWith(), input(cart({}, { [ORDER_FIELDS.referralCode]: 'JANE10' })));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      actions: [{ action: 'setCustomField', name: ORDER_FIELDS.referralCode, value: 'jane10' }],
    });
  });

  it('refuses a self-referral by a gmail variant of the advocate email, in the cart language', async () => {
    const response = await post(
      await appWith(),
      input(
        cart(
          { locale: 'de-DE', customerEmail: 'Jane.Doe+deal@googlemail.com' },
          { [ORDER_FIELDS.referralCode]: 'jane10' },
        ),
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      errors: [
        {
          code: 'InvalidInput',
          message: expect.stringContaining('eigenen Empfehlungscode'),
          localizedMessage: {
            'de-DE': expect.any(String),
            en: expect.stringContaining('your own referral code'),
          },
          extensionExtraInfo: { reason: 'self-referral' },
        },
      ],
    });
  });

  it('refuses a referred cart with a throwaway address where the campaign rejects those, and only there', async () => {
    const policy = rewardPolicySchema.parse({
      fraud: { signals: { disposableEmail: { action: 'reject' } } },
    });
    const strict = campaigns.map((c) => (c.id === 'sandbox-us-referral' ? { ...c, policy } : c));
    const referred = (email: string, store = 'us', currencyCode = 'USD') =>
      input(
        cart(
          { customerEmail: email, store: { typeId: 'store', key: store }, totalPrice: { currencyCode } },
          { [ORDER_FIELDS.referralCode]: 'jane10' },
        ),
      );
    const refused = await post(await appWith({ campaigns: strict }), referred('sam@mailinator.com'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({
      extensionExtraInfo: { reason: 'disposable-email' },
      localizedMessage: { en: expect.stringContaining('permanent email address') },
    });
    // Another market's campaign does not reject on it; nor does a cart with no referral; nor a real address.
    expect(
      (await post(await appWith({ campaigns: strict }), referred('sam@mailinator.com', 'eu', 'EUR')))
        .statusCode,
    ).toBe(200);
    expect((await post(await appWith({ campaigns: strict }), referred('sam@example.com'))).statusCode).toBe(
      200,
    );
    const unreferred = input(
      cart({ customerEmail: 'sam@mailinator.com', store: { typeId: 'store', key: 'us' } }),
    );
    expect((await post(await appWith({ campaigns: strict }), unreferred)).statusCode).toBe(200);
  });

  it('refuses the advocate (by customer id) redeeming their own referral code as a discount code', async () => {
    const response = await post(
      await appWith(),
      input(
        cart({ customerId: 'cust-jane', customerEmail: 'someone.else@example.com', ...withCode('Jane10') }),
        'Update',
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensionExtraInfo).toEqual({ reason: 'self-referral' });
  });

  it('resolves discount codes that came without expansion by id', async () => {
    const response = await post(
      await appWith(),
      input(
        cart({
          customerEmail: 'janedoe@gmail.com',
          discountCodes: [
            { discountCode: { typeId: 'discount-code', id: 'dc-unexpanded' }, state: 'MatchesCart' },
          ],
        }),
      ),
    );
    expect(response.statusCode).toBe(400);
  });

  it('refuses an existing customer using a new-customer-only code, and lets a new one use it', async () => {
    const app = await appWith();
    const existing = await post(
      app,
      input(cart({ customerEmail: 'Old.Customer@example.com', ...withCode('JANE10') })),
    );
    expect(existing.statusCode).toBe(400);
    expect(existing.json().errors[0]).toMatchObject({
      code: 'InvalidInput',
      message: 'The code JANE10 is only for new customers.',
      extensionExtraInfo: { reason: 'existing-customer-code', codes: ['JANE10'] },
    });
    const byCustomerId = await post(
      app,
      input(cart({ customerId: 'cust-old', customerEmail: undefined, ...withCode('JANE10') })),
    );
    expect(byCustomerId.statusCode).toBe(400);
    const newcomer = await post(
      app,
      input(cart({ customerEmail: 'new.friend@example.com', ...withCode('JANE10') })),
    );
    expect(newcomer.statusCode).toBe(200);
  });

  it('uses the code registry it is given to decide what a code is', async () => {
    const app = await appWith({
      findCodeOwner: async (code) =>
        code.toLowerCase() === 'friend-abc'
          ? { campaignId: 'sandbox-us-referral', channel: 'friendIncentive' }
          : undefined,
    });
    const response = await post(
      app,
      input(cart({ customerEmail: 'old.customer@example.com', ...withCode('FRIEND-ABC') })),
    );
    expect(response.statusCode).toBe(400);
    const merchantCode = await post(
      app,
      input(cart({ customerEmail: 'old.customer@example.com', ...withCode('SUMMER') })),
    );
    expect(merchantCode.statusCode).toBe(200);
  });

  it('fails open on its own faults, logging them with the correlation id', async () => {
    const app = await appWith({ findCodeOwner: () => Promise.reject(new Error('registry down')) });
    const response = await post(app, input(cart(withCode('ANY'))));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ actions: [] });
    const correlationId = response.headers['x-correlation-id'];
    expect(logs.find((line) => line.correlationId === correlationId && line.level === 50)).toMatchObject({
      msg: expect.stringContaining('fail open'),
      err: expect.objectContaining({ message: 'registry down' }),
    });
  });

  it('counts its answers by outcome in a latency histogram, and the carts let through on its faults', async () => {
    const metrics = createConnectorMetrics();
    const failing = await appWith({ metrics, findCodeOwner: () => Promise.reject(new Error('down')) });
    expect((await post(failing, input(cart(withCode('ANY'))))).statusCode).toBe(200);
    expect((await post(await appWith({ metrics }), input(cart()))).statusCode).toBe(200);
    const exposition = parseExposition(await metrics.render());
    const count = (outcome: string) =>
      sampleSum(exposition, 'ctfb_cart_extension_duration_seconds_count', { outcome });
    expect([count('failed-open'), count('accepted'), count('refused')]).toEqual([1, 1, 0]);
    expect(sampleSum(exposition, 'ctfb_cart_extension_fail_open_total')).toBe(1);
  });

  it('fails closed when configured to, with a message the shopper can read', async () => {
    const app = await appWith({ failMode: 'closed', findCodeOwner: () => Promise.reject(new Error('down')) });
    const response = await post(app, input(cart({ locale: 'de-DE', ...withCode('ANY') })));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      code: 'InvalidOperation',
      extensionExtraInfo: { reason: 'referral-check-unavailable' },
      localizedMessage: { 'de-DE': expect.any(String), en: expect.any(String) },
    });
  });

  it('answers within its time budget when a lookup hangs (commercetools waits 2 s at most)', async () => {
    const app = await appWith({ budgetMs: 100, findCodeOwner: () => new Promise(() => undefined) });
    const started = Date.now();
    const response = await post(app, input(cart(withCode('SLOW'))));
    expect(response.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails open on a body it cannot read, rather than blocking the cart', async () => {
    const response = await post(await appWith(), {
      action: 'Create',
      resource: { typeId: 'cart', id: 'x', obj: { nope: 1 } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ actions: [] });
  });
});
