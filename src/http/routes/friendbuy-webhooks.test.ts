import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/helpers/store.js';
import { systemClock } from '../../clock.js';
import { JOB } from '../../flows/job-kinds.js';
import { SIGNATURE_HEADER, signBody } from '../../friendbuy/signature.js';
import { createLogger } from '../../logger.js';
import { createConnectorMetrics } from '../../observability/metrics.js';
import type { Db } from '../../store/db.js';
import { unhandledCounts } from '../../store/inbox.js';
import { createInboxWriter } from '../../store/inbox-writer.js';
import { createHttpApp } from '../app.js';
import { registerFriendbuyWebhookRoute } from './friendbuy-webhooks.js';

const SECRET = 'test-friendbuy-secret-key';

const reward = (rewardId: string) => ({
  rewardId,
  rewardType: 'discount',
  rewardUnit: 'USD',
  rewardAmount: '20.00',
  emailAddress: 'advocate@example.com',
  customerId: 'customer-1',
  couponCode: `ADV-${rewardId}`,
  createdOn: '2026-03-01T12:00:00Z',
});
const webhook = (type: string, data: unknown[], id = `wh-${Math.random()}`) => ({
  id,
  type,
  createdOn: '2026-03-01T12:00:01Z',
  data,
});

describe('POST /webhooks/friendbuy', () => {
  let db: Db;
  let app: ReturnType<typeof createHttpApp>;

  const counts = async () => {
    const inbox = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM inbox');
    const outbox = await db.query<{ kind: string; count: number }>(
      'SELECT kind, count(*)::int AS count FROM outbox GROUP BY kind ORDER BY kind',
    );
    return {
      inbox: inbox.rows[0]!.count,
      jobs: Object.fromEntries(outbox.rows.map((row) => [row.kind, row.count])),
    };
  };
  /** Posts `raw` exactly as given, signed over `signed` (by default the same bytes). */
  const post = (raw: string, options: { signed?: string | null; signature?: string } = {}) => {
    const signed = options.signed === undefined ? raw : options.signed;
    const signature = options.signature ?? (signed === null ? undefined : signBody(signed, SECRET));
    return app.inject({
      method: 'POST',
      url: '/webhooks/friendbuy',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { [SIGNATURE_HEADER]: signature } : {}),
      },
      payload: raw,
    });
  };
  const postJson = (body: unknown) => post(JSON.stringify(body));

  beforeEach(async () => {
    db = await openTestStore();
    app = createHttpApp(createLogger('silent'));
    registerFriendbuyWebhookRoute(app, {
      db,
      clock: systemClock,
      metrics: createConnectorMetrics(),
      inbox: createInboxWriter(db),
      secretKey: SECRET,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('refuses alone, with 400 naming the field, a webhook the store cannot hold; its neighbours are recorded', async () => {
    const valid = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify(webhook('advocateReward', [reward(`ok-${i}`)])),
    );
    const poison = [
      JSON.stringify(webhook('advocateReward', [reward('p-1'), reward('p-2')])).replace(
        '"customerId":"customer-1"',
        '"customerId":"customer\\u0000-1"',
      ),
      JSON.stringify(webhook('advocateReward', [{ ...reward('p-3'), couponCode: 'A\udc00' }])),
    ];
    const answers = await Promise.all(
      [...valid.slice(0, 20), ...poison, ...valid.slice(20)].map((raw) => post(raw)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([
      ...valid.slice(0, 20).map(() => 200),
      400,
      400,
      ...valid.slice(20).map(() => 200),
    ]);
    expect(answers[20]!.json().message).toContain('data[0].customerId');
    expect(answers[21]!.json().message).toContain('data[0].couponCode');
    expect(await counts()).toEqual({ inbox: 40, jobs: { [JOB.friendbuyWebhook.name]: 40 } });
  });

  it('records a signed reward with its processing job, then answers 200', async () => {
    const response = await postJson(webhook('advocateReward', [reward('r-1')]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', recorded: 1, duplicates: 0, unhandled: 0 });
    expect(await counts()).toEqual({ inbox: 1, jobs: { [JOB.friendbuyWebhook.name]: 1 } });
    const stored = await db.query<{ source: string; dedup_key: string; kind: string; resource_id: string }>(
      'SELECT source, dedup_key, kind, resource_id FROM inbox',
    );
    expect(stored.rows).toEqual([
      { source: 'friendbuy', dedup_key: 'reward:r-1', kind: 'advocateReward', resource_id: 'r-1' },
    ]);
  });

  it('records each item of a batched webhook', async () => {
    const response = await postJson(
      webhook('friendIncentive', [reward('r-1'), reward('r-2'), reward('r-3')]),
    );
    expect(response.json()).toMatchObject({ recorded: 3, duplicates: 0 });
    expect(await counts()).toEqual({ inbox: 3, jobs: { [JOB.friendbuyWebhook.name]: 3 } });
  });

  it('records nothing new when a webhook is redelivered, even under a new webhook id', async () => {
    await postJson(webhook('advocateReward', [reward('r-1')], 'wh-1'));
    const again = await postJson(webhook('advocateReward', [reward('r-1')], 'wh-1'));
    const redelivered = await postJson(webhook('advocateReward', [reward('r-1'), reward('r-2')], 'wh-2'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(redelivered.json()).toMatchObject({ recorded: 1, duplicates: 1 });
    expect(await counts()).toEqual({ inbox: 2, jobs: { [JOB.friendbuyWebhook.name]: 2 } });
  });

  it('dedupes email captures by eventId and opt-outs by content, each with its own job kind', async () => {
    const capture = { eventId: 'e-1', emailAddress: 'friend@example.com' };
    const optOut = { emailAddress: 'friend@example.com', campaignId: 'c-1' };
    await postJson(webhook('emailCapture', [capture]));
    await postJson(webhook('emailCapture', [capture]));
    await postJson(webhook('emailOptOut', [optOut]));
    await postJson(webhook('emailOptOut', [{ campaignId: 'c-1', emailAddress: 'friend@example.com' }]));
    expect(await counts()).toEqual({
      inbox: 2,
      jobs: { [JOB.friendbuyEmailCapture.name]: 1, [JOB.friendbuyWebhook.name]: 1 },
    });
    const keys = await db.query<{ dedup_key: string }>(
      `SELECT dedup_key FROM inbox WHERE kind = 'emailOptOut'`,
    );
    expect(keys.rows[0]?.dedup_key).toMatch(/^emailOptOut:[0-9a-f]{64}$/);
  });

  it('records and counts a type it does not handle, without a job', async () => {
    const response = await postJson(webhook('loyaltyReward', [{ points: 10 }]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ recorded: 0, unhandled: 1 });
    await postJson(webhook('loyaltyReward', [{ points: 10 }]));
    expect(await counts()).toEqual({ inbox: 1, jobs: {} });
    expect(await unhandledCounts(db)).toEqual({ 'friendbuy:loyaltyReward': 1 });
  });

  describe('signatures: the raw bytes are what count', () => {
    const body = JSON.stringify(webhook('advocateReward', [reward('r-1')]));

    it.each([
      ['missing', { signed: null }],
      ['forged with another key', { signature: signBody(body, 'someone-else') }],
      ['not base64 of 32 bytes', { signature: 'bm90IGEgc2lnbmF0dXJl' }],
      // The same JSON, re-serialised with other whitespace: a different byte string, so a different HMAC.
      [
        'valid for the compact body, sent re-formatted',
        { signed: body, raw: JSON.stringify(JSON.parse(body), null, 2) },
      ],
    ])('refuses a signature that is %s with 401 and stores nothing', async (_name, options) => {
      const { raw = body, ...rest } = options as { raw?: string; signed?: string | null; signature?: string };
      const response = await post(raw, rest);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'Unauthorized' });
      expect(await counts()).toEqual({ inbox: 0, jobs: {} });
    });

    it('accepts the same re-formatted body when it is what was signed', async () => {
      const pretty = JSON.stringify(JSON.parse(body), null, 2);
      expect((await post(pretty)).statusCode).toBe(200);
    });

    it('verifies a body sent without a content type the same way', async () => {
      const headers = { [SIGNATURE_HEADER]: signBody(body, SECRET) };
      const response = await app.inject({
        method: 'POST',
        url: '/webhooks/friendbuy',
        headers,
        payload: body,
      });
      expect(response.statusCode).toBe(200);
    });

    it('checks the signature before parsing: unsigned garbage is 401, signed garbage 400', async () => {
      expect((await post('{not json', { signed: null })).statusCode).toBe(401);
      const signedGarbage = await post('{not json');
      expect(signedGarbage.statusCode).toBe(400);
      expect(signedGarbage.json()).toMatchObject({ code: 'InvalidJson' });
    });
  });

  it.each([
    ['no data', { id: 'w', type: 'advocateReward', createdOn: 'x' }, 'data'],
    [
      'a reward without rewardId',
      webhook('advocateReward', [reward('r-1'), { rewardAmount: '1' }]),
      'data.1.rewardId',
    ],
    ['an opt-out without email', webhook('emailOptOut', [{ campaignId: 'c' }]), 'data.0.emailAddress'],
    ['an empty type', { ...webhook('advocateReward', [reward('r-1')]), type: '' }, 'type'],
  ])(
    'answers 400 naming the field for a malformed envelope (%s) and stores nothing',
    async (_n, body, field) => {
      const response = await postJson(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain(field);
      expect(await counts()).toEqual({ inbox: 0, jobs: {} });
    },
  );
});
