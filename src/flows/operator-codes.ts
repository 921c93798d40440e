// What operators ask of the code flows through the admin API: an advocate's referral code, and code-bank batches
// started, read, resumed and exported; each code asked for is on the asking operator's audit trail. Failures are
// code errors (flows/code-errors.ts), Friendbuy's included.
import { toCodeBankCsv } from '../domain/code-naming.js';
import type { Operator } from '../domain/operators.js';
import { FriendbuyApiError } from '../friendbuy/api-error.js';
import { batchCodes, getBatch } from '../store/code-batches.js';
import { type AdvocateReferralCode, ensureAdvocateReferralCode } from './advocate-referral-code.js';
import { CodeFlowError } from './code-errors.js';
import { auditOperatorAction } from './console/audit.js';
import type { FlowDeps } from './deps.js';
import { enqueueCodeBatchSlice, type StartBatchInput, startCodeBatch } from './generate-codes.js';

/** Who asked, for the audit trail: the operator and the request's correlation id. */
export interface AskedBy {
  operator: Operator;
  correlationId: string;
}

/** The advocate's referral code, created with Friendbuy (and commercetools) on first request. */
export async function requestAdvocateReferralCode(
  deps: FlowDeps,
  input: { customerId: string; campaignId?: string | undefined },
  by: AskedBy,
): Promise<AdvocateReferralCode> {
  let code: AdvocateReferralCode;
  try {
    code = await ensureAdvocateReferralCode(deps, { ...input, correlationId: by.correlationId });
  } catch (error) {
    if (!(error instanceof FriendbuyApiError)) throw error;
    // Friendbuy answers 404 for a campaign it does not know (or no longer runs).
    if (error.status === 404)
      throw new CodeFlowError('CampaignNotFound', 'Friendbuy has no active campaign with that id');
    throw new CodeFlowError('FriendbuyUnavailable', error.message, {}, { cause: error });
  }
  await auditOperatorAction(deps, by.operator, {
    action: 'referral-code.requested',
    subject: `customer:${input.customerId}`,
    details: { campaignId: code.campaignId },
    correlationId: by.correlationId,
  });
  return code;
}

/** Records the batch and queues its generation; the workers create the codes. */
export async function requestCodeBatch(deps: FlowDeps, input: StartBatchInput, by: AskedBy) {
  const started = await startCodeBatch(deps, input);
  await enqueueCodeBatchSlice(deps, started.id, 'start', by.correlationId);
  await auditOperatorAction(deps, by.operator, {
    action: 'code-batch.started',
    subject: `code-batch:${started.id}`,
    details: { campaignId: input.campaignId, count: input.count, channel: input.channel },
    correlationId: by.correlationId,
  });
  return started;
}

export async function readCodeBatch(deps: Pick<FlowDeps, 'db'>, id: string) {
  const batch = await getBatch(deps.db, id);
  if (!batch) throw new CodeFlowError('BatchNotFound', `no code batch "${id}"`);
  return batch;
}

/** Queues the rest of a batch that stopped (a crash, a deploy); a finished batch is left as it is. */
export async function resumeCodeBatch(deps: FlowDeps, id: string, by: AskedBy) {
  const batch = await readCodeBatch(deps, id);
  // A fresh key each time: the batch lease keeps a second runner from working on it concurrently.
  if (batch.status === 'running') {
    await enqueueCodeBatchSlice(deps, id, `resume:${deps.clock.now().getTime()}`, by.correlationId);
    await auditOperatorAction(deps, by.operator, {
      action: 'code-batch.resumed',
      subject: `code-batch:${id}`,
      correlationId: by.correlationId,
    });
  }
  return batch;
}

/** The batch's codes as the CSV Friendbuy's code bank imports. */
export async function exportCodeBatch(deps: Pick<FlowDeps, 'db'>, id: string): Promise<string> {
  await readCodeBatch(deps, id);
  return toCodeBankCsv(await batchCodes(deps.db, id));
}
