// The code ownership registry (migration 006). A code is claimed by inserting its row (the unique lowercase
// key makes one claimant win), then created in commercetools by whoever holds the row's lease; a crash leaves
// a `pending` row that the next attempt takes over once the lease has run out.
import type { CodeChannel, CodeOwner, CodeStatus } from '../domain/code-ownership.js';
import { normaliseCode } from '../domain/identity.js';
import type { Queryable } from './db.js';

export interface CodeEntry extends CodeOwner {
  /** Lowercase, the registry key. */
  code: string;
  /** The exact spelling in commercetools, which matches codes case-sensitively. */
  commercetoolsCode: string;
  channel: CodeChannel;
  campaignId: string | null;
  storeKeys: string[];
  currencies: string[];
  discountCodeId: string | null;
  cartDiscountId: string | null;
  rewardId: string | null;
  batchId: string | null;
  replaces: string | null;
  maxApplications: number | null;
  status: CodeStatus;
  leaseUntil: Date | null;
  leaseOwner: string | null;
  createdAt: Date;
}

export interface Lease {
  owner: string;
  until: Date;
}

const COLUMNS = `code, commercetools_code AS "commercetoolsCode", channel, campaign_id AS "campaignId",
  store_keys AS "storeKeys", currencies, discount_code_id AS "discountCodeId", cart_discount_id AS "cartDiscountId",
  reward_id AS "rewardId", batch_id AS "batchId", replaces, max_applications AS "maxApplications", status,
  lease_until AS "leaseUntil", lease_owner AS "leaseOwner", created_at AS "createdAt"`;

export async function findCodes(q: Queryable, codes: readonly string[]): Promise<CodeEntry[]> {
  const result = await q.query<CodeEntry>(`SELECT ${COLUMNS} FROM codes WHERE code = ANY($1::text[])`, [
    codes.map(normaliseCode),
  ]);
  return result.rows;
}

export async function findCode(q: Queryable, code: string): Promise<CodeEntry | undefined> {
  return (await findCodes(q, [code]))[0];
}

export async function findCodesByDiscountCodeIds(q: Queryable, ids: readonly string[]): Promise<CodeEntry[]> {
  const result = await q.query<CodeEntry>(
    `SELECT ${COLUMNS} FROM codes WHERE discount_code_id = ANY($1::text[])`,
    [[...ids]],
  );
  return result.rows;
}

export interface CodeClaim {
  commercetoolsCode: string;
  owner: CodeOwner;
  maxApplications?: number | undefined;
  replaces?: string | undefined;
}

/** Inserts a `pending` row under `lease`; undefined when the code already has an owner (read it to see whom). */
export async function claimCode(
  q: Queryable,
  claim: CodeClaim,
  lease: Lease,
  now: Date,
): Promise<CodeEntry | undefined> {
  const { owner } = claim;
  const result = await q.query<CodeEntry>(
    `INSERT INTO codes (code, commercetools_code, channel, campaign_id, store_keys, currencies, reward_id, batch_id,
       replaces, max_applications, status, lease_until, lease_owner, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $10, 'pending', $11, $12, $13, $13)
     ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
    [
      normaliseCode(claim.commercetoolsCode),
      claim.commercetoolsCode,
      owner.channel,
      owner.campaignId ?? null,
      [...owner.storeKeys],
      [...owner.currencies],
      owner.rewardId ?? null,
      owner.batchId ?? null,
      claim.replaces ?? null,
      claim.maxApplications ?? null,
      lease.until,
      lease.owner,
      now,
    ],
  );
  return result.rows[0];
}

/** Records a code found in commercetools that nobody registered: the merchant's, to be left alone. */
export async function registerMerchantCode(
  q: Queryable,
  found: { code: string; discountCodeId: string },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO codes (code, commercetools_code, channel, discount_code_id, status, created_at, updated_at)
     VALUES ($1, $2, 'merchant', $3, 'active', $4, $4) ON CONFLICT DO NOTHING`,
    [normaliseCode(found.code), found.code, found.discountCodeId, now],
  );
}

/** Takes (or renews) the lease on a pending code; undefined when it is not pending or another holds it. */
export async function takeCodeLease(
  q: Queryable,
  code: string,
  lease: Lease,
  now: Date,
): Promise<CodeEntry | undefined> {
  const result = await q.query<CodeEntry>(
    `UPDATE codes SET lease_until = $2, lease_owner = $3, updated_at = $4
     WHERE code = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < $4 OR lease_owner = $3)
     RETURNING ${COLUMNS}`,
    [normaliseCode(code), lease.until, lease.owner, now],
  );
  return result.rows[0];
}

/** Marks a claimed code created; false when the lease was lost meanwhile. */
export async function activateCode(
  q: Queryable,
  code: string,
  leaseOwner: string,
  created: { discountCodeId: string; cartDiscountId: string },
  now: Date,
): Promise<boolean> {
  const result = await q.query(
    `UPDATE codes SET status = 'active', discount_code_id = $3, cart_discount_id = $4, lease_until = NULL,
       lease_owner = NULL, updated_at = $5
     WHERE code = $1 AND status = 'pending' AND lease_owner = $2`,
    [normaliseCode(code), leaseOwner, created.discountCodeId, created.cartDiscountId, now],
  );
  return result.rowCount > 0;
}

/**
 * Puts a connector-owned code whose commercetools discount code was deleted back to `pending`, so issuing it
 * again creates it anew (reconciliation's repair of a missing coupon).
 */
export async function reopenCode(q: Queryable, code: string, now: Date): Promise<boolean> {
  const result = await q.query(
    `UPDATE codes SET status = 'pending', discount_code_id = NULL, lease_until = NULL, lease_owner = NULL,
       updated_at = $2
     WHERE code = $1 AND channel <> 'merchant' AND status = 'active'`,
    [normaliseCode(code), now],
  );
  return result.rowCount > 0;
}

/** Gives up a claim that turned out to collide in commercetools. */
export async function dropClaim(q: Queryable, code: string, leaseOwner: string): Promise<void> {
  await q.query(`DELETE FROM codes WHERE code = $1 AND status = 'pending' AND lease_owner = $2`, [
    normaliseCode(code),
    leaseOwner,
  ]);
}

/** Ties a code-bank code to the reward Friendbuy distributed it for (once; a reward never moves). */
export async function bindReward(q: Queryable, code: string, rewardId: string, now: Date): Promise<void> {
  await q.query('UPDATE codes SET reward_id = $2, updated_at = $3 WHERE code = $1 AND reward_id IS NULL', [
    normaliseCode(code),
    rewardId,
    now,
  ]);
}

export async function setCodeStatus(
  q: Queryable,
  code: string,
  status: CodeStatus,
  now: Date,
): Promise<void> {
  await q.query('UPDATE codes SET status = $2, updated_at = $3 WHERE code = $1', [
    normaliseCode(code),
    status,
    now,
  ]);
}

/** Connector-owned codes with a commercetools id, in key order (page with `after`). */
export async function listOwnedCodes(
  q: Queryable,
  filter: {
    campaignId?: string | undefined;
    channel?: CodeChannel | undefined;
    after?: string;
    limit: number;
  },
): Promise<CodeEntry[]> {
  const result = await q.query<CodeEntry>(
    `SELECT ${COLUMNS} FROM codes
     WHERE channel <> 'merchant' AND discount_code_id IS NOT NULL AND status <> 'pending'
       AND ($1::text IS NULL OR campaign_id = $1) AND ($2::text IS NULL OR channel = $2) AND code > $3
     ORDER BY code LIMIT $4`,
    [filter.campaignId ?? null, filter.channel ?? null, filter.after ?? '', filter.limit],
  );
  return result.rows;
}

export interface StockRow {
  campaignId: string;
  channel: CodeChannel;
  unused: number;
  used: number;
  deactivated: number;
}

/** Code-bank stock per campaign and channel: codes never redeemed vs used up, from our own records. */
export async function codeBankStock(q: Queryable, campaignId?: string): Promise<StockRow[]> {
  const result = await q.query<StockRow>(
    `SELECT c.campaign_id AS "campaignId", c.channel,
       count(*) FILTER (WHERE c.status = 'active' AND NOT EXISTS
         (SELECT 1 FROM code_redemptions r WHERE r.code = c.code))::int AS unused,
       count(*) FILTER (WHERE c.status = 'exhausted' OR EXISTS
         (SELECT 1 FROM code_redemptions r WHERE r.code = c.code))::int AS used,
       count(*) FILTER (WHERE c.status = 'deactivated')::int AS deactivated
     FROM codes c
     WHERE c.batch_id IS NOT NULL AND c.status <> 'pending' AND ($1::text IS NULL OR c.campaign_id = $1)
     GROUP BY c.campaign_id, c.channel ORDER BY c.campaign_id, c.channel`,
    [campaignId ?? null],
  );
  return result.rows;
}
