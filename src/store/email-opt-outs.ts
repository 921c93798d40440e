// Email opt-outs from Friendbuy (`emailOptOut` webhooks): any email the connector triggers is suppressed for
// these addresses. Keyed hashes only (see `emailHash`), so the table holds no address.
import type { Queryable } from './db.js';

export async function addEmailOptOut(
  q: Queryable,
  optOut: { emailHash: string; campaignId?: string | undefined; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO email_opt_outs (email_hash, campaign_id, opted_out_at) VALUES ($1, $2, $3)
     ON CONFLICT (email_hash) DO NOTHING`,
    [optOut.emailHash, optOut.campaignId ?? null, optOut.at],
  );
}

/**
 * True when the address opted out: check before sending any email the connector triggers.
 *
 * @example
 * if (await isEmailSuppressed(db, emailHash(deps, email))) return; // never mail an opted-out friend
 */
export async function isEmailSuppressed(q: Queryable, emailHash: string): Promise<boolean> {
  const result = await q.query('SELECT 1 FROM email_opt_outs WHERE email_hash = $1', [emailHash]);
  return result.rowCount > 0;
}
