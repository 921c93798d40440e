// Referral codes and the advocate behind each. One writer API for every source (personal referral links,
// webhooks, analytics), so "who is the advocate of this code?" has one answer.
import { normaliseCode } from '../domain/identity.js';
import type { Queryable } from './db.js';

export interface ReferralCode {
  code: string;
  campaignId: string | null;
  advocateCustomerId: string | null;
  advocateEmailHash: string | null;
  link: string | null;
  source: string;
}

/** Records (or completes) what is known about a code; known facts are never overwritten with nothing. */
export async function rememberReferralCode(
  q: Queryable,
  code: Omit<ReferralCode, 'campaignId' | 'advocateCustomerId' | 'advocateEmailHash' | 'link'> &
    Partial<Pick<ReferralCode, 'campaignId' | 'advocateCustomerId' | 'advocateEmailHash' | 'link'>>,
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO referral_codes (code, campaign_id, advocate_customer_id, advocate_email_hash, link, source,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (code) DO UPDATE SET
       campaign_id = COALESCE(EXCLUDED.campaign_id, referral_codes.campaign_id),
       advocate_customer_id = COALESCE(EXCLUDED.advocate_customer_id, referral_codes.advocate_customer_id),
       advocate_email_hash = COALESCE(EXCLUDED.advocate_email_hash, referral_codes.advocate_email_hash),
       link = COALESCE(EXCLUDED.link, referral_codes.link),
       updated_at = EXCLUDED.updated_at`,
    [
      normaliseCode(code.code),
      code.campaignId ?? null,
      code.advocateCustomerId ?? null,
      code.advocateEmailHash ?? null,
      code.link ?? null,
      code.source,
      now,
    ],
  );
}

export async function findReferralCode(q: Queryable, code: string): Promise<ReferralCode | undefined> {
  const result = await q.query<ReferralCode>(
    `SELECT code, campaign_id AS "campaignId", advocate_customer_id AS "advocateCustomerId",
       advocate_email_hash AS "advocateEmailHash", link, source
     FROM referral_codes WHERE code = $1`,
    [normaliseCode(code)],
    // The cart extension asks this for every code it has not seen in the last minute.
    { preparedAs: 'referral_code_by_code' },
  );
  return result.rows[0];
}

/** True when the customer is the advocate behind some referral code (they have shared, or can share). */
export async function hasReferralCode(q: Queryable, advocateCustomerId: string): Promise<boolean> {
  const result = await q.query('SELECT 1 FROM referral_codes WHERE advocate_customer_id = $1 LIMIT 1', [
    advocateCustomerId,
  ]);
  return result.rowCount > 0;
}
