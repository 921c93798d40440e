// Intake of a verified, parsed Friendbuy webhook: each item is recorded in the inbox under its natural dedup key
// and its processing job enqueued in the same statement; then the caller answers 200. Friendbuy retries non-200
// every 15 min for 24 h, so we acknowledge fast and process later.
import { assertStorable } from '../domain/storable-text.js';
import type { WebhookItem } from '../friendbuy/webhooks.js';
import { countUnhandled } from '../store/inbox.js';
import { type IntakeDeps, recordOrRefuse } from './intake-deps.js';
import { JOB } from './job-kinds.js';

/** Which job processes each webhook type; types not listed are recorded and counted, not processed. */
const PROCESS_WITH: Record<string, string> = {
  advocateReward: JOB.friendbuyWebhook.name,
  friendIncentive: JOB.friendbuyWebhook.name,
  emailOptOut: JOB.friendbuyWebhook.name,
  emailCapture: JOB.friendbuyEmailCapture.name,
};

export interface WebhookIntake {
  recorded: number;
  duplicates: number;
  unhandled: number;
}

type ParsedWebhook = { id: string; type: string; createdOn: string; items: readonly WebhookItem[] };

/** Fails with a coded error: `BadRequest` for what can never be stored, `StoreUnavailable` (Friendbuy retries) else. */
export function receiveFriendbuyWebhook(
  deps: IntakeDeps,
  webhook: ParsedWebhook,
  correlationId: string,
): Promise<WebhookIntake> {
  return recordOrRefuse('webhook', () => recordWebhook(deps, webhook, correlationId));
}

async function recordWebhook(
  deps: IntakeDeps,
  webhook: ParsedWebhook,
  correlationId: string,
): Promise<WebhookIntake> {
  // Refused whole and alone (UnstorableError, a 400) before any item joins a group commit.
  webhook.items.forEach((item, index) => {
    assertStorable(item.item, `data[${index}]`);
  });
  const now = deps.clock.now();
  const processWith = PROCESS_WITH[webhook.type];
  // No transaction: the items are recorded with their jobs in one statement (a batch), and if that fails the
  // 503 makes Friendbuy redeliver the whole webhook, whose recorded items are then duplicates.
  const intake: WebhookIntake = { recorded: 0, duplicates: 0, unhandled: 0 };
  const results = await Promise.all(
    webhook.items.map((item) =>
      deps.inbox.record(
        {
          source: 'friendbuy',
          dedupKey: item.dedupKey,
          kind: webhook.type,
          resourceId: item.naturalId,
          // Items of emailCapture carry no createdOn (S5): keep the envelope's with each item.
          payload: { webhookId: webhook.id, createdOn: webhook.createdOn, item: item.item },
          correlationId,
          receivedAt: now,
        },
        processWith,
      ),
    ),
  );
  for (const { recorded } of results) {
    if (!recorded) intake.duplicates++;
    else if (processWith) intake.recorded++;
    else {
      intake.unhandled++;
      await countUnhandled(deps.db, 'friendbuy', webhook.type, now);
    }
  }
  return intake;
}
