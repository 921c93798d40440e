import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { UnstorableError } from '../domain/storable-text.js';
import type { Db } from './db.js';
import { type InboundMessage, recordInbound } from './inbox.js';
import { createInboxWriter } from './inbox-writer.js';

const message = (dedupKey: string, payload: unknown = { dedupKey }): InboundMessage => ({
  source: 'commercetools',
  dedupKey,
  kind: 'OrderCreated',
  resourceId: dedupKey,
  payload,
  correlationId: 'c',
  receivedAt: new Date('2026-01-01T00:00:00Z'),
});

describe('inbox writer', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.close();
  });

  const inboxKeys = async () =>
    (await db.query<{ dedup_key: string }>('SELECT dedup_key FROM inbox ORDER BY dedup_key')).rows.map(
      (row) => row.dedup_key,
    );

  it('stores a payload received as text exactly as received, and serialises one given only as an object', async () => {
    const writer = createInboxWriter(db);
    const text = '{"dedupKey":"as-text","totalPrice":{"centAmount":12345678901234567890}}';
    await Promise.all([
      writer.record({ ...message('as-text', JSON.parse(text)), payloadJson: text }, 'job'),
      writer.record(message('as-object', { dedupKey: 'as-object', nested: { list: [1, 'two'] } }), 'job'),
    ]);
    const rows = await db.query<{ dedup_key: string; payload: string }>(
      'SELECT dedup_key, payload::text AS payload FROM inbox ORDER BY dedup_key',
    );
    expect(rows.rows).toEqual([
      { dedup_key: 'as-object', payload: '{"nested": {"list": [1, "two"]}, "dedupKey": "as-object"}' },
      // JSON.parse would have rounded it to 12345678901234567000.
      {
        dedup_key: 'as-text',
        payload: '{"dedupKey": "as-text", "totalPrice": {"centAmount": 12345678901234567890}}',
      },
    ]);
  });

  it('writes a failed batch again one by one, so only the message the store refuses fails', async () => {
    // The store refuses one message for a reason nobody foresaw (here: a check added by an operator).
    await db.exec(
      `ALTER TABLE inbox ADD CONSTRAINT no_forbidden CHECK (payload ->> 'dedupKey' <> 'forbidden')`,
    );
    const writer = createInboxWriter(db);
    const keys = ['a', 'b', 'forbidden', 'c', 'd', 'e'];
    const outcomes = await Promise.allSettled(keys.map((key) => writer.record(message(key), 'job')));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await inboxKeys()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('writes a message at once while an earlier write waits, and still answers the waiting one', async () => {
    const writer = createInboxWriter(db);
    // A first delivery of 'slow' is being recorded in a transaction not yet committed: its redelivery waits on
    // that key. A message arriving meanwhile must not queue behind it.
    let redelivery: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await recordInbound(tx, message('slow'));
      redelivery = writer.record(message('slow'), 'job');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      expect(await writer.record(message('other'), 'job')).toEqual({ recorded: true });
      expect(performance.now() - started).toBeLessThan(2_000);
    });
    expect(await redelivery).toEqual({ recorded: false });
    expect(await inboxKeys()).toEqual(['other', 'slow']);
  });

  it('refuses up front what PostgreSQL cannot store, naming the field', async () => {
    const writer = createInboxWriter(db);
    const refused = await Promise.allSettled([
      writer.record(message('nul', { order: { email: 'a\u0000b' } })),
      writer.record(message('x'.repeat(3_000))),
      writer.record(message('surrogate', { lines: [{ name: 'ok' }, { name: '\ud83d' }] })),
      writer.record(message('fine')),
    ]);
    const reasons = refused.map((outcome) =>
      outcome.status === 'rejected' && outcome.reason instanceof UnstorableError
        ? outcome.reason.message
        : 'ok',
    );
    expect(reasons).toEqual([
      'order.email contains a NUL character',
      'dedupKey is longer than 512 characters',
      'lines[1].name contains an unpaired UTF-16 surrogate',
      'ok',
    ]);
    expect(await inboxKeys()).toEqual(['fine']);
  });
});
