import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { Db } from './db.js';
import { appendEvent, readStream, verifyLedger } from './ledger.js';
import { shredSubjects } from './sealed-fields.js';

describe('sealed personal fields on the ledger', () => {
  let db: Db;
  const at = new Date('2026-03-01T10:00:00Z');
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(() => db?.close());

  const append = (stream: string, data: Record<string, unknown>) =>
    db.transaction((tx) => appendEvent(tx, { stream, type: 'test.fact', data, occurredAt: at }, at));

  it('stores personal fields sealed at any depth and gives them back opened', async () => {
    const data = {
      customerId: 'cust-anna',
      total: { centAmount: 1200 },
      advocate: { emailHash: 'hash-of-anna' },
      friends: [{ friendbuyCustomerId: 'guest_fred' }],
    };
    const returned = await append('order:sealed-1', data);
    expect(returned?.data).toEqual(data);
    const stored = await db.query<{ text: string }>(
      `SELECT data::text AS text FROM ledger WHERE stream = $1`,
      ['order:sealed-1'],
    );
    for (const value of ['cust-anna', 'hash-of-anna', 'guest_fred'])
      expect(stored.rows[0]!.text).not.toContain(value);
    expect(stored.rows[0]!.text).toContain('1200');
    expect((await readStream(db, 'order:sealed-1'))[0]!.data).toEqual(data);
  });

  it('makes a shredded identifier unreadable while the chain still verifies and others stay readable', async () => {
    await append('order:sealed-2', { customerId: 'cust-bert', emailHash: 'hash-of-bert', storeKey: 'us' });
    await append('order:sealed-2', { customerId: 'cust-carla', orderState: 'Confirmed' });
    expect(await shredSubjects(db, ['cust-bert', 'hash-of-bert'])).toBe(2);

    const events = await readStream(db, 'order:sealed-2');
    expect(events[0]!.data).toEqual({ storeKey: 'us' });
    expect(events[1]!.data).toEqual({ customerId: 'cust-carla', orderState: 'Confirmed' });
    expect((await verifyLedger(db, 'order:sealed-2')).breaks).toEqual([]);
  });

  it('still finds a content edit made behind the database’s back', async () => {
    await append('order:sealed-3', { customerId: 'cust-dora', total: 5 });
    await db.exec('ALTER TABLE ledger DISABLE TRIGGER ledger_no_update_or_delete');
    try {
      await db.query(
        `UPDATE ledger SET data = jsonb_set(data, '{total}', '6') WHERE stream = 'order:sealed-3'`,
      );
    } finally {
      await db.exec('ALTER TABLE ledger ENABLE TRIGGER ledger_no_update_or_delete');
    }
    expect((await verifyLedger(db, 'order:sealed-3')).breaks).toEqual([
      { stream: 'order:sealed-3', seq: 1, reason: 'content does not match its hash' },
    ]);
  });
});
