// The code effects of commercetools facts, enqueued in the fact's transaction by process-commercetools-message:
// an order's codes are recorded as redemptions, a cancelled order's reward codes are reissued, and (when
// configured) a new customer gets a referral code.
import type { Queryable } from '../store/db.js';
import { enqueue } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
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

/** Returns whether a job was enqueued. */
export async function enqueueCodeEffects(
  deps: Pick<FlowDeps, 'config' | 'clock'>,
  tx: Queryable,
  fact: CodeFact,
  correlationId: string,
): Promise<boolean> {
  const job = codeJobFor(deps, fact);
  return job ? enqueue(tx, { ...job, correlationId }, deps.clock.now()) : false;
}

function codeJobFor(
  deps: Pick<FlowDeps, 'config'>,
  fact: CodeFact,
): { kind: string; dedupKey: string; payload: Record<string, unknown> } | undefined {
  const { orderId, customerId } = fact;
  if (fact.type === 'order.created' && orderId && fact.discountCodeIds?.length)
    return { kind: JOB.recordCodeRedemptions, dedupKey: `code-redemptions:${orderId}`, payload: { orderId } };
  if (fact.type === 'order.state-changed' && fact.data.orderState === 'Cancelled' && orderId)
    return { kind: JOB.reissueCancelledCodes, dedupKey: `code-reissue:${orderId}`, payload: { orderId } };
  if (fact.type === 'customer.created' && customerId && deps.config.codes.referralCodeOnSignup)
    return {
      kind: JOB.advocateReferralCode,
      dedupKey: `advocate-referral-code:${customerId}`,
      payload: { customerId },
    };
  return undefined;
}
