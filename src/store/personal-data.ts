// Everything the store holds about one person, found from the identifiers an erasure or export request gives:
// the identity graph widens a customer id or an email hash to every identifier linked to the same person, and
// the person's orders follow from those. Erasure removes or pseudonymises these rows; export reads them.
import type { Queryable } from './db.js';
import { openPersonalFields, shredSubjects } from './sealed-fields.js';

export interface PersonQuery {
  customerIds: string[];
  emailHashes: string[];
  /** Raw addresses the request gave; also found in the person's recorded deliveries. */
  emails: string[];
}

export interface PersonFootprint {
  personIds: string[];
  customerIds: string[];
  emailHashes: string[];
  /** Friendbuy customer ids we sent for the person (guest pseudonyms included). */
  friendbuyCustomerIds: string[];
  orderIds: string[];
  /** Raw email addresses found in the person's recorded deliveries (lowercase). */
  emails: string[];
}

/** Widens the request's identifiers through the identity graph, the order projection and the inbox. */
export async function findPersonFootprint(q: Queryable, request: PersonQuery): Promise<PersonFootprint> {
  const persons = await q.query<{ person_id: string }>(
    `SELECT DISTINCT person_id FROM identity_links
     WHERE (kind = 'customerId' AND value = ANY($1::text[])) OR (kind = 'email' AND value = ANY($2::text[]))`,
    [request.customerIds, request.emailHashes],
  );
  const personIds = persons.rows.map((row) => row.person_id);
  const links = await q.query<{ kind: string; value: string }>(
    'SELECT kind, value FROM identity_links WHERE person_id = ANY($1::text[])',
    [personIds],
  );
  const linked = (kind: string) => links.rows.filter((row) => row.kind === kind).map((row) => row.value);
  const customerIds = unique([...request.customerIds, ...linked('customerId')]);
  // A customer known only from CustomerCreated (no storefront sighting yet) has its email hash on the ledger.
  const created = await q.query<{ hash: string }>(
    `SELECT DISTINCT data ->> 'emailHash' AS hash FROM ledger
     WHERE type = 'customer.created' AND stream = ANY($1::text[]) AND data ->> 'emailHash' IS NOT NULL`,
    [customerIds.map((id) => `customer:${id}`)],
  );
  const emailHashes = unique([
    ...request.emailHashes,
    ...linked('email'),
    ...created.rows.map((r) => r.hash),
  ]);
  const orders = await q.query<{ order_id: string }>(
    `SELECT order_id FROM customer_orders WHERE customer_id = ANY($1::text[]) OR email_hash = ANY($2::text[])`,
    [customerIds, emailHashes],
  );
  const orderIds = orders.rows.map((row) => row.order_id);
  const found = await q.query<{ email: string }>(
    `SELECT DISTINCT lower(coalesce(payload #>> '{customer,email}', payload #>> '{order,customerEmail}')) AS email
     FROM inbox WHERE resource_id = ANY($1::text[])
       AND coalesce(payload #>> '{customer,email}', payload #>> '{order,customerEmail}') IS NOT NULL`,
    [[...customerIds, ...orderIds]],
  );
  return {
    personIds,
    customerIds,
    emailHashes,
    friendbuyCustomerIds: linked('friendbuyCustomerId'),
    orderIds,
    emails: unique([...request.emails.map((e) => e.toLowerCase()), ...found.rows.map((row) => row.email)]),
  };
}

/** Queued jobs that send Friendbuy what it knows a person by: an erasure settles them unsent. */
const REPORTS_ABOUT_A_PERSON = ['friendbuy.purchase', 'friendbuy.order-status', 'friendbuy.sign-up'];

/** What erasure changed, table by table (row counts). */
export type ErasureCounts = Record<string, number>;

/**
 * Removes what names the person and pseudonymises what must keep counting (rewards, orders, fraud verdicts):
 * their identifiers become `erased:<erasureId>`, or NULL where nothing joins on them. Runs in the caller's
 * transaction. The ledger is not touched here (append-only): see docs/privacy.md.
 */
export async function erasePersonRows(
  tx: Queryable,
  person: PersonFootprint,
  erasureId: string,
  now: Date,
): Promise<ErasureCounts> {
  const pseudonym = `erased:${erasureId}`;
  const { personIds, customerIds: cids, emailHashes: hashes, orderIds, emails } = person;
  const accounts = [...cids, ...hashes];
  const advocateKeys = [...cids.map((id) => `customer:${id}`), ...hashes.map((h) => `email:${h}`)];
  // Deliveries and effects are matched by their text: a webhook names the advocate only inside its payload.
  const needles = unique([...emails, ...cids, ...hashes, ...person.friendbuyCustomerIds]).filter(
    (needle) => needle.length >= 8,
  );
  const run = async (table: string, sql: string, params: unknown[]) =>
    [table, (await tx.query(sql, params as never[])).rowCount] as const;
  const counts = [
    await run(
      'inbox',
      `UPDATE inbox SET payload = jsonb_build_object('erased', $3::text)
       WHERE resource_id = ANY($1::text[])
          OR EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(lower(payload::text), lower(n)) > 0)`,
      [[...cids, ...orderIds], needles, erasureId],
    ),
    await run(
      'outbox',
      `UPDATE outbox SET payload = jsonb_build_object('erased', $2::text)
       WHERE status <> 'pending'
         AND EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(payload::text), lower(n)) > 0)`,
      [needles, erasureId],
    ),
    // A report still queued for the person would hand Friendbuy, after the erasure, the email and customer id
    // the erasure asks it to forget: it is settled unsent, with the reason, instead of becoming a dead letter.
    await run(
      'outbox (reports not sent)',
      `UPDATE outbox SET status = 'done', done_at = $4, updated_at = $4, locked_until = NULL, locked_by = NULL,
         last_error = 'not sent: the person was erased (erasure ' || $3 || ')',
         payload = jsonb_build_object('erased', $3::text)
       WHERE status = 'pending' AND kind = ANY($5::text[])
         AND (payload ->> 'orderId' = ANY($1::text[]) OR payload ->> 'customerId' = ANY($2::text[]))`,
      [orderIds, cids, erasureId, now, REPORTS_ABOUT_A_PERSON],
    ),
    await run('identity_traits', 'DELETE FROM identity_traits WHERE person_id = ANY($1::text[])', [
      personIds,
    ]),
    await run(
      'identity_links',
      `DELETE FROM identity_links WHERE person_id = ANY($1::text[])
         OR (kind = 'customerId' AND value = ANY($2::text[])) OR (kind = 'email' AND value = ANY($3::text[]))`,
      [personIds, cids, hashes],
    ),
    await run(
      'friend_referrals (as friend)',
      'DELETE FROM friend_referrals WHERE person_id = ANY($1::text[])',
      [personIds],
    ),
    await run(
      'friend_referrals (as advocate)',
      `UPDATE friend_referrals SET advocate_customer_id = NULL, advocate_email_hash = NULL
       WHERE advocate_customer_id = ANY($1::text[]) OR advocate_email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    await run(
      'referral_codes',
      `UPDATE referral_codes SET advocate_customer_id = NULL, advocate_email_hash = NULL, link = NULL
       WHERE advocate_customer_id = ANY($1::text[]) OR advocate_email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    await run(
      'customer_orders',
      `UPDATE customer_orders SET customer_id = NULL, email_hash = NULL
       WHERE customer_id = ANY($1::text[]) OR email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    await run(
      'rewards',
      `UPDATE rewards SET customer_id = NULL, email_hash = NULL
       WHERE customer_id = ANY($1::text[]) OR email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    await run('email_opt_outs', 'DELETE FROM email_opt_outs WHERE email_hash = ANY($1::text[])', [hashes]),
    await run(
      'referrals (as advocate)',
      `UPDATE referrals SET advocate_key = $3, advocate_customer_id = NULL, advocate_email_hash = NULL
       WHERE advocate_key = ANY($1::text[]) OR advocate_customer_id = ANY($2::text[])`,
      [advocateKeys, cids, pseudonym],
    ),
    await run(
      'referrals (as friend)',
      `UPDATE referrals SET friend_account = $3, ip_hash = NULL, device_hash = NULL, address_hash = NULL
       WHERE friend_account = ANY($1::text[]) OR order_id = ANY($2::text[])`,
      [accounts, orderIds, pseudonym],
    ),
    // A review keeps its verdict, score and which signals fired; the evidence (shared devices, accounts) goes.
    await run(
      'reviews',
      `UPDATE reviews SET
         advocate_key = CASE WHEN advocate_key = ANY($1::text[]) THEN $4 ELSE advocate_key END,
         friend_account = CASE WHEN friend_account = ANY($2::text[]) OR order_id = ANY($3::text[]) THEN $4
                          ELSE friend_account END,
         signals = CASE WHEN jsonb_typeof(signals) = 'array'
                   THEN (SELECT coalesce(jsonb_agg(s - 'evidence'), '[]'::jsonb) FROM jsonb_array_elements(signals) s)
                   ELSE '[]'::jsonb END
       WHERE advocate_key = ANY($1::text[]) OR friend_account = ANY($2::text[]) OR order_id = ANY($3::text[])`,
      [advocateKeys, accounts, orderIds, pseudonym],
    ),
  ];
  // The ledger keeps its events; the keys that open the person's identifiers on them go (crypto-shredding).
  counts.push([
    'ledger_keys',
    await shredSubjects(tx, unique([...cids, ...hashes, ...person.friendbuyCustomerIds])),
  ]);
  return Object.fromEntries(counts.filter(([, count]) => count > 0));
}

/** Every row the store holds about the person, by table (for an export). */
export async function readPersonRows(q: Queryable, person: PersonFootprint) {
  const { personIds, customerIds: cids, emailHashes: hashes, orderIds } = person;
  const rows = async (sql: string, params: unknown[]) => (await q.query(sql, params as never[])).rows;
  const advocateKeys = [...cids.map((id) => `customer:${id}`), ...hashes.map((h) => `email:${h}`)];
  return {
    identityLinks: await rows(
      `SELECT kind, value, first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt" FROM identity_links
       WHERE person_id = ANY($1::text[])`,
      [personIds],
    ),
    identityTraits: await rows(
      `SELECT kind, value, first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt" FROM identity_traits
       WHERE person_id = ANY($1::text[])`,
      [personIds],
    ),
    orders: await rows(
      `SELECT order_id AS "orderId", cancelled, created_at AS "createdAt" FROM customer_orders
       WHERE order_id = ANY($1::text[])`,
      [orderIds],
    ),
    rewards: await rows(
      `SELECT reward_id AS "rewardId", kind, campaign_id AS "campaignId", coupon_code AS "couponCode", amount, unit,
         order_id AS "orderId", state, issued_at AS "issuedAt" FROM rewards
       WHERE customer_id = ANY($1::text[]) OR email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    referralCodes: await rows(
      `SELECT code, campaign_id AS "campaignId", link, created_at AS "createdAt" FROM referral_codes
       WHERE advocate_customer_id = ANY($1::text[]) OR advocate_email_hash = ANY($2::text[])`,
      [cids, hashes],
    ),
    referredWith: await rows(
      `SELECT source, attribution_id AS "attributionId", referral_code AS "referralCode", coupon_code AS "couponCode",
         campaign_id AS "campaignId", recorded_at AS "recordedAt" FROM friend_referrals
       WHERE person_id = ANY($1::text[])`,
      [personIds],
    ),
    emailOptOuts: await rows(
      `SELECT campaign_id AS "campaignId", opted_out_at AS "optedOutAt" FROM email_opt_outs
       WHERE email_hash = ANY($1::text[])`,
      [hashes],
    ),
    fraudAssessments: await rows(
      `SELECT order_id AS "orderId", campaign_id AS "campaignId", verdict, score, placed_at AS "placedAt"
       FROM referrals WHERE advocate_key = ANY($1::text[]) OR friend_account = ANY($2::text[])`,
      [advocateKeys, [...cids, ...hashes]],
    ),
    reviews: await rows(
      `SELECT order_id AS "orderId", status, score, signals, opened_at AS "openedAt", decided_at AS "decidedAt",
         reason FROM reviews WHERE advocate_key = ANY($1::text[]) OR friend_account = ANY($2::text[])`,
      [advocateKeys, [...cids, ...hashes]],
    ),
    ledger: await openPersonalFields(
      q,
      (await rows(
        `SELECT stream, seq, type, data, occurred_at AS "occurredAt" FROM ledger
       WHERE stream = ANY($1::text[]) ORDER BY stream, seq`,
        [
          [
            ...cids.map((id) => `customer:${id}`),
            ...hashes.map((h) => `email:${h}`),
            ...orderIds.map((id) => `order:${id}`),
          ],
        ],
      )) as Array<{ data: Record<string, unknown> }>,
    ),
    deliveries: await rows(
      `SELECT source, kind, payload, received_at AS "receivedAt" FROM inbox
       WHERE resource_id = ANY($1::text[]) ORDER BY id`,
      [[...cids, ...orderIds]],
    ),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
