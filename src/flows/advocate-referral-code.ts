// Code-based sharing: an advocate's personal referral link and code from Friendbuy, and a matching commercetools
// discount code friends can type (the campaign's friend incentive, its stores and minimum, once per customer).
// Idempotent end to end: Friendbuy's PURL endpoint is create-or-retrieve, the code is issued through the
// registry, and the customer fields job is keyed by customer and code.
import type { Customer } from '@commercetools/platform-sdk';
import { CUSTOMER_FIELDS } from '../commercetools/custom-fields.js';
import { getCustomer } from '../commercetools/customer-access.js';
import { type Campaign, campaignById, findCampaign } from '../domain/campaign.js';
import { cartDiscountSpecFor, validityFor } from '../domain/code-values.js';
import { hashEmail } from '../domain/identity.js';
import { appendEvent } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { rememberReferralCode } from '../store/referral-codes.js';
import { CodeFlowError, collisionError } from './code-errors.js';
import { type CodeRequest, issueCode } from './code-issuance.js';
import { customerStream, type FlowDeps } from './deps.js';
import { callFriendbuy } from './friendbuy-call.js';
import { defineJob, type HandlerOf, newJob, PermanentJobError } from './job.js';
import { JOB } from './job-kinds.js';

export interface AdvocateReferralCode {
  referralCode: string;
  link: string;
  campaignId: string;
  discountCode: { id: string; code: string; created: boolean };
}

/**
 * @example
 * const { referralCode, link, discountCode } = await ensureAdvocateReferralCode(deps, { customerId });
 */
export async function ensureAdvocateReferralCode(
  deps: FlowDeps,
  input: { customerId: string; campaignId?: string | undefined; correlationId?: string | undefined },
): Promise<AdvocateReferralCode> {
  const customer = await getCustomer(deps.commercetools, input.customerId);
  if (!customer)
    throw new CodeFlowError('CustomerNotFound', `commercetools has no customer ${input.customerId}`);
  const campaign = advocateCampaign(deps.campaigns, customer, input.campaignId);
  const purl = await deps.friendbuy.createPersonalReferralLink({
    email: customer.email,
    campaignId: campaign.id,
    customerId: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    channel: 'purl',
  });
  const now = deps.clock.now();
  // Remembered before the code is issued: the code is the advocate's at Friendbuy whatever commercetools says.
  await rememberReferralCode(
    deps.db,
    {
      code: purl.referralCode,
      campaignId: campaign.id,
      advocateCustomerId: customer.id,
      advocateEmailHash: hashEmail(customer.email, deps.config.hashKey, deps.config.emailRules) ?? null,
      link: purl.link,
      source: 'personal-referral-link',
    },
    now,
  );
  const outcome = await issueCode(deps, friendCodeRequest(campaign, purl.referralCode, now));
  if (outcome.status === 'collision') throw collisionError(outcome.code, outcome.owner, outcome.description);

  await deps.db.transaction(async (tx) => {
    const recorded = await appendEvent(
      tx,
      {
        stream: customerStream(customer.id),
        type: 'advocate.referral-code-issued',
        data: {
          referralCode: purl.referralCode,
          campaignId: campaign.id,
          discountCodeId: outcome.discountCodeId,
        },
        dedupKey: `advocate.referral-code:${customer.id}:${outcome.entry.code}`,
        correlationId: input.correlationId,
        occurredAt: now,
      },
      now,
    );
    if (!recorded) return;
    await enqueue(
      tx,
      newJob(JOB.projectCustomerReferralFields, {
        dedupKey: `customer-referral-fields:${customer.id}:${outcome.entry.code}`,
        payload: {
          customerId: customer.id,
          fields: {
            [CUSTOMER_FIELDS.advocateReferralCode]: purl.referralCode,
            [CUSTOMER_FIELDS.advocateReferralLink]: purl.link,
          },
        },
        correlationId: input.correlationId,
      }),
      now,
    );
  });
  return {
    referralCode: purl.referralCode,
    link: purl.link,
    campaignId: campaign.id,
    discountCode: {
      id: outcome.discountCodeId,
      code: outcome.entry.commercetoolsCode,
      created: outcome.status === 'created',
    },
  };
}

/**
 * The campaign an advocate shares: the one named, else the one serving the customer's first store that has
 * one, else the first configured campaign (customers of no store).
 */
function advocateCampaign(campaigns: readonly Campaign[], customer: Customer, named?: string): Campaign {
  if (named) {
    const campaign = campaignById(campaigns, named);
    if (!campaign) throw new CodeFlowError('CampaignNotFound', `no campaign "${named}" is configured`);
    return campaign;
  }
  for (const store of customer.stores ?? []) {
    const campaign = findCampaign(campaigns, { storeKey: store.key });
    if (campaign) return campaign;
  }
  const [first] = campaigns;
  if (!first)
    throw new CodeFlowError('CampaignNotFound', 'no campaigns are configured (CONNECTOR_CAMPAIGNS_FILE)');
  return first;
}

/** The friends' code: the campaign's friend incentive, in its stores and currencies, once per customer. */
export function friendCodeRequest(campaign: Campaign, referralCode: string, now: Date): CodeRequest {
  const incentive = campaign.friendIncentive;
  const cartDiscount = cartDiscountSpecFor(incentive.value, {
    ...campaign,
    minimumOrder: incentive.minimumOrder,
  });
  return {
    code: referralCode.trim(),
    owner: {
      channel: 'advocateReferral',
      campaignId: campaign.id,
      storeKeys: cartDiscount.storeKeys,
      currencies: cartDiscount.currencies,
    },
    cartDiscount,
    // Friendbuy: "a specific referral code is redeemable once per customer". New-customer-only cannot be
    // said in a commercetools predicate; Friendbuy enforces it for the reward (isNewCustomer).
    discountCode: { maxApplicationsPerCustomer: 1, ...validityFor(now, incentive.validForDays) },
  };
}

/** Outbox job `{customerId}` (CONNECTOR_REFERRAL_CODE_ON_SIGNUP): a new customer gets their referral code. */
export function createAdvocateReferralCodeIssuer(deps: FlowDeps): HandlerOf<typeof JOB.advocateReferralCode> {
  return async (payload, { job, logger }) => {
    try {
      const result = await callFriendbuy(() =>
        ensureAdvocateReferralCode(deps, {
          customerId: payload.customerId,
          correlationId: job.correlationId ?? undefined,
        }),
      );
      logger.info(
        { customerId: payload.customerId, referralCode: result.referralCode },
        'referral code ready',
      );
    } catch (error) {
      if (error instanceof CodeFlowError && error.code !== 'CodeBusy' && error.code !== 'CustomerNotFound')
        throw new PermanentJobError(error.message, { cause: error });
      throw error;
    }
  };
}

export const advocateReferralCodeJob = defineJob({
  kind: JOB.advocateReferralCode,
  handler: createAdvocateReferralCodeIssuer,
});
