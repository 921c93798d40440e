// Processes one recorded Friendbuy webhook item (job `friendbuy.webhook`): rewards and friend incentives become
// reward streams, opt-outs suppress emails. emailCapture items go to their own job (attribution correlation).
import type { z } from 'zod';
import { ITEM_SCHEMAS } from '../friendbuy/webhooks.js';
import { type JobHandler, PermanentJobError } from '../jobs/worker.js';
import { readInbound } from '../store/inbox.js';
import type { FlowDeps } from './deps.js';
import { issueReward } from './issue-reward.js';
import { recordEmailOptOut } from './record-email-opt-out.js';

export function createFriendbuyWebhookProcessor(deps: FlowDeps): JobHandler {
  return async (payload, context) => {
    const row = await readInbound(deps.db, Number(payload.inboxId));
    if (!row) throw new PermanentJobError(`inbox message ${String(payload.inboxId)} not found`);
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
