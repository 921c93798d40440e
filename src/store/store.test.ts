import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropSchema, newSchemaName, openTestStore, testDatabaseUrl } from '../../test/helpers/store.js';
import type { Db } from './db.js';
import { countUnhandled, readInbound, recordInbound, unhandledCounts } from './inbox.js';
import { createInboxWriter } from './inbox-writer.js';
import { appendEvent, readStream, verifyLedger } from './ledger.js';
import { migrate } from './migrate.js';
import { openStore } from './open.js';
import { claimJobs, completeJob, enqueue, failJob, listJobs, queueCounts, retryDeadJobs } from './outbox.js';

const at = (iso: string) => new Date(iso);
const message = (dedupKey: string) => ({
  source: 'commercetools' as const,
  dedupKey,
  kind: 'OrderCreated',
  resourceId: 'order-1',
  payload: { type: 'OrderCreated' },
  correlationId: 'c-1',
  receivedAt: at('2026-01-01T00:00:00Z'),
});

describe('store', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.close();
  });

  it('applies migrations once, however often it is started', async () => {
    expect(await migrate(db)).toEqual([]);
    const applied = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((row) => row.name)).toContain('001_core');
  });

  it('records an inbound message once and enqueues its processing job with it', async () => {
    expect(await recordInbound(db, message('order-1:1'), 'commercetools.message')).toEqual({
      recorded: true,
    });
    expect(await recordInbound(db, message('order-1:1'), 'commercetools.message')).toEqual({
      recorded: false,
    });
    const jobs = await listJobs(db, {});
    expect(jobs).toHaveLength(1);
    const inboxId = jobs[0]!.payload.inboxId as number;
    expect((await readInbound(db, inboxId))?.dedupKey).toBe('order-1:1');
  });

  it('batches concurrent messages into one write, telling each caller whether its message was new', async () => {
    const writer = createInboxWriter(db, { maxBatch: 50 });
    const keys = Array.from({ length: 120 }, (_, i) => `order-${i % 40}:1`);
    const results = await Promise.all(
      keys.map((key) => writer.record(message(key), 'commercetools.message')),
    );
    expect(results.filter((result) => result.recorded)).toHaveLength(40);
    const firsts = keys.map((key, index) => keys.indexOf(key) === index);
    expect(results.map((result) => result.recorded)).toEqual(firsts);
    expect(await listJobs(db, { limit: 1000 })).toHaveLength(40);
  });

  it('counts message types it does not handle', async () => {
    await countUnhandled(db, 'commercetools', 'order:OrderCustomFieldChanged', at('2026-01-01T00:00:00Z'));
    await countUnhandled(db, 'commercetools', 'order:OrderCustomFieldChanged', at('2026-01-01T00:00:01Z'));
    expect(await unhandledCounts(db)).toEqual({ 'commercetools:order:OrderCustomFieldChanged': 2 });
  });

  it('refuses to update or delete ledger events', async () => {
    await db.transaction((tx) =>
      appendEvent(
        tx,
        { stream: 's', type: 'a', data: {}, occurredAt: at('2026-01-01T00:00:00Z') },
        new Date(),
      ),
    );
    await expect(db.query(`UPDATE ledger SET type = 'b'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM ledger')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE ledger')).rejects.toThrow(/append-only/);
  });

  it('chains ledger events per stream and detects a tampered event', async () => {
    for (const type of ['issued', 'held', 'released']) {
      await db.transaction((tx) =>
        appendEvent(
          tx,
          { stream: 'reward:1', type, data: { amount: 10 }, occurredAt: at('2026-01-01T00:00:00Z') },
          new Date(),
        ),
      );
    }
    const events = await readStream(db, 'reward:1');
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(await verifyLedger(db)).toEqual({ events: 3, breaks: [] });

    // Someone with superuser rights edits a fact behind the application's back.
    await db.exec('ALTER TABLE ledger DISABLE TRIGGER ledger_no_update_or_delete');
    await db.query(`UPDATE ledger SET data = '{"amount": 1000}' WHERE stream = 'reward:1' AND seq = 2`);
    const result = await verifyLedger(db);
    expect(result.breaks).toEqual([
      { stream: 'reward:1', seq: 2, reason: 'content does not match its hash' },
    ]);
  });

  it('records an idempotent ledger event once', async () => {
    const input = { stream: 'o', type: 'x', data: {}, dedupKey: 'k', occurredAt: new Date() };
    expect(await db.transaction((tx) => appendEvent(tx, input, new Date()))).toBeDefined();
    expect(await db.transaction((tx) => appendEvent(tx, input, new Date()))).toBeUndefined();
  });

  it('gives each due job to one claimer and retries or dead-letters failures', async () => {
    const now = at('2026-01-01T00:00:00Z');
    expect(await enqueue(db, { kind: 'k', dedupKey: 'a', payload: {} }, now)).toBe(true);
    expect(await enqueue(db, { kind: 'k', dedupKey: 'a', payload: {} }, now)).toBe(false);
    await enqueue(db, { kind: 'k', dedupKey: 'b', payload: {} }, now);
    const [first, second] = await Promise.all([
      claimJobs(db, { workerId: 'w1', now, limit: 1, leaseMs: 60_000 }),
      claimJobs(db, { workerId: 'w2', now, limit: 5, leaseMs: 60_000 }),
    ]);
    const claimed = [...first!, ...second!].map((job) => job.dedupKey).sort();
    expect(claimed).toEqual(['a', 'b']);
    expect(await claimJobs(db, { workerId: 'w3', now, limit: 5, leaseMs: 60_000 })).toEqual([]);

    const [a, b] = [...first!, ...second!].sort((x, y) => x.id - y.id);
    await completeJob(db, a!.id, now);
    await failJob(db, b!.id, 'boom', now, undefined);
    expect(await queueCounts(db)).toEqual({ pending: 0, failed: 1 });
    expect(await retryDeadJobs(db, now)).toBe(1);
    expect(await queueCounts(db)).toEqual({ pending: 1, failed: 0 });
  });

  it('hands a job whose lease ran out (its worker crashed) to another worker', async () => {
    const now = at('2026-01-01T00:00:00Z');
    await enqueue(db, { kind: 'k', dedupKey: 'a', payload: {} }, now);
    expect(await claimJobs(db, { workerId: 'w1', now, limit: 1, leaseMs: 1_000 })).toHaveLength(1);
    const later = at('2026-01-01T00:00:02Z');
    const reclaimed = await claimJobs(db, { workerId: 'w2', now: later, limit: 1, leaseMs: 1_000 });
    expect(reclaimed[0]?.attempts).toBe(2);
  });
});

describe.runIf(testDatabaseUrl)('store on a PostgreSQL server', () => {
  it('migrates safely when two processes start at once', async () => {
    const schema = newSchemaName();
    try {
      const [a, b] = await Promise.all([
        openStore({ url: testDatabaseUrl, schema }),
        openStore({ url: testDatabaseUrl, schema }),
      ]);
      const applied = await a.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM schema_migrations',
      );
      expect(applied.rows[0]?.count).toBeGreaterThanOrEqual(2);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await dropSchema(schema);
    }
  });
});
