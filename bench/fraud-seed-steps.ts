// The statements that seed the fraud benchmark's history (fraud-history.ts), each run over chunks of numbers
// so that fraud-seed.ts can show progress: first the keyed hashes the probes must hit (computed here, in
// Node, with the connector's own hash functions), then every table from one SQL model of the referrals.
import { loadConfig } from '../src/config.js';
import { hashEmail } from '../src/domain/identity.js';
import type { Db } from '../src/store/db.js';
import {
  addressHashOf,
  advocateEmail,
  BASE,
  BURST_ADVOCATES,
  BURST_IPS,
  CAMPAIGN_ID,
  DEVICE_HASH_SQL,
  HISTORY_DAYS,
  HISTORY_END,
  type HistoryShape,
  HOT_IPS,
  ipHash,
  USER_AGENTS,
  userAgentHash,
} from './fraud-history.js';

/** Tables the steps fill only to join against; dropped once the history is seeded. */
export const HASH_TABLES = [
  'bench_ip_hash',
  'bench_address_hash',
  'bench_advocate_email',
  'bench_user_agent',
];

export interface SeedStep {
  /** Runs over 1..upTo, in chunks [lo, hi]. */
  upTo: number;
  /** Rows the whole step adds, roughly (for the progress line). */
  rows: number;
  run(db: Db, lo: number, hi: number): Promise<void>;
}

export function seedSteps(shape: HistoryShape): SeedStep[] {
  const { hashKey, emailRules } = loadConfig({});
  const sql = (text: string) => async (db: Db, lo: number, hi: number) => {
    await db.query(text, [lo, hi]);
  };
  const hashes =
    (table: string, numbers: (i: number) => number, hash: (n: number) => string) =>
    async (db: Db, lo: number, hi: number) => {
      const ns = Array.from({ length: hi - lo + 1 }, (_, i) => numbers(lo + i));
      await db.query(`INSERT INTO ${table} (n, hash) SELECT * FROM unnest($1::int[], $2::text[])`, [
        ns,
        ns.map(hash),
      ]);
    };
  const { sharedIps, sharedAddresses, advocates, friends, referrals, burstFrom } = shape;
  // The IP numbers a referral can have, in one list: unique ones, then the pools (see `modelSql`).
  const ipRanges: [number, number][] = [
    [1, burstFrom],
    [BASE.sharedPool, sharedIps],
    [BASE.hotIp, HOT_IPS],
    [BASE.burstIp, BURST_IPS],
    [BASE.advocate + 1, advocates],
  ];
  const ipNumbers = ipRanges.reduce((sum, [, count]) => sum + count, 0);
  const nthOf = (ranges: [number, number][]) => (i: number) => {
    let rest = i - 1;
    for (const [from, count] of ranges) {
      if (rest < count) return from + rest;
      rest -= count;
    }
    throw new RangeError(`no number ${i}`);
  };
  const addressRanges: [number, number][] = [
    [1, friends],
    [BASE.sharedPool, sharedAddresses],
    [BASE.advocate + 1, advocates],
  ];
  const addressNumbers = addressRanges.reduce((sum, [, count]) => sum + count, 0);
  const model = modelSql(shape);
  const end = `'${HISTORY_END.toISOString()}'::timestamptz`;
  return [
    {
      upTo: 1,
      rows: 0,
      run: async (db) =>
        db.exec(
          HASH_TABLES.map(
            (table) => `CREATE TABLE ${table} (n integer PRIMARY KEY, hash text NOT NULL);`,
          ).join(''),
        ),
    },
    {
      upTo: USER_AGENTS,
      rows: USER_AGENTS,
      run: hashes(
        'bench_user_agent',
        (i) => i - 1,
        (k) => userAgentHash(k, hashKey),
      ),
    },
    {
      upTo: ipNumbers,
      rows: ipNumbers,
      run: hashes('bench_ip_hash', nthOf(ipRanges), (n) => ipHash(n, hashKey)),
    },
    {
      upTo: addressNumbers,
      rows: addressNumbers,
      run: hashes('bench_address_hash', nthOf(addressRanges), (n) => addressHashOf(n, hashKey)),
    },
    {
      upTo: advocates,
      rows: advocates,
      run: hashes(
        'bench_advocate_email',
        (a) => a,
        (a) => hashEmail(advocateEmail(a), hashKey, emailRules)!,
      ),
    },
    {
      upTo: referrals,
      rows: referrals,
      run: sql(`WITH s AS (${model})
        INSERT INTO referrals (order_id, campaign_id, advocate_key, advocate_customer_id, advocate_email_hash,
          friend_account, code, ip_hash, device_hash, address_hash, verdict, score, placed_at, assessed_at)
        SELECT 'bench-order-' || r, '${CAMPAIGN_ID}', 'customer:bench-advocate-' || a, 'bench-advocate-' || a,
          e.hash, 'bench-friend-' || f, CASE WHEN r % 7 <> 0 THEN 'bench-' || a END, ip.hash,
          ${DEVICE_HASH_SQL('device')}, ad.hash, CASE WHEN held THEN 'hold' ELSE 'approve' END,
          CASE WHEN held THEN 50 ELSE 0 END, placed_at, placed_at + interval '1 minute'
        FROM s JOIN bench_advocate_email e ON e.n = s.a JOIN bench_address_hash ad ON ad.n = s.address
          LEFT JOIN bench_ip_hash ip ON ip.n = s.ip`),
    },
    {
      upTo: referrals,
      rows: referrals,
      run: sql(`WITH s AS (${model})
        INSERT INTO customer_orders (order_id, customer_id, email_hash, cancelled, created_at, updated_at)
        SELECT 'bench-order-' || r, 'bench-friend-' || f, md5('email:' || f) || md5('email/' || f),
          hashtext('c' || r) % 100 = 0, placed_at, placed_at FROM s`),
    },
    {
      upTo: referrals,
      rows: Math.round(referrals * 0.3),
      run: sql(`WITH s AS (${model})
        INSERT INTO rewards (reward_id, kind, customer_id, email_hash, campaign_id, amount, unit, order_id, state,
          issued_at, updated_at)
        SELECT 'bench-reward-' || r, 'advocateReward', 'bench-advocate-' || a, e.hash, '${CAMPAIGN_ID}', '10.00',
          'USD', 'bench-order-' || r, CASE WHEN hashtext('x' || r) % 50 = 0 THEN 'reversed' ELSE 'available' END,
          placed_at + interval '1 hour', placed_at + interval '1 hour'
        FROM s JOIN bench_advocate_email e ON e.n = s.a WHERE (hashtext('w' || r) & 1023) < 307`),
    },
    {
      upTo: advocates,
      rows: advocates * 2,
      run: sql(`INSERT INTO identity_links (kind, value, person_id, first_seen_at, last_seen_at)
        SELECT kind, value, 'person-a' || a, ${end} - interval '800 days', ${end}
        FROM generate_series($1::int, $2::int) a JOIN bench_advocate_email e ON e.n = a,
          LATERAL (VALUES ('customerId', 'bench-advocate-' || a), ('email', e.hash)) v(kind, value)`),
    },
    {
      upTo: friends,
      rows: friends,
      run: sql(`INSERT INTO identity_links (kind, value, person_id, first_seen_at, last_seen_at)
        SELECT 'customerId', 'bench-friend-' || f, 'person-f' || f, ${end} - interval '800 days', ${end}
        FROM generate_series($1::int, $2::int) f`),
    },
    {
      upTo: advocates,
      rows: advocates * 4,
      run: sql(`INSERT INTO identity_traits (person_id, kind, value, first_seen_at, last_seen_at)
        SELECT 'person-a' || a, kind, value, ${end} - interval '800 days', ${end}
        FROM generate_series($1::int, $2::int) a
          JOIN bench_ip_hash ip ON ip.n = ${BASE.advocate} + a
          JOIN bench_address_hash ad ON ad.n = ${BASE.advocate} + a
          JOIN bench_user_agent ua ON ua.n = a % ${USER_AGENTS},
          LATERAL (VALUES ('ip', ip.hash), ('userAgent', ua.hash), ('address', ad.hash),
            ('device', ${DEVICE_HASH_SQL(`${BASE.advocate} + a`)})) v(kind, value)`),
    },
    {
      upTo: friends,
      rows: friends,
      run: sql(`INSERT INTO identity_traits (person_id, kind, value, first_seen_at, last_seen_at)
        SELECT 'person-f' || f, 'device', ${DEVICE_HASH_SQL(friendDeviceSql(shape))},
          ${end} - interval '800 days', ${end}
        FROM generate_series($1::int, $2::int) f`),
    },
    {
      upTo: referrals,
      rows: Math.round(referrals * 0.1 * 9.5),
      run: sql(orderStreamsSql(model)),
    },
  ];
}

const unit = (salt: string) => `((hashtext('${salt}' || r) & 2147483647)::float8 / 2147483648)`;

function friendDeviceSql(shape: HistoryShape, f = 'f'): string {
  return `CASE WHEN ${f} % 20 = 0 THEN ${BASE.sharedPool} + (${f} / 20) % ${shape.sharedDevices} ELSE ${f} END`;
}

/**
 * Referrals r in [$1, $2] with their advocate a (skewed: a = 1 + ⌊advocates·u²⌋ for a uniform u, so the top
 * advocates have thousands of referrals), friend f, placement time, and IP, device and address numbers. The
 * last 1 % is a burst: the top 50 advocates' last day, from 200 IPs.
 */
function modelSql(shape: HistoryShape): string {
  const { advocates, friends, burstFrom, sharedIps, sharedAddresses } = shape;
  const end = `'${HISTORY_END.toISOString()}'::timestamptz`;
  return `SELECT r, a, f, placed_at, ip, held,
      ${friendDeviceSql(shape)} AS device,
      CASE WHEN f % 25 = 0 THEN ${BASE.sharedPool} + (f / 25) % ${sharedAddresses} ELSE f END AS address
    FROM (SELECT r,
      CASE WHEN r > ${burstFrom} THEN 1 + r % ${BURST_ADVOCATES}
        ELSE least(${advocates}, 1 + floor(${advocates} * power(${unit('a')}, 2))::int) END AS a,
      CASE WHEN r > ${friends} THEN r - ${friends} ELSE r END AS f,
      ${end} - CASE WHEN r > ${burstFrom} THEN interval '24 hours' ELSE interval '${HISTORY_DAYS} days' END
        * ${unit('t')} AS placed_at,
      CASE WHEN r > ${burstFrom} THEN ${BASE.burstIp} + r % ${BURST_IPS}
        WHEN r % 20 = 3 THEN NULL
        WHEN r % 50 = 0 THEN ${BASE.hotIp} + (r / 50) % ${HOT_IPS}
        WHEN r % 10 = 0 THEN ${BASE.sharedPool} + (r / 10) % ${sharedIps}
        ELSE r END AS ip,
      hashtext('v' || r) % 50 = 0 AS held
    FROM generate_series($1::int, $2::int) r) m`;
}

/**
 * The order streams of one order in ten: created, assessed, reported, decided pending, paid, confirmed,
 * shipped, delivered, then completed (or, one in twenty, returned), and decided again when the return window
 * closed; only the events that happened before the history's end.
 */
function orderStreamsSql(model: string): string {
  const end = `'${HISTORY_END.toISOString()}'::timestamptz`;
  const iso = (at: string) => `to_char((${at}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `WITH s AS (${model}), o AS (
      SELECT r, a, f, placed_at, held, 'bench-order-' || r AS id, hashtext('ret' || r) % 20 = 0 AS returned
      FROM s WHERE (hashtext('l' || r) & 1023) < 102),
    e AS (
      SELECT o.*, t.seq, t.type, o.placed_at + t.after AS at, t.state FROM o CROSS JOIN LATERAL (VALUES
        (1, 'order.created', interval '0', NULL),
        (2, 'fraud.assessed', interval '1 minute', NULL),
        (3, 'purchase.reported', interval '2 minutes', NULL),
        (4, 'eligibility.decided', interval '2 minutes', 'pending'),
        (5, 'order.payment-state-changed', interval '5 minutes', 'Paid'),
        (6, 'order.state-changed', interval '10 minutes', 'Confirmed'),
        (7, 'order.shipment-state-changed', interval '1 day', 'Shipped'),
        (8, 'order.shipment-state-changed', interval '3 days', 'Delivered'),
        (9, CASE WHEN o.returned THEN 'order.return-added' ELSE 'order.state-changed' END,
          interval '10 days', 'Complete'),
        (10, 'eligibility.decided', interval '30 days',
          CASE WHEN o.returned THEN 'ineligible' ELSE 'eligible' END)
      ) t(seq, type, after, state) WHERE o.placed_at + t.after <= ${end})
    INSERT INTO ledger (stream, seq, type, data, dedup_key, occurred_at, recorded_at, prev_hash, hash)
    SELECT 'order:' || id, seq, type, CASE type
        WHEN 'order.created' THEN jsonb_build_object('orderId', id, 'orderNumber', 'BENCH-' || r,
          'createdAt', ${iso('placed_at')}, 'customerId', 'bench-friend-' || f, 'storeKey', 'us',
          'total', jsonb_build_object('centAmount', 4500, 'currencyCode', 'USD', 'fractionDigits', 2))
        WHEN 'fraud.assessed' THEN jsonb_build_object('stage', 'order',
          'verdict', CASE WHEN held THEN 'hold' ELSE 'approve' END, 'score', CASE WHEN held THEN 50 ELSE 0 END,
          'fired', '[]'::jsonb, 'campaignId', '${CAMPAIGN_ID}', 'friendAccount', 'bench-friend-' || f,
          'advocate', jsonb_build_object('customerId', 'bench-advocate-' || a))
        WHEN 'purchase.reported' THEN jsonb_build_object('eventId', 'bench-event-' || r,
          'friendbuyOrderId', 'BENCH-' || r, 'isNewCustomer', true, 'amount', 4500)
        WHEN 'eligibility.decided' THEN jsonb_build_object('status', state,
          'reasons', CASE WHEN state = 'ineligible' THEN jsonb_build_array(jsonb_build_object(
            'code', 'fully-returned', 'message', 'every item was returned')) ELSE '[]'::jsonb END,
          'until', CASE WHEN state = 'pending' THEN ${iso("placed_at + interval '30 days'")} END,
          'waitingFor', CASE WHEN state = 'pending' THEN '["returnWindow"]'::jsonb ELSE '[]'::jsonb END)
        WHEN 'order.payment-state-changed' THEN jsonb_build_object('paymentState', state)
        WHEN 'order.shipment-state-changed' THEN jsonb_build_object('shipmentState', state)
        WHEN 'order.state-changed' THEN jsonb_build_object('orderState', state)
        ELSE jsonb_build_object('returnInfo', jsonb_build_object('items', jsonb_build_array(jsonb_build_object(
          'id', 'bench-return-' || r, 'lineItemId', 'bench-line-' || r, 'quantity', 1,
          'shipmentState', 'Returned'))))
      END,
      type || ':' || id || ':' || seq, at, at,
      CASE WHEN seq > 1 THEN md5(id || (seq - 1)) || md5(id || '/' || (seq - 1)) END,
      md5(id || seq) || md5(id || '/' || seq)
    FROM e`;
}
