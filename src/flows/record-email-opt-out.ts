// An emailOptOut webhook item: the friend unsubscribed from Friendbuy's share emails. Recorded as a fact on the
// address's ledger stream and in the suppression list that every email the connector triggers is checked against.
import { emailHashOf } from '../domain/identity.js';
import type { EmailOptOutItem } from '../friendbuy/webhooks.js';
import { addEmailOptOut } from '../store/email-opt-outs.js';
import type { InboxRow } from '../store/inbox.js';
import { appendEvent } from '../store/ledger.js';
import type { FlowDeps } from './deps.js';
import type { JobContext } from './job.js';

/** Ledger stream of an email address, by its keyed hash (the ledger never holds the address). */
export const emailStream = (hash: string) => `email:${hash}`;

export async function recordEmailOptOut(
  deps: FlowDeps,
  row: InboxRow,
  item: EmailOptOutItem,
  { logger }: JobContext,
): Promise<void> {
  const hash = emailHashOf(deps.config, item.emailAddress);
  if (!hash) {
    logger.warn({ inboxId: row.id }, 'emailOptOut without a usable email address; nothing to suppress');
    return;
  }
  const envelope = row.payload as { createdOn?: string };
  const occurredAt =
    envelope.createdOn && !Number.isNaN(Date.parse(envelope.createdOn))
      ? new Date(envelope.createdOn)
      : new Date(row.receivedAt);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await appendEvent(
      tx,
      {
        stream: emailStream(hash),
        type: 'email.opted-out',
        data: {
          emailHash: hash,
          source: 'friendbuy',
          campaignId: item.campaignId,
          campaignName: item.campaignName,
        },
        dedupKey: `friendbuy:${row.dedupKey}`,
        correlationId: row.correlationId,
        occurredAt,
      },
      now,
    );
    await addEmailOptOut(tx, { emailHash: hash, campaignId: item.campaignId, at: occurredAt });
  });
}
