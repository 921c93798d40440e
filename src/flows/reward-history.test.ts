import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { REWARD_EVENT } from '../domain/reward-events.js';
import type { Db, Queryable } from '../store/db.js';
import { insertReward } from '../store/rewards.js';
import { loadRewardView } from './reward-history.js';
import { recordRewardEvent } from './reward-ledger.js';

const AT = new Date('2026-12-01T10:00:00Z');

describe('a reward as the admin API shows it', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.close();
  });

  /** What issueReward commits in one transaction: the row and the stream's first event. */
  const issue = (rewardId: string) =>
    db.transaction(async (tx) => {
      await insertReward(tx, {
        rewardId,
        kind: 'advocateReward',
        customerId: 'c-1',
        emailHash: null,
        campaignId: 'spring',
        couponCode: 'ADV-1',
        amount: '20',
        unit: 'USD',
        orderId: null,
        state: 'none',
        inboxId: null,
        issuedAt: AT,
      });
      await recordRewardEvent(
        tx,
        rewardId,
        REWARD_EVENT.issued,
        { amount: '20', unit: 'USD' },
        { dedupKey: `issued:${rewardId}`, occurredAt: AT, now: AT, correlationId: 'c' },
      );
    });

  it('never shows a history without the reward’s facts, even when it is issued between two reads', async () => {
    // The reward is issued right after the view's first read, as a webhook's processing can be.
    let issued = false;
    const reader: Queryable = {
      ...db,
      async query(sql, params, options) {
        const result = await db.query(sql, params, options);
        if (!issued) {
          issued = true;
          await issue('r-between');
        }
        return result as never;
      },
    };
    const view = await loadRewardView(reader, 'r-between');
    // Either not known yet, or known with its facts: never an issued history with no amount.
    if (view) expect(view).toMatchObject({ kind: 'advocateReward', amount: '20', unit: 'USD' });
    expect(issued).toBe(true);
    expect(await loadRewardView(db, 'r-between')).toMatchObject({
      kind: 'advocateReward',
      amount: '20',
      history: [expect.objectContaining({ type: REWARD_EVENT.issued })],
    });
  });
});
