// The console's data API on a real sandbox connector: the shared-device demo's case in the queue and its case
// view, customer-service search for each kind of identifier, a person's story, re-issuing a coupon, the
// dashboard against a scenario of known numbers, its CSV, and on-call. The connector answers the admin token
// (an admin, who sees personal data); a second app on the same store and commercetools serves the same routes
// to a viewer, agent or reviewer named by a test header, to check what each role sees.
import type Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { sandboxSeedReferralsCommand } from '../../src/cli/sandbox-seed-referrals.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { can, isOperatorRole, type Permission } from '../../src/domain/operators.js';
import { REWARD_EVENT, rewardStream } from '../../src/domain/reward-events.js';
import { createHttpApp } from '../../src/http/app.js';
import { unauthorized } from '../../src/http/errors.js';
import type { Guard } from '../../src/http/operator-guard.js';
import { registerAdminDashboardRoutes } from '../../src/http/routes/admin-dashboard.js';
import { registerAdminPeopleRoutes } from '../../src/http/routes/admin-people.js';
import { registerAdminReviewRoutes } from '../../src/http/routes/admin-reviews.js';
import { createLogger } from '../../src/logger.js';
import { DEMO_ADVOCATE } from '../../src/sandbox/referral-demo.js';
import { recordCustomerOrder } from '../../src/store/customer-orders.js';
import { appendEvent } from '../../src/store/ledger.js';
import { saveReferral } from '../../src/store/referrals.js';
import { openReview } from '../../src/store/reviews.js';
import { insertReward } from '../../src/store/rewards.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { flowDepsOf } from '../helpers/flow-deps.js';
import { runSharedDeviceDemo } from '../helpers/shared-device.js';

const ADMIN = { authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}` };
const as = (role: string) => ({ 'x-test-role': role });

/** The console's guard stand-in: the operator is whoever the test header names, refused without the permission. */
const headerGuard: Guard = (permission: Permission) => async (request) => {
  const role = request.headers['x-test-role'];
  if (!isOperatorRole(role) || !can(role, permission))
    throw unauthorized(`a ${String(role)} may not ${permission}`);
  request.operator = { id: `test:${role}`, name: `Test ${role}`, role, via: 'session' };
};

interface Case {
  id: number;
  orderId: string;
  orderNumber: string | null;
  signals: { signal: string; explanation: string }[];
  advocate: { key: string; displayName: string; email: string | null };
  friend: { key: string; customerId: string; displayName: string; email: string | null };
}

describe('the console data API on a sandbox', () => {
  let connector: TestConnector;
  let roles: ReturnType<typeof Fastify>;
  let printedFilter: string;
  let heldCase: Case;
  let friendEmail: string;

  const admin = async <T = Record<string, unknown>>(path: string, init: RequestInit = {}) => {
    const response = await fetch(`${connector.url}${path}`, {
      ...init,
      headers: { ...ADMIN, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as T, headers: response.headers };
  };
  const asRole = async (role: string, path: string, method: 'GET' | 'POST' = 'GET', payload?: unknown) => {
    const answer = await roles.inject({ method, url: path, headers: as(role), payload: payload as never });
    return { status: answer.statusCode, body: answer.json() };
  };

  beforeAll(async () => {
    connector = await startTestConnector();
    const output = await runSharedDeviceDemo(connector);
    printedFilter = output.match(/curl -H '[^']+' '([^']+\/admin\/api\/reviews\?[^']+)'/)![1]!;
    friendEmail = output.match(/friend 3 \(([^)]+)\)/)![1]!;
    // Many older open cases held by the same signal, as a busy queue (or a seeded sandbox) has.
    for (let n = 0; n < 60; n++)
      await openReview(connector.db, {
        orderId: `older-${n}`,
        campaignId: 'sandbox-us-referral',
        advocateKey: `customer:older-advocate-${n}`,
        friendAccount: `older-friend-${n}`,
        score: 50,
        signals: [{ signal: 'repeatedAccounts', action: 'hold', weight: 50, evidence: { groups: [] } }],
        openedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
      });
    roles = createHttpApp(createLogger('silent'));
    const deps = { ...(await flowDepsOf(connector)), guard: headerGuard };
    registerAdminReviewRoutes(roles, deps);
    registerAdminPeopleRoutes(roles, deps);
    registerAdminDashboardRoutes(roles, deps);
    await roles.ready();
  });
  afterAll(async () => {
    await roles?.close();
    await connector?.close();
  });

  it('refuses every console route without credentials', async () => {
    const routes = [
      ['GET', '/admin/api/reviews'],
      ['GET', '/admin/api/reviews/1'],
      ['GET', '/admin/api/search?q=x'],
      ['GET', '/admin/api/people/customer:x'],
      ['POST', '/admin/api/rewards/r/reissue-coupon'],
      ['GET', '/admin/api/dashboard'],
      ['GET', '/admin/api/dashboard.csv'],
      ['GET', '/admin/api/on-call'],
      ['POST', '/sandbox/referrals/seed'],
    ];
    const statuses = await Promise.all(
      routes.map(async ([method, path]) => (await fetch(`${connector.url}${path}`, { method })).status),
    );
    expect(statuses).toEqual(routes.map(() => 401));
  });

  it('finds the shared-device case on the first page of the filter the demo prints, its signal in words', async () => {
    const url = new URL(printedFilter);
    expect(url.searchParams.get('signal')).toBe('repeatedAccounts');
    const { status, body } = await admin<{ reviews: Case[] }>(`${url.pathname}${url.search}&limit=1`);
    expect(status).toBe(200);
    heldCase = body.reviews[0]!;
    expect(heldCase.signals).toEqual([
      expect.objectContaining({
        signal: 'repeatedAccounts',
        explanation: expect.stringMatching(
          /^placed from the same device as 2 other referred friends' orders/,
        ),
      }),
    ]);
    expect(heldCase.orderNumber).toEqual(expect.any(String));
    // The admin token sees both people as commercetools has them: the demo advocate, known to the ledger by
    // their email hash, through the customer account the identity graph links to it.
    expect(heldCase.friend).toMatchObject({ email: friendEmail, displayName: friendEmail });
    expect(heldCase.advocate.key).toMatch(/^email:[0-9a-f]{64}$/);
    expect(heldCase.advocate).toMatchObject({
      displayName: `Demo Advocate (${DEMO_ADVOCATE.email})`,
      email: DEMO_ADVOCATE.email,
    });
  });

  it('sorts the queue by the deadline, score or age, pages with the cursor, and filters by score and age', async () => {
    const ids = async (query: string) =>
      (await asRole('viewer', `/admin/api/reviews?status=open&${query}`)).body.reviews.map((r: Case) => r.id);
    const all = await ids('limit=200');
    expect(all).toHaveLength(61);
    // Only the demo's campaign has a deadline (Friendbuy holds its rewards): first, before the undated cases.
    expect(all[0]).toBe(heldCase.id);
    expect((await ids('sort=newest&limit=1'))[0]).toBe(heldCase.id);
    expect((await ids('sort=openedAt&limit=1'))[0]).not.toBe(heldCase.id);
    const first = (await asRole('viewer', '/admin/api/reviews?status=open&limit=40')).body;
    const second = (await asRole('viewer', `/admin/api/reviews?status=open&limit=40&after=${first.next}`))
      .body;
    expect([...first.reviews, ...second.reviews].map((r: Case) => r.id)).toEqual(all);
    expect(second.next).toBeNull();
    for (const sort of ['newest', 'score', 'openedAt']) {
      const whole = await ids(`sort=${sort}&limit=200`);
      const page = (await asRole('viewer', `/admin/api/reviews?status=open&sort=${sort}&limit=25`)).body;
      const rest = (
        await asRole('viewer', `/admin/api/reviews?status=open&sort=${sort}&limit=200&after=${page.next}`)
      ).body;
      expect([...page.reviews, ...rest.reviews].map((r: Case) => r.id)).toEqual(whole);
    }
    expect(await ids('minScore=51')).toEqual([]);
    expect(await ids('olderThan=PT1H&limit=200')).toHaveLength(60);
    expect(await ids('olderThan=1&limit=200')).toHaveLength(60);
    expect((await asRole('viewer', '/admin/api/reviews?olderThan=soon')).status).toBe(400);
  });

  it('masks emails for a viewer and shows them to a reviewer', async () => {
    const viewer = (await asRole('viewer', `/admin/api/reviews?status=open&sort=newest&limit=1`)).body
      .reviews[0];
    const [local, domain] = friendEmail.split('@');
    expect(viewer.friend).toMatchObject({ email: null, displayName: `${local![0]}•••@${domain}` });
    expect(viewer.advocate).toMatchObject({ email: null, displayName: 'd•••@gmail.com' });
    expect(JSON.stringify(viewer)).not.toContain(friendEmail);
    expect(JSON.stringify(viewer)).not.toContain(DEMO_ADVOCATE.email);
    const reviewer = (await asRole('reviewer', `/admin/api/reviews?status=open&sort=newest&limit=1`)).body
      .reviews[0];
    expect(reviewer.friend.email).toBe(friendEmail);
  });

  it('shows the case with its signals explained, both people, the timeline in words and the deadline', async () => {
    const { status, body } = await asRole('viewer', `/admin/api/reviews/${heldCase.id}`);
    expect(status).toBe(200);
    expect(body.signals[0].explanation).toMatch(
      /same device as 2 other referred friends' orders within 168 hours/,
    );
    expect(body.decideBy).toEqual(expect.any(String));
    expect(body.friend).toMatchObject({ key: heldCase.friend.key, email: null, referrals: { asFriend: 1 } });
    expect(body.friend.orders).toEqual([
      expect.objectContaining({
        orderId: heldCase.orderId,
        total: expect.objectContaining({ currencyCode: 'USD' }),
      }),
    ]);
    expect(body.advocate.referrals.asAdvocate).toMatchObject({ orders: 3, approved: 2, held: 1 });
    const summaries = body.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries[0]).toMatch(/^order \S+ placed for \d+(\.\d+)? USD in store us$/);
    expect(summaries).toContainEqual(
      expect.stringMatching(/^fraud check held for review \(score 50\): placed from/),
    );
    expect(body.decisions).toEqual([]);
  });

  it('finds people, orders, codes and rewards by whatever the customer gives', async () => {
    const friend = heldCase.friend;
    const search = async (q: string) =>
      (await asRole('agent', `/admin/api/search?q=${encodeURIComponent(q)}`)).body.results as {
        kind: string;
        personKey: string | null;
        orderId: string | null;
        title: string;
      }[];
    expect(await search(friendEmail.toUpperCase())).toContainEqual(
      expect.objectContaining({ kind: 'person', personKey: friend.key, title: friendEmail }),
    );
    expect(await search(friend.customerId)).toContainEqual(
      expect.objectContaining({ kind: 'person', personKey: friend.key }),
    );
    expect(await search(heldCase.orderId)).toContainEqual(
      expect.objectContaining({ kind: 'order', orderId: heldCase.orderId, personKey: friend.key }),
    );
    expect(await search(heldCase.orderNumber!)).toContainEqual(
      expect.objectContaining({ kind: 'order', orderId: heldCase.orderId }),
    );
    expect(await search(DEMO_ADVOCATE.referralCode.toUpperCase())).toContainEqual(
      expect.objectContaining({ kind: 'referral-code', personKey: heldCase.advocate.key }),
    );
    const reward = await eventually(async () => {
      const { rows } = await connector.db.query<{ rewardId: string; couponCode: string }>(
        `SELECT reward_id AS "rewardId", coupon_code AS "couponCode" FROM rewards WHERE order_id = $1`,
        [heldCase.orderId],
      );
      return rows[0];
    });
    // The reward names its recipient by customer id; their story is the demo advocate's, whichever key finds it.
    const [found] = await search(reward.rewardId);
    expect(found).toMatchObject({ kind: 'reward', orderId: heldCase.orderId });
    const recipient = (await asRole('agent', `/admin/api/people/${found!.personKey}`)).body;
    expect(recipient.person.email).toBe(DEMO_ADVOCATE.email);
    expect(await search(reward.couponCode)).toContainEqual(expect.objectContaining({ kind: 'coupon' }));
    expect(await search('nothing-like-this')).toEqual([]);
    const viewerHits = (await asRole('viewer', `/admin/api/search?q=${encodeURIComponent(friendEmail)}`))
      .body;
    expect(JSON.stringify(viewerHits)).not.toContain(friendEmail);
  });

  it("tells the advocate's story: their code, the friends they referred, each reward's state in words", async () => {
    const { status, body } = await asRole('agent', `/admin/api/people/${heldCase.advocate.key}`);
    expect(status).toBe(200);
    expect(body.asAdvocate.referralCodes).toEqual([DEMO_ADVOCATE.referralCode]);
    expect(body.asAdvocate.friends).toHaveLength(3);
    expect(body.asAdvocate.friends[0]).toMatchObject({ orderId: heldCase.orderId, fraudVerdict: 'hold' });
    // Friendbuy holds this campaign's rewards itself (it asks the validation callback before paying out), so
    // the connector's record of the reward is usable while the case waits.
    const held = body.rewards.find((r: { orderId: string }) => r.orderId === heldCase.orderId);
    expect(held).toMatchObject({
      state: 'available',
      stateInWords: `Ready to use: coupon ${held.coupon.code} works at checkout`,
      hold: null,
      canReissue: true,
      amount: { centAmount: 1000, currencyCode: 'USD', fractionDigits: 2 },
    });
    expect(held.history[0].summary).toMatch(/^Friendbuy issued the advocate's reward of 10\.00 USD/);
    const friend = (await asRole('viewer', `/admin/api/people/${heldCase.friend.customerId}`)).body;
    expect(friend.asFriend.referredBy.key).toBe(heldCase.advocate.key);
    expect(friend.person).toMatchObject({ key: heldCase.friend.key, email: null });
    expect((await asRole('viewer', '/admin/api/people/customer:nobody')).status).toBe(404);
  });

  const reissue = (role: string, rewardId: string, key: string) =>
    roles.inject({
      method: 'POST',
      url: `/admin/api/rewards/${rewardId}/reissue-coupon`,
      headers: { ...as(role), 'idempotency-key': key },
      payload: { reason: 'customer says the code is gone' },
    });
  const heldCaseReward = async () => {
    const { rows } = await connector.db.query<{ rewardId: string }>(
      `SELECT reward_id AS "rewardId" FROM rewards WHERE order_id = $1`,
      [heldCase.orderId],
    );
    return rows[0]!.rewardId;
  };

  it('issues an available reward’s coupon again for an agent, once per request and audited', async () => {
    const rewardId = await heldCaseReward();
    expect((await reissue('viewer', rewardId, 'k1')).statusCode).toBe(401);
    const first = await reissue('agent', rewardId, 'k1');
    expect(first.statusCode).toBe(200);
    expect(first.json().coupon).toMatchObject({ code: expect.any(String), created: false, replaces: null });
    expect((await reissue('agent', rewardId, 'k1')).json()).toEqual(first.json());
    const { rows: audit } = await connector.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM ledger WHERE stream = 'operator:test:agent' AND type = 'operator.coupon.reissued'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({
      subject: `reward:${rewardId}`,
      reason: 'customer says the code is gone',
      operator: { id: 'test:agent', role: 'agent' },
    });
    expect((await reissue('agent', 'no-such-reward', 'k3')).statusCode).toBe(404);
    const noReason = await roles.inject({
      method: 'POST',
      url: `/admin/api/rewards/${rewardId}/reissue-coupon`,
      headers: as('agent'),
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('reason');
  });

  it('shows the decision on the case once a reviewer decided it', async () => {
    const decided = await admin(`/admin/api/reviews/${heldCase.id}/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operator: 'ops@shop.example', reason: 'one device, three accounts' }),
    });
    expect(decided.status).toBe(200);
    const view = (await asRole('viewer', `/admin/api/reviews/${heldCase.id}`)).body;
    expect(view.decisions).toEqual([
      expect.objectContaining({
        action: 'review.rejected',
        by: 'ops@shop.example',
        reason: 'one device, three accounts',
      }),
    ]);
    const listed = (await asRole('viewer', '/admin/api/reviews?status=rejected')).body.reviews;
    expect(listed[0].decided).toMatchObject({ decision: 'reject', by: 'ops@shop.example' });
  });

  it('refuses with 409 to issue a coupon again once the rejection reversed the reward', async () => {
    const rewardId = await heldCaseReward();
    const story = await eventually(async () => {
      const { body } = await asRole('agent', `/admin/api/people/${heldCase.advocate.key}`);
      const reward = body.rewards.find((r: { rewardId: string }) => r.rewardId === rewardId);
      return reward?.state === 'reversed' ? reward : undefined;
    });
    expect(story).toMatchObject({ canReissue: false, stateInWords: expect.stringMatching(/^Taken back/) });
    const refused = await reissue('agent', rewardId, 'k2');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'RewardNotReissuable',
      message: expect.stringMatching(/Taken back/),
    });
  });
});

describe('the dashboard, against a scenario of known numbers', () => {
  let connector: TestConnector;
  const day = (d: number, hour = 12) => new Date(Date.UTC(2025, 5, d, hour));

  beforeAll(async () => {
    connector = await startTestConnector();
    const db = connector.db;
    const append = (stream: string, type: string, data: Record<string, unknown>, at: Date) =>
      db.transaction((tx) => appendEvent(tx, { stream, type, data, occurredAt: at }, at));
    // June 2025 (nothing else in the store then): 2 + 1 referred orders in the US, 1 in the EU.
    const orders = [
      { id: 'd-1', day: 2, store: 'us', currency: 'USD', cents: 5000, advocate: 'customer:adv-a' },
      { id: 'd-2', day: 2, store: 'us', currency: 'USD', cents: 3000, advocate: 'customer:adv-a' },
      { id: 'd-3', day: 4, store: 'us', currency: 'USD', cents: 2000, advocate: 'customer:adv-b' },
      { id: 'd-4', day: 3, store: 'eu', currency: 'EUR', cents: 7000, advocate: 'customer:adv-c' },
    ];
    for (const o of orders) {
      const campaignId = o.store === 'us' ? 'sandbox-us-referral' : 'sandbox-eu-referral';
      const total = {
        type: 'centPrecision',
        centAmount: o.cents,
        currencyCode: o.currency,
        fractionDigits: 2,
      };
      await append(
        `order:${o.id}`,
        'order.created',
        { orderNumber: `N-${o.id}`, storeKey: o.store, total },
        day(o.day),
      );
      // d-1 was reported net of a 10.00 discount.
      const net = o.id === 'd-1' ? { ...total, centAmount: 4000 } : total;
      await append(`order:${o.id}`, 'purchase.reported', { amount: net }, day(o.day, 13));
      await recordCustomerOrder(
        db,
        { orderId: o.id, customerId: `friend-${o.id}`, createdAt: day(o.day) },
        day(o.day),
      );
      await saveReferral(db, {
        orderId: o.id,
        campaignId,
        advocateKey: o.advocate,
        advocateCustomerId: o.advocate.slice('customer:'.length),
        advocateEmailHash: null,
        friendAccount: `friend-${o.id}`,
        code: null,
        ipHash: null,
        deviceHash: null,
        addressHash: null,
        verdict: o.id === 'd-3' ? 'hold' : 'approve',
        score: 0,
        placedAt: day(o.day),
        assessedAt: day(o.day),
      });
      await insertReward(db, {
        rewardId: `rw-${o.id}`,
        kind: 'advocateReward',
        customerId: o.advocate.slice('customer:'.length),
        emailHash: null,
        campaignId,
        couponCode: `cp-${o.id}`,
        amount: '10.00',
        unit: o.currency,
        orderId: o.id,
        state: 'available',
        inboxId: null,
        issuedAt: day(o.day, 14),
      });
      await append(rewardStream(`rw-${o.id}`), REWARD_EVENT.issued, {}, day(o.day, 14));
    }
    await append(rewardStream('rw-d-3'), REWARD_EVENT.held, {}, day(4, 15));
    await append(rewardStream('rw-d-2'), REWARD_EVENT.reversed, {}, day(9, 15));
    await openReview(db, {
      orderId: 'd-3',
      campaignId: 'sandbox-us-referral',
      advocateKey: 'customer:adv-b',
      friendAccount: 'friend-d-3',
      score: 50,
      signals: [{ signal: 'fastClickToPurchase', action: 'hold', weight: 50, evidence: { seconds: 3 } }],
      openedAt: day(4, 13),
    });
    const funnel = { campaignId: 'sandbox-us-referral' };
    for (const d of [1, 1, 2]) await append('advocate:adv-a', 'referral.share', funnel, day(d));
    for (const d of [1, 2, 2, 3, 3, 4, 4, 4])
      await append('advocate:adv-a', 'referral.click', funnel, day(d));
    for (const d of [2, 4]) await append('advocate:adv-a', 'referral.sign-up', funnel, day(d));
    await append('advocate:adv-c', 'referral.click', { campaignId: 'sandbox-eu-referral' }, day(3));
  });
  afterAll(async () => {
    await connector?.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: the answer is checked field by field below
  const dashboard = async (query: string): Promise<any> => {
    const response = await fetch(`${connector.url}/admin/api/dashboard?${query}`, { headers: ADMIN });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('counts the funnel, orders, revenue and rewards per day for a campaign', async () => {
    const body = await dashboard('from=2025-06-01&to=2025-06-08&campaignId=sandbox-us-referral');
    expect(body.totals).toMatchObject({
      shares: 3,
      clicks: 8,
      signUps: 2,
      referredOrders: 3,
      rewardsIssued: 3,
      rewardsHeld: 1,
      rewardsReversed: 0,
      conversion: { clickToSignUp: 0.25, clickToOrder: 0.375 },
      referredRevenue: [
        { currencyCode: 'USD', net: { centAmount: 9000, currencyCode: 'USD', fractionDigits: 2 } },
      ],
    });
    expect(body.series).toHaveLength(7);
    expect(body.series[1]).toMatchObject({
      bucketStart: '2025-06-02T00:00:00.000Z',
      clicks: 2,
      referredOrders: 2,
    });
    expect(body.series[5]).toMatchObject({
      bucketStart: '2025-06-06T00:00:00.000Z',
      clicks: 0,
      referredOrders: 0,
    });
    expect(body.topAdvocates.map((a: { advocate: { key: string } }) => a.advocate.key)).toEqual([
      'customer:adv-a',
      'customer:adv-b',
    ]);
    expect(body.topAdvocates[0]).toMatchObject({
      referredOrders: 2,
      revenue: [{ currencyCode: 'USD', centAmount: 7000 }],
    });
    expect(body.holdsBySignal).toEqual([{ signal: 'fastClickToPurchase', count: 1 }]);
    expect(body.filters.campaigns.map((c: { id: string }) => c.id)).toEqual([
      'sandbox-us-referral',
      'sandbox-eu-referral',
    ]);
  });

  it('filters by store and currency, and buckets by week', async () => {
    const eu = await dashboard('from=2025-06-01&to=2025-06-30&storeKey=eu&currency=EUR');
    expect(eu.totals).toMatchObject({ referredOrders: 1, rewardsIssued: 1, rewardsReversed: 0 });
    expect(eu.totals.referredRevenue).toEqual([
      { currencyCode: 'EUR', net: { centAmount: 7000, currencyCode: 'EUR', fractionDigits: 2 } },
    ]);
    const weeks = await dashboard('from=2025-06-01&to=2025-06-16&bucket=week');
    // 2025-06-01 is a Sunday: its week starts Monday 26 May.
    expect(weeks.series.map((p: { bucketStart: string }) => p.bucketStart.slice(0, 10))).toEqual([
      '2025-05-26',
      '2025-06-02',
      '2025-06-09',
    ]);
    expect(weeks.series.map((p: { referredOrders: number }) => p.referredOrders)).toEqual([0, 4, 0]);
    expect(weeks.series[2]).toMatchObject({ rewardsReversed: 1 });
    expect(weeks.totals.clicks).toBe(9);
  });

  it('exports the charts as CSV', async () => {
    const response = await fetch(
      `${connector.url}/admin/api/dashboard.csv?from=2025-06-01&to=2025-06-03&campaignId=sandbox-us-referral`,
      { headers: ADMIN },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="referrals-2025-06-01-2025-06-03.csv"',
    );
    const lines = (await response.text()).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'bucketStart,shares,clicks,signUps,referredOrders,rewardsIssued,rewardsReversed,rewardsHeld',
      '2025-06-01T00:00:00.000Z,2,1,0,0,0,0,0',
      '2025-06-02T00:00:00.000Z,1,2,1,2,2,0,0',
      'total,3,3,1,2,2,0,0',
    ]);
    expect(lines).toContain('USD,70.00');
  });

  it('seeds sandbox volume the dashboard counts exactly, once per batch, through the command', async () => {
    const seed = (body: unknown) =>
      fetch(`${connector.url}/sandbox/referrals/seed`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await seed({ run: 'Bad Run', from: 0, count: 10 })).status).toBe(400);
    const tally = (await (await seed({ run: 't1', from: 0, count: 300 })).json()) as Record<string, number>;
    expect(tally.referrals).toBe(300);
    expect(await (await seed({ run: 't1', from: 0, count: 300 })).json()).toMatchObject({ referrals: 300 });
    const to = new Date(connector.clock.now().getTime() + 60_000).toISOString();
    const from = new Date(connector.clock.now().getTime() - 91 * 86_400_000).toISOString();
    const seeded = await dashboard(`from=${from}&to=${to}&bucket=week`);
    expect(seeded.totals).toMatchObject({
      referredOrders: 300,
      rewardsIssued: tally.rewards,
      clicks: 600,
      shares: 900,
    });
    const holds = seeded.holdsBySignal.reduce((sum: number, h: { count: number }) => sum + h.count, 0);
    expect(holds).toBe(tally.held);

    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const context = createCliContext(connector.config);
      expect(await sandboxSeedReferralsCommand(context, ['--count', '20'], connector.url)).toBe(0);
    } finally {
      write.mockRestore();
      progress.mockRestore();
    }
    expect(printed.join('')).toMatch(/^seeded run [a-z0-9]+: 20 referrals/);
    expect((await dashboard(`from=${from}&to=${to}&bucket=week`)).totals.referredOrders).toBe(320);
  });

  it('refuses a period the wrong way round or too long, naming the field', async () => {
    for (const query of ['from=2025-06-05&to=2025-06-01', 'from=2020-01-01&to=2025-01-01', 'bucket=month']) {
      const response = await fetch(`${connector.url}/admin/api/dashboard?${query}`, { headers: ADMIN });
      expect(response.status).toBe(400);
    }
  });

  it('shows on call the dead letters with the remote answer, and the last ledger verification', async () => {
    const onCall = async () =>
      (await (await fetch(`${connector.url}/admin/api/on-call`, { headers: ADMIN })).json()) as Record<
        string,
        unknown
      >;
    const before = await onCall();
    expect(before.ledger).toMatchObject({ verifiedAt: null, ok: null });
    await connector.db.query(
      `INSERT INTO outbox (kind, dedup_key, payload, status, attempts, run_after, last_error, created_at, updated_at)
       VALUES ('friendbuy.purchase', 'dead-1', '{}', 'dead', 8, $1, 'Friendbuy answered 422: invalid email', $1, $1)`,
      [day(20)],
    );
    expect((await fetch(`${connector.url}/admin/api/ledger/verify`, { headers: ADMIN })).status).toBe(200);
    const after = await onCall();
    expect(after.deadLetters).toMatchObject({
      count: 1,
      oldest: { kind: 'friendbuy.purchase', attempts: 8, lastError: 'Friendbuy answered 422: invalid email' },
    });
    expect(after.ledger).toMatchObject({ ok: true, breaks: 0, verifiedAt: expect.any(String) });
    expect(after.outbox).toMatchObject({ failed: 1 });
    expect(after.delivery).toEqual(expect.objectContaining({ status: expect.any(String) }));
  });
});
