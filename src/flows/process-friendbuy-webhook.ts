// Processes one recorded Friendbuy webhook item (job `friendbuy.webhook`): rewards and friend incentives become
// reward streams, opt-outs suppress emails. emailCapture items go to their own job (attribution correlation).
import type { z } from 'zod';
import { ITEM_SCHEMAS } from '../friendbuy/webhooks.js';
import { readInbound } from '../store/inbox.js';
import type { FlowDeps } from './deps.js';
import { issueReward } from './issue-reward.js';
import { defineJob, type HandlerOf, PermanentJobError } from './job.js';
import { JOB } from './job-kinds.js';
import { recordEmailOptOut } from './record-email-opt-out.js';

export function createFriendbuyWebhookProcessor(deps: FlowDeps): HandlerOf<typeof JOB.friendbuyWebhook> {
  return async (payload, context) => {
    const row = await readInbound(deps.db, payload.inboxId);
    if (!row) throw new PermanentJobError(`inbox message ${payload.inboxId} not found`);
    const { item } = row.payload as { item?: unknown };
    const parse = <T>(schema: z.ZodType<T>): T => {
      const parsed = schema.safeParse(item);
      if (!parsed.success)
        throw new PermanentJobError(
          `webhook item ${row.dedupKey} (${row.kind}) is malformed: ${parsed.error.message}`,
        );
      return parsed.data;
    };
    switch (row.kind) {
      case 'advocateReward':
        return issueReward(deps, row, { kind: 'advocateReward', item: parse(ITEM_SCHEMAS.advocateReward) });
      case 'friendIncentive':
        return issueReward(deps, row, { kind: 'friendIncentive', item: parse(ITEM_SCHEMAS.friendIncentive) });
      case 'emailOptOut':
        return recordEmailOptOut(deps, row, parse(ITEM_SCHEMAS.emailOptOut), context);
      default:
        throw new PermanentJobError(`no processing for Friendbuy webhook type "${row.kind}"`);
    }
  };
}

export const friendbuyWebhookJob = defineJob({
  kind: JOB.friendbuyWebhook,
  handler: createFriendbuyWebhookProcessor,
});
