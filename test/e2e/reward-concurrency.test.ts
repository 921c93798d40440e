// Two connector processes on one database receive the same reward webhooks and handle the same reward at the
// same moment (as after an outbox lease ran out): still one reward, one ledger history, one commercetools code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connector.js';
import { REWARD_EVENT, rewardStream } from '../../src/domain/reward-events.js';
import { createRewardCouponJob } from '../../src/flows/create-reward-coupon.js';
import { JOB } from '../../src/flows/job-kinds.js';
import { createFriendbuyWebhookProcessor } from '../../src/flows/process-friendbuy-webhook.js';
import { SIGNATURE_HEADER, signBody } from '../../src/friendbuy/signature.js';
import { readStream, verifyLedger } from '../../src/store/ledger.js';
import { listJobs } from '../../src/store/outbox.js';
import { startLiveConnector, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { flowDepsOf, jobContext } from '../helpers/flow-deps.js';

const NO_WORKERS = { OUTBOX_WORKERS: 'false' };

describe('two connector processes handling the same reward', () => {
  let first: TestConnector;
  let second: Connector;
  beforeAll(async () => {
    first = await startTestConnector(NO_WORKERS);
    second = await startLiveConnector(first, first.store, NO_WORKERS);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  // Both processes get the same campaigns, as deployed.
  const depsOf = (process: Connector) => flowDepsOf(process);
  const context = (process: Connector, kind: string) => jobContext(process, kind, 'concurrency-test');

  it('records one reward and creates one code, whichever process gets there first', async () => {
    const advocate = (
      await first.api
        .customers()
        .post({ body: { email: 'twice@example.com', password: 'secret-123' } })
        .execute()
    ).body.customer;
    const items = ['twin-1', 'twin-2'].map((rewardId) => ({
      rewardId,
      rewardType: 'discount',
      rewardUnit: 'USD',
      rewardAmount: '10.00',
      customerId: advocate.id,
      emailAddress: advocate.email,
      couponCode: `adv-${rewardId}`,
      createdOn: new Date().toISOString(),
    }));
    // The same rewards reach both processes concurrently, twice each, under two webhook ids (a retry).
    const posts = ['wh-a', 'wh-b'].flatMap((id) => {
      const body = JSON.stringify({
        id,
        type: 'advocateReward',
        createdOn: new Date().toISOString(),
        data: items,
      });
      const headers = {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(body, first.config.friendbuy.secretKey),
      };
      return [first.url, second.url, first.url, second.url].map((url) =>
        fetch(`${url}/webhooks/friendbuy`, { method: 'POST', headers, body }).then(
          (response) => response.json() as Promise<{ recorded: number }>,
        ),
      );
    });
    const answers = await Promise.all(posts);
    expect(answers.reduce((sum, answer) => sum + answer.recorded, 0)).toBe(2);
    const webhookJobs = await listJobs(first.db, { kind: JOB.friendbuyWebhook.name });
    expect(webhookJobs).toHaveLength(2);

    // Both processes run the processing of the first reward's webhook, then its coupon job, at the same time.
    const [a, b] = [await depsOf(first), await depsOf(second)];
    const inboxId = Number(webhookJobs[0]!.payload.inboxId);
    const [firstInbox] = (
      await first.db.query<{ resource_id: string }>('SELECT resource_id FROM inbox WHERE id = $1', [inboxId])
    ).rows;
    const rewardId = firstInbox!.resource_id;
    await Promise.all([
      createFriendbuyWebhookProcessor(a)({ inboxId }, context(first, JOB.friendbuyWebhook.name)),
      createFriendbuyWebhookProcessor(b)({ inboxId }, context(second, JOB.friendbuyWebhook.name)),
    ]);
    await Promise.all([
      createRewardCouponJob(a)({ rewardId }, context(first, JOB.rewardCoupon.name)),
      createRewardCouponJob(b)({ rewardId }, context(second, JOB.rewardCoupon.name)),
    ]);

    // Then both processes' workers drain the queue together (the jobs above run a third time, as no-ops).
    let ran: number[];
    do ran = await Promise.all([first.workers.drain(), second.workers.drain()]);
    while (ran.some((count) => count > 0));
    const failures = await first.db.query(`SELECT kind FROM outbox WHERE last_error IS NOT NULL`);
    expect(failures.rows).toEqual([]);

    for (const id of ['twin-1', 'twin-2']) {
      const events = await readStream(first.db, rewardStream(id));
      expect(events.map((event) => event.type)).toEqual([REWARD_EVENT.issued, REWARD_EVENT.codeCreated]);
      const codes = await first.api
        .discountCodes()
        .get({ queryArgs: { where: 'code = :code', 'var.code': `adv-${id}` } })
        .execute();
      expect(codes.body.results).toHaveLength(1);
    }
    const rows = await first.db.query<{ reward_id: string; state: string }>(
      'SELECT reward_id, state FROM rewards ORDER BY reward_id',
    );
    expect(rows.rows).toEqual([
      { reward_id: 'twin-1', state: 'available' },
      { reward_id: 'twin-2', state: 'available' },
    ]);
    expect((await verifyLedger(first.db)).breaks).toEqual([]);
  });
});
