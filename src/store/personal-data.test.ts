import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import type { Db } from './db.js';
import { erasePersonRows, findPersonFootprint, readPersonRows } from './personal-data.js';

// One advocate (customer c-ada, email hash h-ada) and one friend (f-fred), as the fraud check and the identity
// graph record them; erasing the advocate must leave the friend's rows alone.
describe('erasing a person from the store', () => {
  let db: Db;
  const at = new Date('2026-03-01T10:00:00Z');
  beforeAll(async () => {
    db = await openTestStore();
    const rows = [
      `INSERT INTO identity_links VALUES ('customerId', 'c-ada', 'p-ada', $1, $1), ('email', 'h-ada', 'p-ada', $1, $1),
         ('customerId', 'f-fred', 'p-fred', $1, $1)`,
      `INSERT INTO identity_traits VALUES ('p-ada', 'ip', 'ip-hash-ada', $1, $1), ('p-fred', 'ip', 'ip-hash-fred', $1, $1)`,
      `INSERT INTO referral_codes VALUES ('ada10', 'spring', 'c-ada', 'h-ada', 'https://fbuy.me/ada', 'friendbuy', $1, $1)`,
      `INSERT INTO friend_referrals (source, source_key, person_id, referral_code, advocate_customer_id,
         advocate_email_hash, recorded_at) VALUES ('order', 'o-fred', 'p-fred', 'ada10', 'c-ada', 'h-ada', $1),
         ('order', 'o-ada', 'p-ada', 'bob10', 'c-bob', 'h-bob', $1)`,
      `INSERT INTO email_opt_outs VALUES ('h-ada', 'spring', $1)`,
      `INSERT INTO customer_orders (order_id, customer_id, email_hash, created_at, updated_at)
         VALUES ('o-ada', 'c-ada', 'h-ada', $1, $1), ('o-fred', 'f-fred', NULL, $1, $1)`,
      // Reports still queued: Ada's purchase and sign-up, and Fred's purchase.
      `INSERT INTO outbox (kind, dedup_key, payload, run_after, created_at, updated_at) VALUES
         ('friendbuy.purchase', 'p:o-ada', '{"orderId":"o-ada"}', $1, $1, $1),
         ('friendbuy.sign-up', 's:c-ada', '{"customerId":"c-ada"}', $1, $1, $1),
         ('friendbuy.purchase', 'p:o-fred', '{"orderId":"o-fred"}', $1, $1, $1)`,
      `INSERT INTO referrals VALUES ('o-fred', 'spring', 'customer:c-ada', 'c-ada', 'h-ada', 'f-fred', 'ada10',
         'ip-1', 'dev-1', 'addr-1', 'hold', 40, $1, $1)`,
      `INSERT INTO reviews (order_id, campaign_id, advocate_key, friend_account, status, score, signals, opened_at,
         updated_at) VALUES ('o-fred', 'spring', 'customer:c-ada', 'f-fred', 'open', 40,
         '[{"signal":"sharedDevice","weight":40,"evidence":{"accounts":["c-ada"]}}]', $1, $1)`,
    ];
    for (const sql of rows) await db.query(sql, [at]);
  });
  afterAll(() => db?.close());

  it('removes what names the advocate, pseudonymises what counts, and leaves the friend alone', async () => {
    const person = await findPersonFootprint(db, { customerIds: ['c-ada'], emailHashes: [], emails: [] });
    expect(person.emailHashes).toEqual(['h-ada']);
    expect((await readPersonRows(db, person)).referralCodes).toHaveLength(1);

    const counts = await erasePersonRows(db, person, 'e-1', at);
    expect(counts).toMatchObject({ identity_links: 2, identity_traits: 1, email_opt_outs: 1, reviews: 1 });

    const text = async (table: string) =>
      (await db.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t`)).rows.map((r) => r.t).join('\n');
    for (const table of [
      'identity_links',
      'identity_traits',
      'referral_codes',
      'friend_referrals',
      'email_opt_outs',
      'referrals',
      'reviews',
    ]) {
      expect(await text(table), table).not.toMatch(/c-ada|h-ada|p-ada|fbuy\.me\/ada/);
    }
    // The friend keeps their identity; the referral keeps its verdict and score, the review which signal fired.
    expect(await text('identity_links')).toContain('f-fred');
    const referral = await db.query(
      'SELECT advocate_key, friend_account, verdict, score, ip_hash FROM referrals',
    );
    expect(referral.rows[0]).toEqual({
      advocate_key: 'erased:e-1',
      friend_account: 'f-fred',
      verdict: 'hold',
      score: 40,
      ip_hash: 'ip-1',
    });
    // Ada's queued reports are settled unsent (not dead letters); Fred's purchase still goes to Friendbuy.
    const queued = await db.query<{ dedup_key: string; status: string; last_error: string | null }>(
      'SELECT dedup_key, status, last_error FROM outbox ORDER BY dedup_key',
    );
    expect(queued.rows).toEqual([
      { dedup_key: 'p:o-ada', status: 'done', last_error: 'not sent: the person was erased (erasure e-1)' },
      { dedup_key: 'p:o-fred', status: 'pending', last_error: null },
      { dedup_key: 's:c-ada', status: 'done', last_error: 'not sent: the person was erased (erasure e-1)' },
    ]);
    const review = await db.query<{ signals: unknown }>('SELECT signals FROM reviews');
    expect(review.rows[0]!.signals).toEqual([{ signal: 'sharedDevice', weight: 40 }]);
    const after = await readPersonRows(
      db,
      await findPersonFootprint(db, { customerIds: ['c-ada'], emailHashes: ['h-ada'], emails: [] }),
    );
    for (const [table, rows] of Object.entries(after)) expect(rows, table).toEqual([]);
  });
});
