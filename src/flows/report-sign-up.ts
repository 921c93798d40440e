// Reports a referred shopper's new account to Friendbuy (POST /v1/event/account-sign-up) with the referral they
// came with, once per customer: the outbox job is unique per customer, and the ledger's `sign-up.reported`
// fact makes a re-run after a crash a no-op. "Referred" means the customer's identity (their email, or the
// anonymous session that became them) is linked to an attribution id, referral code or incentive coupon.
import { getCustomer } from '../commercetools/customer-access.js';
import { hashEmail } from '../domain/identity.js';
import { hasOrdered } from '../store/customer-orders.js';
import type { Queryable } from '../store/db.js';
import { referralsOfPerson, type StoredFriendReferral } from '../store/friend-referrals.js';
import { findPerson } from '../store/identity-links.js';
import { appendEvent, hasEvent, readStream } from '../store/ledger.js';
import { enqueue } from '../store/outbox.js';
import { findReferralCode } from '../store/referral-codes.js';
import { recordFunnelStep } from './advocate-funnel.js';
import { recordSignUpAssessment } from './assess-sign-up.js';
import { customerStream, type FlowDeps } from './deps.js';
import { callFriendbuy } from './friendbuy-call.js';
import { defineJob, type HandlerOf, newJob } from './job.js';
import { JOB } from './job-kinds.js';
import { resolveAdvocate } from './resolve-advocate.js';

// A link found long after the account was opened (a returning customer following a referral link) is not a
// sign-up through that referral.
const SIGN_UP_WINDOW_MS = 24 * 3_600_000;

/**
 * Enqueues the sign-up report when the customer is new (their `customer.created` fact is on the ledger and
 * recent) and the person they are is referred. Called wherever a customer id gets linked: CustomerCreated, and
 * carts or orders gaining a customer — whichever comes last finds both facts.
 */
export async function enqueueSignUpIfReferred(
  tx: Queryable,
  deps: Pick<FlowDeps, 'clock'>,
  who: { customerId: string; personId: string | undefined; correlationId?: string | undefined },
): Promise<void> {
  if (!who.personId || (await referralsOfPerson(tx, who.personId)).length === 0) return;
  const created = (await readStream(tx, customerStream(who.customerId))).find(
    (e) => e.type === 'customer.created',
  );
  if (!created || deps.clock.now().getTime() - new Date(created.occurredAt).getTime() > SIGN_UP_WINDOW_MS)
    return;
  await enqueue(
    tx,
    newJob(JOB.reportSignUp, {
      dedupKey: `sign-up:${who.customerId}`,
      payload: { customerId: who.customerId },
      correlationId: who.correlationId,
    }),
    deps.clock.now(),
  );
}

export function createSignUpReporter(deps: FlowDeps): HandlerOf<typeof JOB.reportSignUp> {
  return async (payload, { job, logger }) => {
    const customerId = payload.customerId;
    const stream = customerStream(customerId);
    if (await hasEvent(deps.db, stream, 'sign-up.reported')) return;
    const customer = await getCustomer(deps.commercetools, customerId);
    // The message said the customer exists; commercetools reads are eventually consistent, so try again.
    if (!customer) throw new Error(`customer ${customerId} not found in commercetools yet`);
    const personId = await findPerson(deps.db, [{ kind: 'customerId', value: customerId }]);
    const referral = latestReferral(personId ? await referralsOfPerson(deps.db, personId) : []);
    if (!referral) {
      logger.warn({ customerId }, 'sign-up job without a referral; nothing to report');
      return;
    }
    const emailHash = hashEmail(customer.email, deps.config.hashKey, deps.config.emailRules);
    // A guest may have ordered before opening the account.
    const isNewCustomer = !(await hasOrdered(deps.db, { customerId, emailHash }));
    const response = await callFriendbuy(() =>
      deps.friendbuy.trackSignUp({
        email: customer.email,
        customerId,
        firstName: customer.firstName,
        lastName: customer.lastName,
        isNewCustomer,
        attributionId: referral.attributionId ?? undefined,
        referralCode: referral.referralCode ?? undefined,
        couponCode: referral.couponCode ?? undefined,
      }),
    );
    const now = deps.clock.now();
    const attribution = {
      attributionId: referral.attributionId,
      referralCode: referral.referralCode,
      couponCode: referral.couponCode,
      campaignId: referral.campaignId,
    };
    await deps.db.transaction(async (tx) => {
      await appendEvent(
        tx,
        {
          stream,
          type: 'sign-up.reported',
          data: { eventId: response.eventId, ...attribution },
          dedupKey: `sign-up.reported:${customerId}`,
          correlationId: job.correlationId ?? undefined,
          occurredAt: now,
        },
        now,
      );
      const resolved = await resolveAdvocate(tx, {
        advocate: advocateOf(referral),
        referralCode: referral.referralCode,
        attributionId: referral.attributionId,
        couponCodes: referral.couponCode ? [referral.couponCode] : [],
      });
      await recordSignUpAssessment(deps, tx, {
        customer,
        advocate: resolved?.advocate,
        campaignId: referral.campaignId ?? (await codeCampaign(tx, referral.referralCode)),
        usedFriendIncentive: referral.couponCode !== null,
        correlationId: job.correlationId ?? undefined,
      });
      await recordFunnelStep(
        tx,
        resolved?.advocate,
        {
          step: 'sign-up',
          naturalKey: customerId,
          data: {
            friendCustomerId: customerId,
            friendEmailHash: emailHash,
            source: 'commercetools',
            ...attribution,
          },
          occurredAt: customer.createdAt ? new Date(customer.createdAt) : now,
          correlationId: job.correlationId ?? undefined,
        },
        now,
      );
    });
    logger.info({ customerId, eventId: response.eventId }, 'sign-up reported to Friendbuy');
  };
}

/** The most recent referral that names something Friendbuy can attribute with. */
function latestReferral(referrals: StoredFriendReferral[]): StoredFriendReferral | undefined {
  return referrals.find((r) => r.attributionId || r.referralCode || r.couponCode);
}

function advocateOf(referral: StoredFriendReferral) {
  if (!referral.advocateCustomerId && !referral.advocateEmailHash) return undefined;
  return {
    customerId: referral.advocateCustomerId ?? undefined,
    emailHash: referral.advocateEmailHash ?? undefined,
  };
}

async function codeCampaign(q: Queryable, code: string | null): Promise<string | undefined> {
  return code ? ((await findReferralCode(q, code))?.campaignId ?? undefined) : undefined;
}

export const reportSignUpJob = defineJob({ kind: JOB.reportSignUp, handler: createSignUpReporter });
