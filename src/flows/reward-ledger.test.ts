import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { CliContext } from '../cli/context.js';
import { ledgerCommand } from '../cli/ledger.js';
import { REWARD_EVENT as E, rewardStream } from '../domain/reward-events.js';
import type { Db } from '../store/db.js';
import { readStream, verifyLedger } from '../store/ledger.js';
import { listJobs } from '../store/outbox.js';
import { findReward, insertReward } from '../store/rewards.js';
import { JOB } from './job-kinds.js';
import { loadRewardView } from './reward-history.js';
import { recordRewardEvent } from './reward-ledger.js';

const at = new Date('2026-03-01T12:00:00Z');

describe('reward ledger', () => {
  let db: Db;
  const record = (
    type: Parameters<typeof recordRewardEvent>[2],
    dedupKey: string,
    data = {},
    rewardId = 'r-1',
  ) =>
    db.transaction((tx) =>
      recordRewardEvent(tx, rewardId, type, data, { dedupKey, occurredAt: at, now: at }),
    );

  /** `ct-friendbuy ledger verify` against this test's store; returns its exit code and output. */
  const ledgerVerify = async () => {
    const context = {
      openDb: async () => ({ ...db, close: async () => undefined }),
    } as unknown as CliContext;
    const output: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    try {
      return { code: await ledgerCommand(context, ['verify']), output: output.join('') };
    } finally {
      write.mockRestore();
    }
  };

  beforeEach(async () => {
    db = await openTestStore();
    await insertReward(db, {
      rewardId: 'r-1',
      kind: 'advocateReward',
      customerId: 'customer-1',
      emailHash: null,
      campaignId: 'c-1',
      couponCode: 'adv-1',
      amount: '10.00',
      unit: 'USD',
      orderId: 'order-1',
      state: 'none',
      inboxId: null,
      issuedAt: at,
    });
  });
  afterEach(async () => {
    await db.close();
  });

  it('records a reward’s full life; ledger verify passes, and fails after a tamper', async () => {
    const life = [
      [E.issued, 'issued'],
      [E.codeCreated, 'available'],
      [E.held, 'held'],
      [E.released, 'available'],
      [E.redeemed, 'redeemed'],
      [E.reissueRequested, 'reissuePending'],
      [E.reissued, 'available'],
      [E.expired, 'expired'],
    ] as const;
    for (const [type, state] of life) {
      const result = await record(type, `${type}:r-1`, type === E.redeemed ? { orderId: 'order-2' } : {});
      expect(result).toMatchObject({ outcome: 'recorded', state });
    }
    expect(await findReward(db, 'r-1')).toMatchObject({ state: 'expired', redeemedOrderId: 'order-2' });
    const view = await loadRewardView(db, 'r-1');
    expect(view?.state).toBe('expired');
    expect(view?.history.map((event) => event.to)).toEqual(life.map(([, state]) => state));

    expect(await verifyLedger(db)).toEqual({ events: life.length, breaks: [] });
    expect(await ledgerVerify()).toEqual({
      code: 0,
      output: `ledger intact: ${life.length} event(s) verified\n`,
    });

    // Someone with superuser rights rewrites the redemption behind the application's back.
    await db.exec('ALTER TABLE ledger DISABLE TRIGGER ledger_no_update_or_delete');
    await db.query(`UPDATE ledger SET data = '{"orderId": "order-x"}' WHERE stream = $1 AND seq = 5`, [
      rewardStream('r-1'),
    ]);
    const verified = await ledgerVerify();
    expect(verified.code).toBe(1);
    expect(verified.output).toContain('BROKEN reward:r-1 #5: content does not match its hash');
  });

  it('records an impossible transition as an anomaly, never applies it, and keeps the state', async () => {
    await record(E.issued, 'issued:r-1');
    await record(E.codeCreated, 'code:r-1');
    await record(E.redeemed, 'redeemed:r-1:order-1', { orderId: 'order-1' });
    const refused = await record(E.redeemed, 'redeemed:r-1:order-2', { orderId: 'order-2' });
    expect(refused).toEqual({
      outcome: 'refused',
      state: 'redeemed',
      reason: 'reward.redeemed is not possible when the reward is redeemed',
    });
    // A re-run of the refused call records no second anomaly.
    expect((await record(E.redeemed, 'redeemed:r-1:order-2', { orderId: 'order-2' })).outcome).toBe(
      'refused',
    );

    const events = await readStream(db, rewardStream('r-1'));
    expect(events.map((event) => event.type)).toEqual([E.issued, E.codeCreated, E.redeemed, E.anomaly]);
    expect(events[3]?.data).toEqual({
      refused: { type: E.redeemed, data: { orderId: 'order-2' } },
      state: 'redeemed',
      reason: 'reward.redeemed is not possible when the reward is redeemed',
    });
    expect(await findReward(db, 'r-1')).toMatchObject({ state: 'redeemed', redeemedOrderId: 'order-1' });
    const view = await loadRewardView(db, 'r-1');
    expect(view).toMatchObject({
      state: 'redeemed',
      anomalies: [{ refused: E.redeemed, state: 'redeemed' }],
    });
  });

  it('records the same event once, without an anomaly, however often it is recorded', async () => {
    expect((await record(E.issued, 'issued:r-1')).outcome).toBe('recorded');
    expect(await record(E.issued, 'issued:r-1')).toEqual({ outcome: 'duplicate', state: 'issued' });
    expect(await readStream(db, rewardStream('r-1'))).toHaveLength(1);
  });

  it('decides concurrent events from the state the other left: one redemption applies, one is refused', async () => {
    await record(E.issued, 'issued:r-1');
    await record(E.codeCreated, 'code:r-1');
    const results = await Promise.all([
      record(E.redeemed, 'redeemed:a', { orderId: 'order-a' }),
      record(E.redeemed, 'redeemed:b', { orderId: 'order-b' }),
    ]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['recorded', 'refused']);
    expect((await verifyLedger(db)).breaks).toEqual([]);
  });

  it('enqueues the customer and order projections of every change', async () => {
    await record(E.issued, 'issued:r-1');
    await record(E.redeemed, 'redeemed:r-1', { orderId: 'order-2' });
    const jobs = (await listJobs(db, {})).map((job) => `${job.kind} ${JSON.stringify(job.payload)}`).sort();
    expect(jobs).toEqual([
      `${JOB.projectCustomerRewardFields.name} {"customerId":"customer-1"}`,
      `${JOB.projectCustomerRewardFields.name} {"customerId":"customer-1"}`,
      `${JOB.projectOrderRewardFields.name} {"orderId":"order-1"}`,
      `${JOB.projectOrderRewardFields.name} {"orderId":"order-1"}`,
      `${JOB.projectOrderRewardFields.name} {"orderId":"order-2"}`,
    ]);
  });
});
