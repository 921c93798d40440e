// The code effects of commercetools facts, enqueued in the fact's transaction by process-commercetools-message:
// an order's codes are recorded as redemptions, a cancelled order's reward codes are reissued, and (when
// configured) a new customer gets a referral code.
import type { Queryable } from '../store/db.js';
import { enqueue, type JobInput } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { newJob } from './job.js';
import { JOB } from './job-kinds.js';

export interface CodeFact {
  type: string;
  data: Record<string, unknown>;
  orderId?: string | undefined;
  customerId?: string | undefined;
  discountCodeIds?: readonly string[] | undefined;
}

/** The ids of the discount codes on an OrderCreated message's order. */
export function discountCodeIdsOf(order: Record<string, unknown>): string[] {
  const infos = Array.isArray(order.discountCodes) ? order.discountCodes : [];
  return infos
    .map((info: { discountCode?: { id?: unknown } }) => info?.discountCode?.id)
    .filter((id): id is string => typeof id === 'string');
}

export async function enqueueCodeEffects(
  deps: Pick<FlowDeps, 'config' | 'clock'>,
  tx: Queryable,
  fact: CodeFact,
  correlationId: string,
): Promise<void> {
  const job = codeJobFor(deps, fact, correlationId);
  if (job) await enqueue(tx, job, deps.clock.now());
}

function codeJobFor(
  deps: Pick<FlowDeps, 'config'>,
  fact: CodeFact,
  correlationId: string,
): JobInput | undefined {
  const { orderId, customerId } = fact;
  if (fact.type === 'order.created' && orderId && fact.discountCodeIds?.length)
    return newJob(JOB.recordCodeRedemptions, {
      dedupKey: `code-redemptions:${orderId}`,
      payload: { orderId },
      correlationId,
    });
  if (fact.type === 'order.state-changed' && fact.data.orderState === 'Cancelled' && orderId)
    return newJob(JOB.reissueCancelledCodes, {
      dedupKey: `code-reissue:${orderId}`,
      payload: { orderId },
      correlationId,
    });
  if (fact.type === 'customer.created' && customerId && deps.config.codes.referralCodeOnSignup)
    return newJob(JOB.advocateReferralCode, {
      dedupKey: `advocate-referral-code:${customerId}`,
      payload: { customerId },
      correlationId,
    });
  return undefined;
}
