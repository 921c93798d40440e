import type { Customer, Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CAMPAIGNS } from '../../src/campaigns/load.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { hashIdentifier } from '../../src/domain/identity.js';
import { signBody } from '../../src/friendbuy/signature.js';
import { SANDBOX_MARKETS, SANDBOX_PRODUCTS } from '../../src/sandbox/commercetools/seed.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { DEMO_ADVOCATE } from '../../src/sandbox/referral-demo.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { findOrderEligibility } from '../../src/store/order-eligibility.js';
import { findReferral } from '../../src/store/referrals.js';
import { findReviewOfOrder } from '../../src/store/reviews.js';
import { startConnectorWithCampaigns } from '../helpers/campaigns.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { addressLinked, advocateReferralCode, signUp as signUpAs } from '../helpers/customers.js';
import { updateOrder } from '../helpers/deliveries.js';
import { createPspPaymentType } from '../helpers/payments.js';
import { runSharedDeviceDemo } from '../helpers/shared-device.js';

const [us, eu] = SANDBOX_CAMPAIGNS.campaigns;
const campaigns = {
  campaigns: [
    // No return window: a referral is decided as soon as the fraud check (and any review) has spoken.
    { ...us, policy: { returnWindow: { days: 0, from: 'order' }, rewardHold: { mode: 'connectorHolds' } } },
    {
      ...eu,
      policy: {
        returnWindow: { days: 30, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 30 },
      },
    },
  ],
};
const randomSuffix = () => Math.random().toString(36).slice(2, 10);
const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };

describe('sandbox: the fraud check on referred orders', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startConnectorWithCampaigns(campaigns, { CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const signUp = (email: string) => signUpAs(connector, email);

  /** An advocate who signed up and got their referral code from the connector. */
  async function advocateWithCode(name: string): Promise<{ advocate: Customer; code: string }> {
    const advocate = await signUp(`${name}.advocate@example.com`);
    return { advocate, code: await advocateReferralCode(connector, advocate.id) };
  }

  const referredOrder = (
    code: string,
    friend: { email: string; customerId?: string; device?: string },
    market: 'us' | 'eu' = 'us',
  ) =>
    placeDemoOrder(connector.api, {
      market,
      email: friend.email,
      customerId: friend.customerId,
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: {
          [ORDER_FIELDS.referralCode]: code,
          // What the storefront kit writes on the cart when it posts the landing with a device id.
          ...(friend.device
            ? { [ORDER_FIELDS.deviceHash]: hashIdentifier('device', friend.device, connector.config.hashKey) }
            : {}),
        },
      },
    });

  const assessed = (orderId: string) =>
    eventually(
      async () => {
        const events = await readStream(connector.db, `order:${orderId}`);
        return events.find((e) => e.type === 'fraud.assessed' && e.data.stage === 'order');
      },
      20_000,
      'the fraud assessment',
    );
  const eligibility = (orderId: string, status: string) =>
    eventually(
      async () => {
        const row = await findOrderEligibility(connector.db, orderId);
        return row?.status === status ? row : undefined;
      },
      20_000,
      `eligibility ${status}`,
    );
  const orderField = (orderId: string, field: string, value: unknown) =>
    eventually(
      async () => (await getOrder(connector.api, orderId))?.custom?.fields?.[field] === value,
      20_000,
      `${field} = ${String(value)}`,
    );

  it('approves a genuine referral, reports the purchase and projects the verdict onto the order', async () => {
    const { code } = await advocateWithCode('genuine');
    const friend = await signUp('genuine.friend@example.com');
    const order = await referredOrder(code, { email: friend.email, customerId: friend.id });
    const assessment = await assessed(order.id);
    expect(assessment.data).toMatchObject({ verdict: 'approve', score: 0, fired: [] });
    await eligibility(order.id, 'eligible');
    await orderField(order.id, ORDER_FIELDS.fraudVerdict, 'approve');
    await orderField(order.id, ORDER_FIELDS.purchaseReportStatus, 'reported');
    expect(await findReferral(connector.db, order.id)).toMatchObject({
      verdict: 'approve',
      code: code.toLowerCase(),
      friendAccount: friend.id,
    });
  });

  it('holds the third friend account on one device for review; an operator approves and the purchase is released', async () => {
    const { advocate, code } = await advocateWithCode('farmer');
    const device = `device-${advocate.id}`;
    const orders: Order[] = [];
    for (const n of [1, 2, 3]) {
      const friend = await signUp(`farmer.friend${n}@example.com`);
      const order = await referredOrder(code, { email: friend.email, customerId: friend.id, device });
      await assessed(order.id);
      orders.push(order);
    }
    const [first, second, third] = orders as [Order, Order, Order];
    for (const order of [first, second]) await eligibility(order.id, 'eligible');

    const held = await assessed(third.id);
    expect(held.data).toMatchObject({ verdict: 'hold' });
    const fired = held.data.fired as {
      signal: string;
      evidence: { groups?: { by: string; accounts: string[] }[] };
    }[];
    const repeated = fired.find((f) => f.signal === 'repeatedAccounts');
    expect(repeated?.evidence.groups?.[0]).toMatchObject({ by: 'device' });
    expect(repeated?.evidence.groups?.[0]?.accounts).toHaveLength(3);
    const pending = await eligibility(third.id, 'pending');
    expect(pending.reasons).toEqual([]);
    await orderField(third.id, ORDER_FIELDS.fraudVerdict, 'hold');
    await orderField(third.id, ORDER_FIELDS.purchaseReportStatus, 'held');
    const review = await findReviewOfOrder(connector.db, third.id);
    expect(review).toMatchObject({ status: 'open', campaignId: us!.id });

    const listed = await fetch(`${connector.url}/admin/api/reviews?status=open`, { headers: ADMIN });
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as { reviews: { id: number; orderId: string }[] };
    expect(list.reviews.map((r) => r.orderId)).toContain(third.id);

    const approve = () =>
      fetch(`${connector.url}/admin/api/reviews/${review!.id}/approve`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ operator: 'ops@shop.example', reason: 'three flatmates, checked by phone' }),
      });
    expect((await approve()).status).toBe(200);
    expect((await approve()).status).toBe(200); // idempotent

    await eligibility(third.id, 'eligible');
    await orderField(third.id, ORDER_FIELDS.fraudVerdict, 'approved-in-review');
    await orderField(third.id, ORDER_FIELDS.purchaseReportStatus, 'reported');
    const decided = (await readStream(connector.db, `order:${third.id}`)).filter(
      (e) => e.type === 'review.decided',
    );
    expect(decided).toHaveLength(1);
    expect(decided[0]?.data).toMatchObject({ decision: 'approve', by: 'ops@shop.example' });
    expect((await verifyLedger(connector.db)).breaks).toEqual([]);
  });

  it('answers the validation callback 503 while a referral waits for review, 400 once rejected', async () => {
    const { advocate, code } = await advocateWithCode('crowd');
    const device = `device-${advocate.id}`;
    let third: Order | undefined;
    for (const n of [1, 2, 3]) {
      const friend = await signUp(`crowd.friend${n}@example.com`);
      third = await referredOrder(code, { email: friend.email, customerId: friend.id, device }, 'eu');
      await assessed(third.id);
    }
    const validate = async () => {
      const raw = JSON.stringify({
        eventType: 'purchase',
        campaignId: eu!.id,
        purchase: { id: third!.orderNumber ?? third!.id },
        advocate: { customerId: advocate.id },
      });
      const response = await fetch(`${connector.url}/callbacks/friendbuy/reward-validation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-friendbuy-hmac-sha256': signBody(raw, connector.config.friendbuy.secretKey),
        },
        body: raw,
      });
      return { status: response.status, body: (await response.json()) as { reasons: { code: string }[] } };
    };
    expect((await validate()).status).toBe(503);
    const review = (await findReviewOfOrder(connector.db, third!.id))!;
    const reject = await fetch(`${connector.url}/admin/api/reviews/${review.id}/reject`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ operator: 'ops@shop.example', reason: 'one person, three accounts' }),
    });
    expect(reject.status).toBe(200);
    await eligibility(third!.id, 'ineligible');
    const answer = await validate();
    expect(answer.status).toBe(400);
    expect(answer.body.reasons.map((r) => r.code)).toContain('review-rejected');
  });

  it('checks a referred sign-up and records the signals on the customer’s stream', async () => {
    const { code } = await advocateWithCode('signer');
    const anonymousId = `anon-${randomSuffix()}`;
    const email = `signer.friend.${randomSuffix()}@mailinator.com`;
    const market = SANDBOX_MARKETS.us;
    await connector.api
      .inStoreKeyWithStoreKeyValue({ storeKey: market.storeKey })
      .carts()
      .post({
        body: {
          currency: market.currency,
          country: market.country,
          anonymousId,
          customerEmail: email,
          lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
          custom: {
            type: { typeId: 'type', key: ORDER_TYPE_KEY },
            fields: { [ORDER_FIELDS.referralCode]: code },
          },
        },
      })
      .execute();
    // The cart extension's sighting links the shopper to the referral before they register.
    await eventually(
      async () =>
        (
          await connector.db.query('SELECT 1 FROM friend_referrals WHERE referral_code = $1', [
            code.toLowerCase(),
          ])
        ).rowCount > 0,
      20_000,
      'the cart sighting',
    );
    const customer = (
      await connector.api
        .customers()
        .post({ body: { email, password: 'secret-123', anonymousId } })
        .execute()
    ).body.customer;
    const assessment = await eventually(
      async () =>
        (await readStream(connector.db, `customer:${customer.id}`)).find((e) => e.type === 'fraud.assessed'),
      20_000,
      'the sign-up check',
    );
    expect(assessment.data).toMatchObject({ stage: 'signUp', verdict: 'approve', score: 30 });
    expect((assessment.data.fired as { signal: string }[]).map((f) => f.signal)).toEqual(['disposableEmail']);
  });

  it('reverses a reward whose webhook arrives after its order was cancelled', async () => {
    const { advocate, code } = await advocateWithCode('late');
    const friend = await signUp('late.friend@example.com');
    const order = await referredOrder(code, { email: friend.email, customerId: friend.id }, 'eu');
    await eligibility(order.id, 'pending');
    await updateOrder(connector.api, order, [{ action: 'changeOrderState', orderState: 'Cancelled' }]);
    await eligibility(order.id, 'ineligible');
    const rewardId = `late-${randomSuffix()}`;
    const trigger = await fetch(`${connector.url}/sandbox/friendbuy/webhooks/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'advocateReward',
        data: [
          {
            rewardId,
            customerId: advocate.id,
            emailAddress: advocate.email,
            rewardAmount: '10.00',
            rewardUnit: 'EUR',
            friends: [{ friendCustomerId: friend.id, friendEmailAddress: friend.email }],
          },
        ],
      }),
    });
    expect(trigger.status).toBe(202);
    const reversed = await eventually(
      async () =>
        (await readStream(connector.db, `reward:${rewardId}`)).find((e) => e.type === 'reward.reversed'),
      20_000,
      'the late reward reversed',
    );
    expect(reversed.data).toMatchObject({
      orderId: order.id,
      cause: 'orderIneligible',
      reasons: [expect.objectContaining({ code: 'cancelled' })],
    });
  });

  it('gives one decision when many events reach one order at once', async () => {
    const { advocate, code } = await advocateWithCode('racer');
    const friend = await signUp('racer.friend@example.com');
    const order = await referredOrder(code, { email: friend.email, customerId: friend.id }, 'eu');
    const raw = JSON.stringify({
      eventType: 'purchase',
      purchase: { id: order.orderNumber ?? order.id },
      advocate: { customerId: advocate.id },
    });
    const callback = () =>
      fetch(`${connector.url}/callbacks/friendbuy/reward-validation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-friendbuy-hmac-sha256': signBody(raw, connector.config.friendbuy.secretKey),
        },
        body: raw,
      }).then((r) => r.status);
    // The evaluation job and eight callbacks race on the same order.
    const statuses = await Promise.all(Array.from({ length: 8 }, callback));
    expect(new Set(statuses)).toEqual(new Set([503]));
    await assessed(order.id);
    await eligibility(order.id, 'pending');
    const events = await readStream(connector.db, `order:${order.id}`);
    expect(events.filter((e) => e.type === 'fraud.assessed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'eligibility.decided')).toHaveLength(1);
  });
});

describe('sandbox: a self-referral no cart extension stopped', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startConnectorWithCampaigns(campaigns);
    // A merchant who did not install the cart extension: the order is the first place the referral is seen.
    const { body } = await connector.api.extensions().get().execute();
    for (const extension of body.results)
      await connector.api
        .extensions()
        .withId({ ID: extension.id })
        .delete({ queryArgs: { version: extension.version } })
        .execute();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it("rejects a friend whose email is a dotted, +tagged googlemail variant of the advocate's", async () => {
    const order = await placeDemoOrder(connector.api, {
      email: 'Demo.Advocate+deal@googlemail.com',
      custom: {
        typeKey: ORDER_TYPE_KEY,
        fields: { [ORDER_FIELDS.referralCode]: DEMO_ADVOCATE.referralCode },
      },
    });
    const assessment = await eventually(
      async () =>
        (await readStream(connector.db, `order:${order.id}`)).find((e) => e.type === 'fraud.assessed'),
      20_000,
      'the fraud assessment',
    );
    expect(assessment.data.verdict).toBe('reject');
    expect((assessment.data.fired as { signal: string }[]).map((f) => f.signal)).toContain('sameEmail');
    // Evidence carries hashes, never the address.
    expect(JSON.stringify(assessment.data)).not.toContain('googlemail');
    const decided = await eventually(
      async () => {
        const row = await findOrderEligibility(connector.db, order.id);
        return row?.status === 'ineligible' ? row : undefined;
      },
      20_000,
      'the ineligible decision',
    );
    expect(decided.reasons.map((r) => r.code)).toEqual(['fraud-rejected']);
    await eventually(
      async () => {
        const fields = (await getOrder(connector.api, order.id))?.custom?.fields ?? {};
        return (
          fields[ORDER_FIELDS.fraudVerdict] === 'reject' &&
          fields[ORDER_FIELDS.purchaseReportStatus] === 'skipped'
        );
      },
      20_000,
      'the verdict and the withheld purchase on the order',
    );
    expect(connector.friendbuyCalls('/v1/event/purchase')).toEqual([]);
  });
});

describe('sandbox: advocate caps count the rewards Friendbuy really issued', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    const capped = {
      campaigns: [
        {
          ...us,
          policy: {
            returnWindow: { days: 0, from: 'order' },
            rewardHold: { mode: 'connectorHolds' },
            advocateCaps: { limits: [{ period: 'month', maxRewards: 1 }] },
          },
        },
      ],
    };
    connector = await startConnectorWithCampaigns(capped, { CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('rewards the first referral of the month and rules out the second', async () => {
    const advocate = await signUpAs(connector, 'capped.advocate@example.com');
    const code = await advocateReferralCode(connector, advocate.id);
    const order = async (n: number) => {
      const friend = await signUpAs(connector, `capped.friend${n}@example.com`);
      return placeDemoOrder(connector.api, {
        email: friend.email,
        customerId: friend.id,
        custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: code } },
      });
    };
    const first = await order(1);
    // The first purchase is released and Friendbuy issues the advocate's reward for it.
    await eventually(
      async () =>
        (
          await connector.db.query(
            `SELECT 1 FROM rewards WHERE kind = 'advocateReward' AND customer_id = $1 AND order_id = $2`,
            [advocate.id, first.id],
          )
        ).rowCount > 0,
      20_000,
      'the first reward',
    );
    const second = await order(2);
    const decided = await eventually(
      async () => {
        const row = await findOrderEligibility(connector.db, second.id);
        return row?.status === 'ineligible' ? row : undefined;
      },
      20_000,
      'the second order ruled out',
    );
    expect(decided.reasons.map((r) => r.code)).toContain('fraud-rejected');
    const assessment = (await readStream(connector.db, `order:${second.id}`)).find(
      (e) => e.type === 'fraud.assessed',
    );
    expect(assessment?.data.fired).toEqual([
      expect.objectContaining({
        signal: 'advocateOverCap',
        evidence: {
          breaches: [expect.objectContaining({ period: 'month', cap: 'maxRewards', max: 1, reached: 2 })],
        },
      }),
    ]);
    expect((await findOrderEligibility(connector.db, first.id))?.status).toBe('eligible');
  });
});

describe('sandbox: the example rules file and the shared-device demo', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector({ CONNECTOR_CAMPAIGNS_FILE: 'examples/sandbox-rules.json' });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('`sandbox shared-device` shows the third friend on one device held for review', async () => {
    // Fails, with what it printed, unless the command exits 0.
    const output = await runSharedDeviceDemo(connector);
    expect(output.match(/fraud check: approve/g)).toHaveLength(2);
    expect(output).toMatch(/fraud check: hold \(score \d+; signals: .*repeatedAccounts/);
    expect(output).toMatch(/review \d+ is open/);
  });
});

describe('sandbox: the same card on the friend’s and the advocate’s orders', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    const quick = {
      campaigns: [
        {
          ...us,
          policy: { returnWindow: { days: 0, from: 'order' }, rewardHold: { mode: 'connectorHolds' } },
        },
      ],
    };
    connector = await startConnectorWithCampaigns(quick, {
      CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true',
      CONNECTOR_PAYMENT_FINGERPRINT_FIELD: 'cardFingerprint',
    });
    await createPspPaymentType(connector.api);
  });
  afterAll(async () => {
    await connector?.close();
  });

  /** An order paid with a card of this fingerprint, as a storefront with a PSP places it. */
  async function paidOrder(
    customer: Customer,
    fingerprint: string,
    referralCode?: string,
    shippingAddress?: Record<string, string>,
  ) {
    const market = SANDBOX_MARKETS.us;
    const inStore = connector.api.inStoreKeyWithStoreKeyValue({ storeKey: market.storeKey });
    const payment = (
      await connector.api
        .payments()
        .post({
          body: {
            amountPlanned: { currencyCode: market.currency, centAmount: 2500 },
            custom: {
              type: { typeId: 'type', key: 'psp-payment' },
              fields: { cardFingerprint: fingerprint },
            },
          },
        })
        .execute()
    ).body;
    const cart = (
      await inStore
        .carts()
        .post({
          body: {
            currency: market.currency,
            country: market.country,
            customerId: customer.id,
            customerEmail: customer.email,
            lineItems: [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }],
            shippingAddress: { country: market.country, ...shippingAddress },
            ...(referralCode
              ? {
                  custom: {
                    type: { typeId: 'type' as const, key: ORDER_TYPE_KEY },
                    fields: { [ORDER_FIELDS.referralCode]: referralCode },
                  },
                }
              : {}),
          },
        })
        .execute()
    ).body;
    const withPayment = (
      await inStore
        .carts()
        .withId({ ID: cart.id })
        .post({
          body: {
            version: cart.version,
            actions: [{ action: 'addPayment', payment: { typeId: 'payment', id: payment.id } }],
          },
        })
        .execute()
    ).body;
    return (
      await inStore
        .orders()
        .post({ body: { cart: { typeId: 'cart', id: withPayment.id }, version: withPayment.version } })
        .execute()
    ).body;
  }

  it('holds the referral for review, with the card’s hash as evidence', async () => {
    const advocate = await signUpAs(connector, 'card.advocate@example.com');
    const code = await advocateReferralCode(connector, advocate.id);
    await paidOrder(advocate, 'fp-4242');
    const friend = await signUpAs(connector, 'card.friend@example.com');
    const order = await paidOrder(friend, 'fp-4242', code);
    const assessment = await eventually(
      async () =>
        (await readStream(connector.db, `order:${order.id}`)).find((e) => e.type === 'fraud.assessed'),
      20_000,
      'the fraud assessment',
    );
    expect(assessment.data.verdict).toBe('hold');
    const fired = assessment.data.fired as { signal: string; evidence: { hash?: string } }[];
    const card = fired.find((f) => f.signal === 'samePaymentFingerprint');
    expect(card?.evidence.hash).toBe(hashIdentifier('payment', 'fp-4242', connector.config.hashKey));
    expect(JSON.stringify(assessment.data)).not.toContain('fp-4242');
  });

  it('holds a referral shipped to the advocate’s address, however it is spelled', async () => {
    const advocate = await signUpAs(connector, 'home.advocate@example.com');
    const code = await advocateReferralCode(connector, advocate.id);
    const home = { streetName: 'Main Street', streetNumber: '12', postalCode: '10001', city: 'New York' };
    await paidOrder(advocate, 'fp-advocate', undefined, home);
    // The advocate's order is seen, and their address linked, before the friend orders.
    await addressLinked(connector, advocate.id);
    const friend = await signUpAs(connector, 'home.friend@example.com');
    const order = await paidOrder(friend, 'fp-friend', code, {
      streetName: 'main st.',
      streetNumber: '12',
      postalCode: '10001',
      city: 'NEW YORK',
    });
    const assessment = await eventually(
      async () =>
        (await readStream(connector.db, `order:${order.id}`)).find((e) => e.type === 'fraud.assessed'),
      20_000,
      'the fraud assessment',
    );
    const fired = (assessment.data.fired as { signal: string }[]).map((f) => f.signal);
    expect(fired).toContain('sameShippingAddress');
    expect(fired).not.toContain('samePaymentFingerprint');
    expect(JSON.stringify(assessment.data)).not.toContain('Main');
  });
});
