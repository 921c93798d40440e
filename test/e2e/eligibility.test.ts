import type { Order } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CAMPAIGNS } from '../../src/campaigns/load.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { createMapiClient } from '../../src/friendbuy/mapi-client.js';
import { signBody } from '../../src/friendbuy/signature.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { returnWholeOrder } from '../../src/sandbox/demo-return.js';
import { findCode } from '../../src/store/codes.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { findOrderEligibility } from '../../src/store/order-eligibility.js';
import { listOrderRewards } from '../../src/store/rewards.js';
import { startConnectorWithCampaigns } from '../helpers/campaigns.js';
import { eventually, type TestConnector } from '../helpers/connector.js';
import { signUp as signUpAs } from '../helpers/customers.js';

const [us, eu] = SANDBOX_CAMPAIGNS.campaigns;
const campaigns = {
  campaigns: [
    {
      ...us,
      // Friendbuy waits 30 days, then asks the callback; the 30-day window from the order closes before that.
      policy: {
        returnWindow: { days: 30, from: 'order' },
        rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 30 },
      },
    },
    { ...eu, policy: { returnWindow: { days: 30, from: 'order' }, rewardHold: { mode: 'connectorHolds' } } },
  ],
};

describe('sandbox: rewards follow the campaign policy over the order’s life', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startConnectorWithCampaigns(campaigns);
  });
  afterAll(async () => {
    await connector?.close();
  });

  const signUp = (email: string) => signUpAs(connector, email);

  /** An advocate's referral link used by a new friend's order; resolves once the advocate's reward exists. */
  async function referredOrder(name: string, market: 'us' | 'eu' = 'us'): Promise<Order> {
    const advocate = await signUp(`${name}.advocate@example.com`);
    const friend = await signUp(`${name}.friend@example.com`);
    const friendbuy = createMapiClient({
      baseUrl: connector.sandbox.urls.friendbuyApiUrl,
      key: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_KEY,
      secret: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_SECRET,
    });
    const purl = await friendbuy.createPersonalReferralLink({
      email: advocate.email,
      campaignId: market === 'us' ? 'sandbox-us-referral' : 'sandbox-eu-referral',
      customerId: advocate.id,
    });
    return placeDemoOrder(connector.api, {
      market,
      email: friend.email,
      customerId: friend.id,
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: purl.referralCode } },
    });
  }

  const advocateReward = (orderId: string) =>
    eventually(
      async () =>
        (await listOrderRewards(connector.db, orderId)).find(
          (r) => r.kind === 'advocateReward' && r.orderId === orderId && r.state === 'available',
        ),
      20_000,
      'the advocate reward with its code',
    );

  /** Returns every item of the order, writing like any other writer (the connector projects fields meanwhile). */
  const returnEverything = (orderId: string) => returnWholeOrder(connector.api, orderId);

  const validate = async (body: unknown, signature?: string) => {
    const raw = JSON.stringify(body);
    const response = await fetch(`${connector.url}/callbacks/friendbuy/reward-validation`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-friendbuy-hmac-sha256': signature ?? signBody(raw, connector.config.friendbuy.secretKey),
      },
      body: raw,
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { decision: string; status: string; reasons: { code: string }[] },
    };
  };
  const purchaseShape = (order: Order) => ({
    eventType: 'purchase',
    campaignId: 'sandbox-us-referral',
    purchase: { id: order.orderNumber ?? order.id, amount: 45, currency: 'USD' },
    advocate: { customerId: 'a-1', email: 'a@example.com' },
  });
  const eventShape = (order: Order) => ({
    eventType: 'purchase',
    recipientType: 'advocate',
    campaignId: 'sandbox-us-referral',
    event: { orderId: order.orderNumber ?? order.id, isNewCustomer: true },
    actor: { customerId: 'f-1' },
    advocate: { customerId: 'a-1' },
  });
  const advance = async (duration: string) => {
    const response = await fetch(`${connector.url}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: duration }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { now: string; offsetMs: number };
  };

  it('refuses an unsigned or forged callback and stores nothing', async () => {
    const body = { eventType: 'purchase', purchase: { id: 'forged-1' } };
    expect((await validate(body, 'bm90LWEtc2lnbmF0dXJl')).status).toBe(401);
    const unsigned = await fetch(`${connector.url}/callbacks/friendbuy/reward-validation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    expect(await readStream(connector.db, 'friendbuy-purchase:forged-1')).toEqual([]);
    const unknown = await validate(body);
    expect(unknown).toMatchObject({ status: 400, body: { status: 'unknownOrder' } });
    expect((await validate({ eventType: 'purchase', purchase: {} })).status).toBe(400);
  });

  it('rejects a bad clock advance naming the field', async () => {
    for (const advance of ['P1M', '31 days', 7]) {
      const response = await fetch(`${connector.url}/sandbox/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('advance');
    }
    const state = (await (await fetch(`${connector.url}/sandbox/clock`)).json()) as { offsetMs: number };
    expect(state.offsetMs).toBe(0);
  });

  it('reverses the reward and deactivates its code when the order is returned inside the window', async () => {
    const order = await referredOrder('returner');
    const reward = await advocateReward(order.id);
    await returnEverything(order.id);
    await eventually(
      async () => (await findOrderEligibility(connector.db, order.id))?.status === 'ineligible',
      20_000,
      'the ineligible decision',
    );
    const reversed = await eventually(
      async () => (await listOrderRewards(connector.db, order.id)).find((r) => r.state === 'reversed'),
      20_000,
      'the reversal',
    );
    expect(reversed.rewardId).toBe(reward.rewardId);
    // The reversal is recorded first; the code is deactivated in commercetools right after.
    const code = await eventually(
      async () => {
        const entry = await findCode(connector.db, reward.couponCode!);
        return entry?.status === 'deactivated' && entry;
      },
      20_000,
      'the deactivated code',
    );
    const inCommercetools = await connector.api
      .discountCodes()
      .withId({ ID: code!.discountCodeId! })
      .get()
      .execute();
    expect(inCommercetools.body.isActive).toBe(false);
    const rejected = await validate(eventShape(order));
    expect(rejected.status).toBe(400);
    expect(rejected.body.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['fully-returned', 'reward-reversed']),
    );
    const history = await readStream(connector.db, `reward:${reward.rewardId}`);
    expect(history.at(-1)).toMatchObject({
      type: 'reward.reversed',
      data: { cause: 'orderIneligible', manualRecovery: false },
    });
  });

  it('flags a reward already redeemed for manual recovery instead of deactivating its code', async () => {
    const order = await referredOrder('spender');
    const reward = await advocateReward(order.id);
    await placeDemoOrder(connector.api, {
      email: 'spender.advocate@example.com',
      customerId: reward.customerId ?? undefined,
      discountCodes: [reward.couponCode!],
    });
    await eventually(
      async () => (await listOrderRewards(connector.db, order.id)).some((r) => r.state === 'redeemed'),
      20_000,
      'the redeemed reward',
    );
    await returnEverything(order.id);
    await eventually(
      async () => (await listOrderRewards(connector.db, order.id)).some((r) => r.state === 'reversed'),
      20_000,
      'the reversal',
    );
    const history = await readStream(connector.db, `reward:${reward.rewardId}`);
    expect(history.at(-1)).toMatchObject({ type: 'reward.reversed', data: { manualRecovery: true } });
    expect((await findCode(connector.db, reward.couponCode!))?.status).not.toBe('deactivated');
  });

  it('connector-holds: never reports the purchase of an order returned inside the window', async () => {
    const order = await referredOrder('returning-eu', 'eu');
    const stream = () => readStream(connector.db, `order:${order.id}`);
    await eventually(async () => (await stream()).some((e) => e.type === 'purchase.held'), 20_000, 'held');
    await returnEverything(order.id);
    const withheld = await eventually(
      async () => (await stream()).find((e) => e.type === 'purchase.withheld'),
      20_000,
      'the withheld purchase',
    );
    expect(withheld.data.reasons).toEqual([expect.objectContaining({ code: 'fully-returned' })]);
    expect((await stream()).some((e) => e.type === 'purchase.reported')).toBe(false);
  });

  // Last, because it moves the clock: the emulated commercetools stamps orders with real time, so an order
  // placed after an advance would already look a month old.
  it('after the return window: approves the genuine referral (friendbuyHolds) and reports the held purchase (connectorHolds)', async () => {
    const order = await referredOrder('genuine');
    const held = await referredOrder('patient', 'eu');
    await advocateReward(order.id);
    await eventually(
      async () => (await findOrderEligibility(connector.db, order.id))?.status === 'pending',
      20_000,
      'the pending decision',
    );
    const pending = await validate(purchaseShape(order));
    expect(pending).toMatchObject({ status: 503, retryAfter: '900', body: { status: 'pending' } });
    const heldStream = () => readStream(connector.db, `order:${held.id}`);
    await eventually(
      async () => (await heldStream()).some((e) => e.type === 'purchase.held'),
      20_000,
      'the held purchase',
    );
    expect((await heldStream()).some((e) => e.type === 'purchase.reported')).toBe(false);

    await advance('P31D');
    // The durable timers at the windows' end decide without anyone asking.
    await eventually(
      async () => (await findOrderEligibility(connector.db, order.id))?.status === 'eligible',
      20_000,
      'the eligible decision from the timer',
    );
    expect(await validate(purchaseShape(order))).toMatchObject({
      status: 200,
      body: { decision: 'approve' },
    });
    expect(await validate(eventShape(order))).toMatchObject({ status: 200, body: { status: 'eligible' } });
    const events = await readStream(connector.db, `order:${order.id}`);
    expect(events.filter((e) => e.type === 'eligibility.decided').map((e) => e.data.status)).toEqual([
      'pending',
      'eligible',
    ]);
    expect(events.filter((e) => e.type === 'validation.answered').map((e) => e.data.httpStatus)).toEqual([
      503, 200, 200,
    ]);
    await eventually(
      async () => (await heldStream()).some((e) => e.type === 'purchase.reported'),
      20_000,
      'the held purchase reported after the window',
    );
    expect((await verifyLedger(connector.db)).breaks).toEqual([]);
  });
});
