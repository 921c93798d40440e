// Every declared job the connector runs, in one list: the workers dispatch on it, `ct-friendbuy jobs` lists and
// runs from it, and the schedules of recurring work come from it. The jobs are declared next to their flows;
// this folder sits above them and imports them, never the reverse.
import { advocateReferralCodeJob } from '../flows/advocate-referral-code.js';
import { projectFraudVerdictJob } from '../flows/assess-referral.js';
import { backfillJob } from '../flows/backfill/run-backfill.js';
import { codeHygieneJob } from '../flows/code-hygiene.js';
import { correlateOrderJob } from '../flows/correlate-referred-order.js';
import { rewardCouponJob } from '../flows/create-reward-coupon.js';
import { deliveryHealthJob } from '../flows/delivery-health.js';
import type { FlowDeps } from '../flows/deps.js';
import { evaluateOrderEligibilityJob } from '../flows/evaluate-eligibility.js';
import { generateCodeBatchJob } from '../flows/generate-codes.js';
import type { DeclaredJob, JobHandler } from '../flows/job.js';
import { clearErasedCartFieldsJob, clearErasedOrderFieldsJob } from '../flows/privacy/erased-order-fields.js';
import { friendbuyErasureJob, friendbuyErasureStatusJob } from '../flows/privacy/friendbuy-erasure.js';
import { minimiseShopperIdentifiersJob, purgeInboxJob } from '../flows/privacy/minimise.js';
import { commercetoolsMessageJob } from '../flows/process-commercetools-message.js';
import { friendbuyWebhookJob } from '../flows/process-friendbuy-webhook.js';
import { projectCustomerReferralFieldsJob } from '../flows/project-customer-referral-fields.js';
import { projectCustomerRewardFieldsJob } from '../flows/project-customer-reward-fields.js';
import { projectOrderFieldsJob } from '../flows/project-order-fields.js';
import { projectOrderRewardFieldsJob } from '../flows/project-order-reward-fields.js';
import { analyticsPullJob } from '../flows/pull-friendbuy-analytics.js';
import { deliveryGapsJob } from '../flows/reconciliation/detect-gaps.js';
import { reconciliationJob } from '../flows/reconciliation/reconciliation-job.js';
import { observeCartJob } from '../flows/record-cart-sighting.js';
import { friendbuyEmailCaptureJob } from '../flows/record-email-capture.js';
import { reportOrderStatusJob } from '../flows/report-order-status.js';
import { reportPurchaseJob } from '../flows/report-purchase.js';
import { reportSignUpJob } from '../flows/report-sign-up.js';
import { recordCodeRedemptionsJob, reissueCancelledCodesJob } from '../flows/track-code-redemptions.js';
import { recurring } from './schedules.js';

export const DECLARED_JOBS: readonly DeclaredJob[] = [
  commercetoolsMessageJob,
  reportPurchaseJob,
  reportOrderStatusJob,
  projectOrderFieldsJob,
  advocateReferralCodeJob,
  projectCustomerReferralFieldsJob,
  recordCodeRedemptionsJob,
  reissueCancelledCodesJob,
  generateCodeBatchJob,
  friendbuyWebhookJob,
  rewardCouponJob,
  projectCustomerRewardFieldsJob,
  projectOrderRewardFieldsJob,
  friendbuyEmailCaptureJob,
  reportSignUpJob,
  analyticsPullJob,
  deliveryHealthJob,
  backfillJob,
  reconciliationJob,
  deliveryGapsJob,
  codeHygieneJob,
  observeCartJob,
  correlateOrderJob,
  evaluateOrderEligibilityJob,
  projectFraudVerdictJob,
  friendbuyErasureJob,
  friendbuyErasureStatusJob,
  clearErasedOrderFieldsJob,
  clearErasedCartFieldsJob,
  minimiseShopperIdentifiersJob,
  purgeInboxJob,
];

/** The workers' handlers by job kind, built over the flows' dependencies. */
export function jobHandlers(
  deps: FlowDeps,
  jobs: readonly DeclaredJob[] = DECLARED_JOBS,
): Record<string, JobHandler<unknown>> {
  return Object.fromEntries(
    jobs.map((job) => {
      const handler = job.handler(deps);
      return [job.kind.name, job.schedule ? recurring(deps, job, handler) : handler];
    }),
  );
}

/** The declared job of this kind name, if any. */
export function declaredJob(kind: string): DeclaredJob | undefined {
  return DECLARED_JOBS.find((job) => job.kind.name === kind);
}
