import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/helpers/store.js';
import { rewardPolicySchema } from '../../campaigns/policy-schema.js';
import { createCommercetoolsClient } from '../../commercetools/client.js';
import type { Campaign } from '../../domain/campaign.js';
import { REWARD_EVENT, rewardStream } from '../../domain/reward-events.js';
import { orderStream } from '../../flows/deps.js';
import { createLogger } from '../../logger.js';
import { SANDBOX_COMMERCETOOLS_PREFIX } from '../../sandbox/commercetools/create-sandbox.js';
import { type RunningSandbox, startSandbox } from '../../sandbox/commercetools/test-support.js';
import { recordCustomerOrder } from '../../store/customer-orders.js';
import type { Db } from '../../store/db.js';
import { appendEvent } from '../../store/ledger.js';
import { saveOrderEligibility } from '../../store/order-eligibility.js';
import { saveReferral } from '../../store/referrals.js';
import { openReview, type ReviewRow } from '../../store/reviews.js';
import { insertReward } from '../../store/rewards.js';
import { createHttpApp } from '../app.js';
import { bearerGuard } from '../operator-guard.js';
import { registerAdminReviewRoutes } from './admin-reviews.js';

const TOKEN = 'test-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const operator = 'ops@shop.example';
/** A campaign whose rewards Friendbuy holds for 30 days before asking the validation callback. */
const FRIENDBUY_HOLDS = {
  id: 'c-1',
  policy: rewardPolicySchema.parse({
    returnWindow: { days: 14, from: 'order' },
    rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 30 },
  }),
} as unknown as Campaign;
const t = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));

describe('review queue admin API', () => {
  let db: Db;
  let app: ReturnType<typeof createHttpApp>;
  let logs: Array<Record<string, unknown>>;
  let cases: ReviewRow[];
  let commercetools: RunningSandbox;
  /** While set, the commercetools the routes talk to answers every order query with 503, as in an outage. */
  let ordersDown = false;
  /** The sandbox, reached through a fetch that fails order queries while `ordersDown`. */
  let api: RunningSandbox['apiRoot'];

  beforeAll(async () => {
    commercetools = await startSandbox();
    const url = `${commercetools.origin}${SANDBOX_COMMERCETOOLS_PREFIX}`;
    api = createCommercetoolsClient({
      projectKey: 'sandbox-test',
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      authUrl: url,
      apiUrl: url,
      maxRetries: 0,
      fetch: async (input, init) =>
        ordersDown && /\/orders\?/.test(String(input))
          ? Response.json({ statusCode: 503, message: 'Service unavailable' }, { status: 503 })
          : fetch(input, init),
    });
  });
  afterAll(async () => {
    await commercetools.close();
  });

  const get = (url: string, headers: Record<string, string> = auth) =>
    app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = auth) =>
    app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  const append = (stream: string, type: string, data: Record<string, unknown>, at: Date) =>
    db.transaction((tx) => appendEvent(tx, { stream, type, data, occurredAt: at }, at));
  const open = (orderId: string, advocateKey: string, signal: string, campaignId = 'c-1') =>
    openReview(db, {
      orderId,
      campaignId,
      advocateKey,
      friendAccount: 'friend-1',
      score: 60,
      signals: [{ signal, action: 'hold', weight: 60, evidence: {} }],
      openedAt: t(10),
    });

  /** order-1: a friend's order with its ledger, an advocate reward, eligibility, referral and customer history. */
  async function seedOrder() {
    await append(orderStream('order-1'), 'order.created', { customerId: 'friend-1', emailHash: 'h-1' }, t(0));
    await append(orderStream('order-1'), 'fraud.assessed', { stage: 'order', verdict: 'hold' }, t(2));
    await append(orderStream('order-1'), 'purchase.reported', { friendbuyOrderId: 'order-1' }, t(3));
    await insertReward(db, {
      rewardId: 'r-1',
      kind: 'advocateReward',
      customerId: 'advocate-1',
      emailHash: null,
      campaignId: 'c-1',
      couponCode: 'adv-1',
      amount: '10.00',
      unit: 'USD',
      orderId: 'order-1',
      state: 'held',
      inboxId: null,
      issuedAt: t(1),
    });
    await append(rewardStream('r-1'), REWARD_EVENT.issued, {}, t(1));
    await append('customer:friend-1', 'customer.created', {}, t(-5));
    await saveOrderEligibility(db, {
      orderId: 'order-1',
      campaignId: 'c-1',
      status: 'pending',
      reasons: [{ code: 'fraudHold', message: 'held for review' }],
      until: null,
      decidedAt: t(2),
    });
    await saveReferral(db, {
      orderId: 'order-1',
      campaignId: 'c-1',
      advocateKey: 'customer:advocate-1',
      advocateCustomerId: 'advocate-1',
      advocateEmailHash: null,
      friendAccount: 'friend-1',
      code: 'ada10',
      ipHash: null,
      deviceHash: 'd-1',
      addressHash: null,
      verdict: 'hold',
      score: 60,
      placedAt: t(0),
      assessedAt: t(2),
    });
    await recordCustomerOrder(db, { orderId: 'order-1', customerId: 'friend-1', createdAt: t(0) }, t(0));
    await recordCustomerOrder(db, { orderId: 'order-0', customerId: 'friend-1', createdAt: t(-3) }, t(-3));
  }

  beforeEach(async () => {
    db = await openTestStore();
    logs = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = createLogger('info', sink);
    app = createHttpApp(logger);
    registerAdminReviewRoutes(app, {
      db,
      clock: { now: () => t(30) },
      logger,
      config: { hashKey: 'test-hash-key' },
      campaigns: [FRIENDBUY_HOLDS],
      commercetools: api,
      guard: bearerGuard(TOKEN),
    });
    await app.ready();
    await seedOrder();
    cases = [
      await open('order-1', 'customer:advocate-1', 'sameDevice'),
      await open('order-2', 'customer:advocate-1', 'velocity'),
      await open('order-3', 'email:abc', 'sameDevice', 'c-2'),
    ];
  });
  afterEach(async () => {
    ordersDown = false;
    await app.close();
    await db.close();
  });

  it('refuses every route without the admin token', async () => {
    const id = cases[0]!.id;
    const answers = await Promise.all([
      get('/admin/api/reviews', {}),
      get(`/admin/api/reviews/${id}`, {}),
      post(`/admin/api/reviews/${id}/approve`, { operator }, {}),
      post(`/admin/api/reviews/${id}/reject`, { operator, reason: 'x' }, { authorization: 'Bearer wrong' }),
      post('/admin/api/reviews/bulk', { ids: [id], decision: 'approve', operator }, {}),
      get('/admin/api/orders/order-1/timeline', {}),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it.each([
    ['/admin/api/reviews?limit=201', 'limit'],
    ['/admin/api/reviews?limit=0', 'limit'],
    ['/admin/api/reviews?status=pending', 'status'],
    ['/admin/api/reviews?from=yesterday', 'from'],
    ['/admin/api/reviews?after=-1', 'after'],
    ['/admin/api/reviews?signal=a%20b', 'signal'],
    ['/admin/api/reviews/abc', 'id'],
  ])('answers 400 naming the field for GET %s', async (url, field) => {
    const answer = await get(url);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toContain(field);
  });

  it('lists cases oldest first, one page at a time, with filters', async () => {
    const first = await get('/admin/api/reviews?status=open&limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.reviews.map((r: ReviewRow) => r.orderId)).toEqual(['order-1', 'order-2']);
    expect(page.next).toEqual(expect.any(String));
    const second = (await get(`/admin/api/reviews?status=open&limit=2&after=${page.next}`)).json();
    expect(second).toMatchObject({ reviews: [{ orderId: 'order-3' }], next: null });

    const orders = async (query: string) =>
      (await get(`/admin/api/reviews?${query}`)).json().reviews.map((r: ReviewRow) => r.orderId);
    expect(await orders('signal=sameDevice')).toEqual(['order-1', 'order-3']);
    expect(await orders('advocate=advocate-1')).toEqual(['order-1', 'order-2']);
    expect(await orders('advocate=email:abc&campaignId=c-2')).toEqual(['order-3']);
    expect(await orders('from=2026-03-01T12:10:00Z&to=2026-03-02')).toHaveLength(3);
    expect(await orders('from=2026-03-02')).toEqual([]);
  });

  it('shows a case with its order timeline, the friend and the advocate’s other open cases', async () => {
    const answer = await get(`/admin/api/reviews/${cases[0]!.id}`);
    expect(answer.statusCode).toBe(200);
    const view = answer.json();
    expect(view).toMatchObject({
      id: cases[0]!.id,
      orderId: 'order-1',
      status: 'open',
      signals: [{ signal: 'sameDevice' }],
    });
    expect(view.order.events.map((e: { stream: string; type: string }) => [e.stream, e.type])).toEqual([
      ['order:order-1', 'order.created'],
      ['reward:r-1', 'reward.issued'],
      ['order:order-1', 'fraud.assessed'],
      ['order:order-1', 'purchase.reported'],
    ]);
    // Friendbuy holds this campaign's rewards: it stops asking 30 days + 72 h after the purchase report.
    expect(view.decideBy).toBe(new Date(t(3).getTime() + (30 * 24 + 72) * 3_600_000).toISOString());
    expect(view.order).toMatchObject({
      eligibility: { status: 'pending' },
      rewards: [{ rewardId: 'r-1', state: 'held' }],
    });
    expect(view.customer).toMatchObject({
      friendAccount: 'friend-1',
      customerId: 'friend-1',
      events: [{ stream: 'customer:friend-1', type: 'customer.created' }],
      otherOrders: [{ orderId: 'order-0' }],
    });
    expect(view.referral).toMatchObject({
      advocateKey: 'customer:advocate-1',
      verdict: 'hold',
      advocateOpenReviews: [{ id: cases[1]!.id, orderId: 'order-2' }],
    });
    expect((await get('/admin/api/reviews/999')).statusCode).toBe(404);
  });

  it('still shows the case when commercetools fails to list the advocate’s orders, saying "before"', async () => {
    ordersDown = true;
    const answer = await get(`/admin/api/reviews/${cases[0]!.id}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().signals).toMatchObject([
      { signal: 'sameDevice', explanation: 'placed from a device the advocate used before' },
    ]);
    const warning = logs.find((line) => line.level === 40 && String(line.msg).includes("advocate's orders"));
    expect(warning).toMatchObject({ reviewId: cases[0]!.id });
    expect(warning?.correlationId).toBe(answer.headers['x-correlation-id']);
  });

  it('approves a case, answers the same approval as unchanged, and refuses a rejection after it', async () => {
    const url = `/admin/api/reviews/${cases[0]!.id}`;
    const approved = await post(`${url}/approve`, { operator, reason: 'known customer' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      outcome: 'decided',
      review: { status: 'approved', decidedBy: operator },
    });

    const again = await post(`${url}/approve`, {}, { ...auth, 'x-connector-operator': 'other@shop.example' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'unchanged', review: { decidedBy: operator } });

    const rejected = await post(`${url}/reject`, { operator, reason: 'same card' });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().message).toContain(`by ${operator} at ${t(30).toISOString()}`);

    const decision = logs.find((line) => line.msg === 'review decision' && line.outcome === 'decided');
    expect(decision).toMatchObject({ reviewId: cases[0]!.id, orderId: 'order-1', decision: 'approve' });
    expect(decision?.correlationId).toBe(approved.headers['x-correlation-id']);
    expect(JSON.stringify(logs)).not.toContain(operator);
    expect(JSON.stringify(logs)).not.toContain('known customer');
  });

  it('needs an operator for every decision and a reason for a rejection', async () => {
    const url = `/admin/api/reviews/${cases[0]!.id}`;
    const noOperator = await post(`${url}/approve`, {});
    expect(noOperator.statusCode).toBe(400);
    expect(noOperator.json().message).toContain('operator');
    const noReason = await post(`${url}/reject`, { operator });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('reason');
    const rejected = await post(
      `${url}/reject`,
      { reason: 'ring' },
      { ...auth, 'x-connector-operator': operator },
    );
    expect(rejected.json()).toMatchObject({
      outcome: 'decided',
      review: { status: 'rejected', reason: 'ring' },
    });
    expect((await post('/admin/api/reviews/999/approve', { operator })).statusCode).toBe(404);
  });

  it('decides in bulk, reporting each case', async () => {
    await post(`/admin/api/reviews/${cases[1]!.id}/reject`, { operator, reason: 'velocity' });
    const ids = [cases[0]!.id, cases[1]!.id, 999];
    const answer = await post('/admin/api/reviews/bulk', { ids, decision: 'approve', operator });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().results).toEqual([
      { id: cases[0]!.id, outcome: 'decided', status: 'approved' },
      {
        id: cases[1]!.id,
        outcome: 'refused',
        status: 'rejected',
        message: expect.stringContaining('already rejected'),
      },
      { id: 999, outcome: 'notFound', status: null, message: 'no review 999' },
    ]);

    const tooMany = await post('/admin/api/reviews/bulk', {
      ids: Array.from({ length: 501 }, (_, i) => i + 1),
      decision: 'approve',
      operator,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('ids');
    const noReason = await post('/admin/api/reviews/bulk', { ids, decision: 'reject', operator });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('reason');
  });

  it('shows an order’s timeline, and 404 for an order the connector never saw', async () => {
    const answer = await get('/admin/api/orders/order-1/timeline');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      orderId: 'order-1',
      events: [
        { seq: 1, type: 'order.created' },
        { stream: 'reward:r-1' },
        { seq: 2, type: 'fraud.assessed' },
        { seq: 3, type: 'purchase.reported' },
      ],
      eligibility: { status: 'pending' },
      rewards: [{ rewardId: 'r-1' }],
      review: { id: cases[0]!.id, status: 'open' },
      referral: { verdict: 'hold' },
    });
    expect(answer.json().events[0]).toHaveProperty('hash');
    expect((await get('/admin/api/orders/order-unknown/timeline')).statusCode).toBe(404);
  });
});
