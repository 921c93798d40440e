import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { Db } from './db.js';
import { enqueueMany, listJobs } from './outbox.js';

describe('enqueueMany', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('enqueues a batch in one statement, skipping keys already queued', async () => {
    const now = new Date();
    const job = (n: number) => ({ kind: 'test.many', dedupKey: `many:${n}`, payload: { n } });
    expect(await enqueueMany(db, [job(1), job(2)], now)).toBe(2);
    expect(await enqueueMany(db, [job(2), { ...job(3), correlationId: 'c-3' }], now)).toBe(1);
    expect(await enqueueMany(db, [], now)).toBe(0);
    const jobs = await listJobs(db, { kind: 'test.many' });
    expect(jobs.map((j) => [j.dedupKey, j.payload, j.correlationId]).sort()).toEqual([
      ['many:1', { n: 1 }, null],
      ['many:2', { n: 2 }, null],
      ['many:3', { n: 3 }, 'c-3'],
    ]);
  });
});
