// The fraud check at sign-up: when a referred shopper opens an account, the signals that need no order (same
// or similar email, disposable domain, shared device or IP, repeated accounts, velocity) are run against the
// advocate and recorded on the customer's ledger stream as `fraud.assessed` (stage `signUp`). It decides no
// reward — the order's check does, and sees the same identifiers — but an operator reviewing the friend's
// order finds it on the customer's timeline, and it is in the log the moment the account appears.
import type { Customer } from '@commercetools/platform-sdk';
import type { Campaign } from '../domain/campaign.js';
import { assessReferral } from '../domain/fraud/assess.js';
import type { ReferralParty } from '../domain/self-referral.js';
import type { Queryable } from '../store/db.js';
import { appendEvent } from '../store/ledger.js';
import { customerStream, type FlowDeps } from './deps.js';
import { gatherReferralFacts } from './referral-facts.js';

/** Records the sign-up's fraud check in the caller's transaction; returns the verdict, or undefined if none. */
export async function recordSignUpAssessment(
  deps: Pick<FlowDeps, 'campaigns' | 'config' | 'clock' | 'logger'>,
  tx: Queryable,
  signUp: {
    customer: Customer;
    advocate: ReferralParty | undefined;
    campaignId: string | null | undefined;
    usedFriendIncentive: boolean;
    correlationId?: string | undefined;
  },
): Promise<'approve' | 'hold' | 'reject' | undefined> {
  const campaign = policyCampaign(deps.campaigns, signUp.campaignId);
  if (!campaign?.policy || !signUp.advocate) return undefined;
  const { customer, advocate } = signUp;
  const now = deps.clock.now();
  const gathered = await gatherReferralFacts(tx, deps.config, campaign.policy, {
    // No order yet: the sign-up stands in for it, so the lookups exclude nothing real.
    orderId: `sign-up:${customer.id}`,
    campaignId: campaign.id,
    placedAt: customer.createdAt ? new Date(customer.createdAt) : now,
    friend: { customerId: customer.id, email: customer.email },
    advocate,
    usedFriendIncentive: signUp.usedFriendIncentive,
  });
  const decision = assessReferral(gathered.facts, campaign.policy.fraud, deps.config.emailRules);
  await appendEvent(
    tx,
    {
      stream: customerStream(customer.id),
      type: 'fraud.assessed',
      data: {
        stage: 'signUp',
        verdict: decision.verdict,
        score: decision.score,
        fired: decision.fired,
        campaignId: campaign.id,
        advocate,
      },
      dedupKey: `fraud.assessed:customer:${customer.id}:signUp`,
      correlationId: signUp.correlationId,
      occurredAt: now,
    },
    now,
  );
  if (decision.verdict !== 'approve')
    deps.logger.warn(
      { customerId: customer.id, verdict: decision.verdict, signals: decision.fired.map((f) => f.signal) },
      'referred sign-up looks doubtful',
    );
  return decision.verdict;
}

/** The referral's campaign when it names one with a policy; else the only campaign with a policy, if one. */
function policyCampaign(campaigns: readonly Campaign[], campaignId: string | null | undefined) {
  const withPolicy = campaigns.filter((c) => c.policy);
  return withPolicy.find((c) => c.id === campaignId) ?? (withPolicy.length === 1 ? withPolicy[0] : undefined);
}
