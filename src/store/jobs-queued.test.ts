import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { Db } from './db.js';
import { enqueue, listJobs } from './outbox.js';

describe('waking the workers when queued jobs are committed', () => {
  let db: Db;
  let wakes: number;
  const job = (dedupKey: string) => ({ kind: 'test.job', dedupKey, payload: {} });
  beforeEach(async () => {
    db = await openTestStore();
    wakes = 0;
    db.onJobsQueued(() => void wakes++);
  });
  afterEach(async () => {
    await db.close();
  });

  it('wakes them after the transaction that queued a job commits, not before', async () => {
    await db.transaction(async (tx) => {
      await enqueue(tx, job('in-tx'), new Date());
      expect(wakes).toBe(0);
    });
    expect(wakes).toBe(1);
  });

  it('does not wake them when the transaction rolls back', async () => {
    const failing = db.transaction(async (tx) => {
      await enqueue(tx, job('rolled-back'), new Date());
      throw new Error('something after the enqueue failed');
    });
    await expect(failing).rejects.toThrow('something after the enqueue failed');
    expect(wakes).toBe(0);
    expect(await listJobs(db, {})).toEqual([]);
  });

  it('wakes them at once for a statement outside a transaction, and not for a duplicate', async () => {
    await enqueue(db, job('alone'), new Date());
    expect(wakes).toBe(1);
    await enqueue(db, job('alone'), new Date());
    expect(wakes).toBe(1);
  });
});
