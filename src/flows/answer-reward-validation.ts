// Answers Friendbuy's reward validation callback (friendbuy-api.md §3.5) from the order's eligibility, judged
// now by the same code as the evaluation job: 200 approves, 400 rejects, and a pending order gets a 503 that
// Friendbuy retries every 15 minutes (for 72 hours; policyProblems refuses longer pending periods at start).
// Every answer is recorded on the ledger with its reasons.
import { getOrder } from '../commercetools/order-access.js';
import type { RewardValidationRequest } from '../friendbuy/reward-validation.js';
import { appendEvent } from '../store/ledger.js';
import { findPurchaseOrderStream } from '../store/ledger-lookups.js';
import { listOrderRewards } from '../store/rewards.js';
import { type FlowDeps, orderStream } from './deps.js';
import { evaluateOrderEligibility } from './evaluate-eligibility.js';

export const VALIDATION_ANSWERED = 'validation.answered';
/** Friendbuy asks again every 15 minutes whatever we say; the header documents it for anyone else. */
export const VALIDATION_RETRY_AFTER_SECONDS = 900;

export interface ValidationAnswer {
  httpStatus: 200 | 400 | 503;
  decision: 'approve' | 'reject' | 'retry';
  /** The order's eligibility, or why none could be judged. */
  status: 'eligible' | 'pending' | 'ineligible' | 'noRules' | 'unknownOrder' | 'orderNotYetSeen';
  reasons: { code: string; message: string }[];
  orderId?: string | undefined;
  until?: string | undefined;
  waitingFor?: string[] | undefined;
}

/** @example const answer = await answerRewardValidation(deps, { eventType: 'purchase', purchaseId: 'ORD-1' }) */
export async function answerRewardValidation(
  deps: FlowDeps,
  request: RewardValidationRequest,
  correlationId?: string,
): Promise<ValidationAnswer> {
  const answer = await judge(deps, request, correlationId);
  const now = deps.clock.now();
  const stream = answer.orderId
    ? orderStream(answer.orderId)
    : `friendbuy-purchase:${request.purchaseId ?? request.eventType}`;
  await deps.db.transaction((tx) =>
    appendEvent(
      tx,
      { stream, type: VALIDATION_ANSWERED, data: { request, ...answer }, correlationId, occurredAt: now },
      now,
    ),
  );
  return answer;
}

async function judge(
  deps: FlowDeps,
  request: RewardValidationRequest,
  correlationId: string | undefined,
): Promise<ValidationAnswer> {
  const approve = (status: ValidationAnswer['status'], reasons: ValidationAnswer['reasons'] = []) =>
    ({ httpStatus: 200, decision: 'approve', status, reasons }) as const;
  const reject = (status: ValidationAnswer['status'], reasons: ValidationAnswer['reasons']) =>
    ({ httpStatus: 400, decision: 'reject', status, reasons }) as const;
  if (!request.purchaseId) {
    return approve('noRules', [
      { code: 'no-order', message: `the ${request.eventType} event names no order` },
    ]);
  }
  const orderId = await resolveOrderId(deps, request.purchaseId);
  if (!orderId) {
    if (await knownToCommercetools(deps, request.purchaseId)) {
      const reason = { code: 'order-not-yet-seen', message: 'the order has not reached the connector yet' };
      return { httpStatus: 503, decision: 'retry', status: 'orderNotYetSeen', reasons: [reason] };
    }
    const reason = { code: 'unknown-order', message: `no order ${request.purchaseId} in commercetools` };
    return reject('unknownOrder', [reason]);
  }
  const evaluation = await evaluateOrderEligibility(deps, orderId, correlationId);
  if (evaluation.kind === 'unknownOrder') {
    const reason = { code: 'unknown-order', message: `order ${orderId} no longer exists in commercetools` };
    return { ...reject('unknownOrder', [reason]), orderId };
  }
  const reversed = (await listOrderRewards(deps.db, orderId)).filter(
    (reward) => reward.orderId === orderId && reward.state === 'reversed',
  );
  if (reversed.length > 0) {
    const reason = {
      code: 'reward-reversed',
      message: `the order's reward ${reversed[0]?.rewardId} was reversed`,
    };
    const reasons =
      evaluation.kind === 'evaluated' && evaluation.result.status === 'ineligible'
        ? evaluation.result.reasons
        : [];
    return { ...reject('ineligible', [...reasons, reason]), orderId };
  }
  if (evaluation.kind === 'noPolicy') {
    return {
      ...approve('noRules', [{ code: 'no-policy', message: 'the campaign sets no reward rules' }]),
      orderId,
    };
  }
  if (evaluation.kind === 'notReferred') {
    const reason = { code: 'not-referred', message: 'the order names no advocate the connector knows' };
    return { ...approve('noRules', [reason]), orderId };
  }
  const { result } = evaluation;
  if (result.status === 'eligible') return { ...approve('eligible'), orderId };
  if (result.status === 'ineligible') return { ...reject('ineligible', result.reasons), orderId };
  const until = result.until?.toISOString();
  const reason = {
    code: 'pending',
    message: `waiting for ${result.waitingFor.join(', ')}${until ? ` until ${until}` : ''}`,
  };
  return {
    httpStatus: 503,
    decision: 'retry',
    status: 'pending',
    reasons: [reason],
    orderId,
    until,
    waitingFor: result.waitingFor,
  };
}

/** Friendbuy's purchase id is what the purchase report sent (order number, else id): the ledger knows which. */
async function resolveOrderId(deps: FlowDeps, purchaseId: string): Promise<string | undefined> {
  const stream = await findPurchaseOrderStream(deps.db, purchaseId, orderStream(purchaseId));
  return stream?.slice(orderStream('').length);
}

async function knownToCommercetools(deps: FlowDeps, purchaseId: string): Promise<boolean> {
  if (await getOrder(deps.commercetools, purchaseId)) return true;
  const byNumber = await deps.commercetools
    .orders()
    .get({ queryArgs: { where: 'orderNumber = :number', 'var.number': purchaseId, limit: 1 } })
    .execute();
  return byNumber.body.results.length > 0;
}
