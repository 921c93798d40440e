import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_FIELDS, ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { getCustomer } from '../../src/commercetools/customer-access.js';
import { getOrder } from '../../src/commercetools/order-access.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { emailHashOf } from '../../src/domain/identity.js';
import { emailStream } from '../../src/flows/record-email-opt-out.js';
import { createMapiClient } from '../../src/friendbuy/mapi-client.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { isEmailSuppressed } from '../../src/store/email-opt-outs.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { signUp as signUpAs } from '../helpers/customers.js';

type AdminReward = { rewardId: string; couponCode: string; history: { type: string }[] };

describe('sandbox: a referred friend’s order rewards the advocate, and support sees it in commercetools', () => {
  let connector: TestConnector;
  const admin = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${connector.url}${url}`, {
      headers: { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const signUp = (email: string) => signUpAs(connector, email);
  const customerField = async (id: string, field: string) =>
    (await getCustomer(connector.api, id))?.custom?.fields[field] as string | undefined;

  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('issues rewards through signed webhooks, creates their codes and projects them on customers and order', async () => {
    const advocate = await signUp('ada.advocate@example.com');
    const friend = await signUp('fred.friend@example.com');
    // The advocate shares their personal referral link, obtained from (emulated) Friendbuy.
    const friendbuy = createMapiClient({
      baseUrl: connector.sandbox.urls.friendbuyApiUrl,
      key: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_KEY,
      secret: SANDBOX_DEFAULTS.FRIENDBUY_MAPI_SECRET,
    });
    const purl = await friendbuy.createPersonalReferralLink({
      email: advocate.email,
      campaignId: 'sandbox-us-referral',
      customerId: advocate.id,
    });

    const order = await placeDemoOrder(connector.api, {
      email: friend.email,
      customerId: friend.id,
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: purl.referralCode } },
    });

    // Purchase reported → emulated Friendbuy rewards → signed webhooks → ledger → codes → projections.
    await eventually(
      async () => (await customerField(advocate.id, CUSTOMER_FIELDS.lastRewardState)) === 'available',
      30_000,
      'the advocate reward on the advocate',
    );
    expect(await customerField(advocate.id, CUSTOMER_FIELDS.referralRole)).toBe('advocate');
    expect(JSON.parse((await customerField(advocate.id, CUSTOMER_FIELDS.rewardsSummary))!)).toMatchObject({
      issued: { count: 1, value: { USD: '10.00' } },
      redeemed: { count: 0, value: {} },
      byState: { available: 1 },
      last: { kind: 'advocateReward', state: 'available' },
    });
    await eventually(
      async () => (await customerField(friend.id, CUSTOMER_FIELDS.referralRole)) === 'friend',
      30_000,
      'the friend incentive on the friend',
    );
    await eventually(
      async () =>
        (await getOrder(connector.api, order.id))?.custom?.fields[ORDER_FIELDS.rewardState] ===
        'advocateReward:available',
      30_000,
      'the reward state on the friend’s order',
    );

    // Operators see the full history; the coupon is a commercetools discount code.
    const listed = await admin<{ rewards: AdminReward[] }>(`/admin/api/customers/${advocate.id}/rewards`);
    expect(listed.status).toBe(200);
    expect(listed.body.rewards).toHaveLength(1);
    const [reward] = listed.body.rewards;
    expect(reward).toMatchObject({
      kind: 'advocateReward',
      state: 'available',
      orderId: order.id,
      anomalies: [],
    });
    expect(reward?.history.map((event) => event.type)).toEqual(['reward.issued', 'reward.code-created']);
    const single = await admin<AdminReward>(`/admin/api/rewards/${reward?.rewardId}`);
    expect(single.body).toEqual(reward);
    const codes = await connector.api
      .discountCodes()
      .get({ queryArgs: { where: 'code = :code', 'var.code': reward?.couponCode } })
      .execute();
    expect(codes.body.results).toHaveLength(1);
    expect((await admin('/admin/api/rewards/unknown')).status).toBe(404);
    expect((await verifyLedger(connector.db)).breaks).toEqual([]);
  });

  it('suppresses the emails of an address that opted out, keeping only its hash', async () => {
    const trigger = await fetch(`${connector.url}/sandbox/friendbuy/webhooks/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'emailOptOut',
        data: [{ emailAddress: 'Opt.Out@Example.com', campaignId: 'c-1' }],
      }),
    });
    expect(trigger.status).toBe(202);
    const hash = emailHashOf(connector.config, 'opt.out@example.com')!;
    await eventually(() => isEmailSuppressed(connector.db, hash), 30_000, 'the opt-out to be recorded');
    const events = await readStream(connector.db, emailStream(hash));
    expect(events.map((event) => event.type)).toEqual(['email.opted-out']);
    expect(JSON.stringify(events)).not.toContain('xample.com');
  });

  it('records each reward of a batched webhook once, however often Friendbuy redelivers it', async () => {
    const advocate = await signUp('batch.advocate@example.com');
    const trigger = (data: unknown[]) =>
      fetch(`${connector.url}/sandbox/friendbuy/webhooks/trigger`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'advocateReward', data }),
      });
    const items = ['batch-1', 'batch-2'].map((rewardId) => ({
      rewardId,
      customerId: advocate.id,
      emailAddress: advocate.email,
    }));
    expect((await trigger(items)).status).toBe(202);
    expect((await trigger(items)).status).toBe(202);
    await connector.sandbox.friendbuy.webhooks.idle();

    await eventually(
      async () => {
        const summary = await customerField(advocate.id, CUSTOMER_FIELDS.rewardsSummary);
        return summary && JSON.parse(summary).byState.available === 2;
      },
      30_000,
      'both rewards available on the advocate',
    );
    const rewards = await connector.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM inbox WHERE source = 'friendbuy' AND resource_id LIKE 'batch-%'`,
    );
    expect(rewards.rows[0]?.count).toBe(2);
    const deliveries = connector.sandbox.friendbuy.webhooks.deliveries().slice(-2);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
  });
});
