// What a newcomer meets in the default sandbox (`npm start`, no campaign file): referrals are fraud-checked
// without any rules written, and the README's demo advocates earn rewards from the emulated Friendbuy, with a
// log line saying why whenever an order earns none.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CAMPAIGNS } from '../../src/campaigns/load.js';
import { ORDER_FIELDS, ORDER_TYPE_KEY } from '../../src/commercetools/custom-fields.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { DEMO_ADVOCATES } from '../../src/sandbox/referral-demo.js';
import { readStream } from '../../src/store/ledger.js';
import { startConnectorWithCampaigns } from '../helpers/campaigns.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { addressLinked, signUp } from '../helpers/customers.js';
import { followReferralLink } from '../helpers/storefront.js';

const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
const HOME = { streetName: 'Referral Way', streetNumber: '7', postalCode: '94105', city: 'San Francisco' };

describe('the default sandbox, as a newcomer meets it', () => {
  const lines: string[] = [];
  let connector: TestConnector;
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    connector = await startTestConnector({}, { logger });
  });
  afterAll(async () => {
    await connector?.close();
  });

  const timeline = async (orderId: string) => {
    const response = await fetch(`${connector.url}/admin/api/orders/${orderId}/timeline`, { headers: ADMIN });
    return (await response.json()) as {
      events: { type: string; data: Record<string, unknown> }[];
      review: { status: string; signals: { signal: string }[] } | null;
    };
  };

  it('holds a referred order shipping to the advocate’s address, with no rules written', async () => {
    const run = randomUUID().slice(0, 8);
    const advocate = await signUp(connector, `home.advocate.${run}@example.com`);
    const issued = await fetch(`${connector.url}/admin/api/advocates/${advocate.id}/referral-code`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(issued.status).toBe(200);
    const { referralCode } = (await issued.json()) as { referralCode: string };
    await placeDemoOrder(connector.api, {
      email: advocate.email,
      customerId: advocate.id,
      shippingAddress: HOME,
    });
    // The advocate's order is seen, and their address linked, before the friend orders.
    await addressLinked(connector, advocate.id);
    const friend = await signUp(connector, `home.friend.${run}@example.com`);
    const order = await placeDemoOrder(connector.api, {
      email: friend.email,
      customerId: friend.id,
      shippingAddress: { ...HOME, streetName: 'referral way', city: 'SAN FRANCISCO' },
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: referralCode } },
    });
    const held = await eventually(
      async () => {
        const seen = await timeline(order.id);
        return seen.events?.some((e) => e.type === 'fraud.assessed') && seen.review ? seen : undefined;
      },
      20_000,
      'the fraud check on the timeline',
    );
    const assessed = held.events.find((e) => e.type === 'fraud.assessed');
    expect(assessed?.data).toMatchObject({ stage: 'order', verdict: 'hold' });
    expect(held.review).toMatchObject({ status: 'open' });
    expect(held.review?.signals.map((s) => s.signal)).toContain('sameShippingAddress');
    // The purchase still reached Friendbuy at once: without rules of its own the campaign holds nothing else.
    await eventually(
      async () =>
        (await readStream(connector.db, `order:${order.id}`)).some((e) => e.type === 'purchase.reported'),
      20_000,
      'the purchase report',
    );
  });

  it.each(DEMO_ADVOCATES.map((a) => [a.referralCode, a.email]))(
    'rewards the README’s demo advocate %s for an order through their link',
    async (code, advocateEmail) => {
      const landing = await followReferralLink(connector, code);
      const attributionId = String(landing.visitorStatus.payload.attributionId);
      const friendEmail = `friend.of.${code}.${randomUUID().slice(0, 8)}@example.com`;
      const order = await placeDemoOrder(connector.api, {
        email: friendEmail,
        custom: {
          typeKey: ORDER_TYPE_KEY,
          fields: { [ORDER_FIELDS.referralCode]: code, [ORDER_FIELDS.attributionId]: attributionId },
        },
      });
      const delivered = await eventually(
        () =>
          connector.sandbox.friendbuy.webhooks
            .deliveries()
            .find(
              (d) =>
                d.webhook.type === 'advocateReward' &&
                (d.webhook.data[0] as { friends?: { friendEmailAddress?: string }[] }).friends?.[0]
                  ?.friendEmailAddress === friendEmail,
            ),
        20_000,
        `the reward webhook for ${code}`,
      );
      expect(delivered.webhook.data[0]).toMatchObject({ emailAddress: advocateEmail, rewardUnit: 'USD' });
      const rewardId = String((delivered.webhook.data[0] as { rewardId: string }).rewardId);
      const issued = await eventually(
        async () =>
          (await readStream(connector.db, `reward:${rewardId}`)).find((e) => e.type === 'reward.issued'),
        20_000,
        'the reward on the ledger',
      );
      expect(issued.data).toMatchObject({ kind: 'advocateReward', orderId: order.id });
    },
  );

  it('logs why an order earned no reward, without the shopper’s email', async () => {
    const email = `unreferred.${randomUUID().slice(0, 8)}@example.com`;
    const plain = await placeDemoOrder(connector.api, { email });
    const unknown = await placeDemoOrder(connector.api, {
      email,
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: 'nobody-has-this-code' } },
    });
    const logged = (orderId: string, message: string) =>
      eventually(
        () => lines.map((l) => JSON.parse(l)).find((l) => l.orderId === orderId && l.msg.includes(message)),
        20_000,
        `"${message}" for ${orderId}`,
      );
    expect((await logged(plain.id, 'no reward expected')).reason).toBe('no-referral-clue');
    const emulated = await logged(plain.orderNumber ?? plain.id, 'earns no reward');
    expect(emulated.reason).toMatch(/no referral code, attribution id or friend coupon/);
    const unknownCode = await logged(unknown.orderNumber ?? unknown.id, 'earns no reward');
    expect(unknownCode.reason).toMatch(/no advocate/);
    expect(lines.filter((l) => l.includes(email) || l.includes('nobody-has-this-code'))).toEqual([]);
  });

  it('shows a click on a demo advocate’s link in their funnel right after, with no pull to wait for', async () => {
    const advocate = DEMO_ADVOCATES[1];
    const funnel = async () => {
      const response = await fetch(
        `${connector.url}/admin/api/advocates/${encodeURIComponent(advocate.email)}/funnel`,
        { headers: ADMIN },
      );
      return response.ok ? ((await response.json()) as { counts: { click: number } }).counts.click : 0;
    };
    const before = await funnel();
    const click = await fetch(`${connector.url}/sandbox/friendbuy/r/${advocate.referralCode}`, {
      redirect: 'manual',
    });
    expect(click.status).toBe(302);
    // The sandbox pulls Friendbuy's analytics as soon as the emulated Friendbuy saw the click.
    expect(await eventually(async () => ((await funnel()) > before ? funnel() : undefined), 10_000)).toBe(
      before + 1,
    );
  });

  it('verifies the ledger and pulls analytics through the admin API, for the admin token only', async () => {
    for (const [method, path] of [
      ['GET', '/admin/api/ledger/verify'],
      ['POST', '/admin/api/analytics/pull'],
    ] as const)
      expect((await fetch(`${connector.url}${path}`, { method })).status).toBe(401);
    const verified = await fetch(`${connector.url}/admin/api/ledger/verify`, { headers: ADMIN });
    expect(await verified.json()).toMatchObject({ intact: true, breaks: [] });
    const stream = await fetch(`${connector.url}/admin/api/ledger/verify?stream=nothing:here`, {
      headers: ADMIN,
    });
    expect(await stream.json()).toEqual({ intact: true, events: 0, breaks: [] });
    const pulled = await fetch(`${connector.url}/admin/api/analytics/pull`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await pulled.json()).toEqual({
      recorded: {
        shares: expect.any(Number),
        clicks: expect.any(Number),
        'account-sign-ups': expect.any(Number),
        purchases: expect.any(Number),
      },
    });
  });

  it('answers GET / with a page linking the shop, the referral links, what the emulators received and the docs', async () => {
    const response = await fetch(`${connector.url}/`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const links = [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1] ?? '');
    for (const expected of [
      '/sandbox/store?store=us',
      '/sandbox/friendbuy/r/demo-advocate?store=us',
      '/sandbox/friendbuy/r/anna?store=eu',
      '/sandbox/friendbuy/requests',
      '/sandbox/friendbuy/webhooks',
      '/sandbox/docs/README.md',
    ])
      expect(links).toContain(expected);
    for (const link of links) {
      const answer = await fetch(`${connector.url}${link}`, { redirect: 'manual' });
      expect([200, 302], link).toContain(answer.status);
    }
  });
});

describe('a campaign that says "fraud": "off"', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    const off = SANDBOX_CAMPAIGNS.campaigns.map((campaign) => ({ ...campaign, fraud: 'off' }));
    connector = await startConnectorWithCampaigns({ campaigns: off });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('reports a referred order without any fraud check', async () => {
    const advocate = DEMO_ADVOCATES[0];
    const order = await placeDemoOrder(connector.api, {
      email: `unchecked.friend.${randomUUID().slice(0, 8)}@example.com`,
      custom: { typeKey: ORDER_TYPE_KEY, fields: { [ORDER_FIELDS.referralCode]: advocate.referralCode } },
    });
    await eventually(
      async () =>
        (await readStream(connector.db, `order:${order.id}`)).some((e) => e.type === 'purchase.reported'),
      20_000,
      'the purchase report',
    );
    const events = await readStream(connector.db, `order:${order.id}`);
    expect(events.map((e) => e.type)).not.toContain('fraud.assessed');
    const evaluations = await connector.db.query(
      `SELECT 1 FROM outbox WHERE kind = 'rewards.evaluate-order' AND payload ->> 'orderId' = $1`,
      [order.id],
    );
    expect(evaluations.rowCount).toBe(0);
  });
});
