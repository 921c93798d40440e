// Friendbuy emailCapture webhook items (reference §3.2): a friend left their email in a friend-incentive widget.
// The item ties the friend's email to the attribution id, the advocate's referral code and the incentive coupon,
// which is how a later cart, sign-up or order of that friend is correlated with the advocate. Recorded once per
// eventId (the inbox dedups, the ledger key makes a re-run a no-op).
import { z } from 'zod';
import { hashEmail, normaliseCode } from '../domain/identity.js';
import { readInbound } from '../store/inbox.js';
import { rememberReferralCode } from '../store/referral-codes.js';
import { recordFunnelStep } from './advocate-funnel.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf, PermanentJobError } from './job.js';
import { JOB } from './job-kinds.js';
import { linkSighting } from './link-identifiers.js';

const optionalText = z.string().trim().min(1).optional().catch(undefined);

const emailCaptureItemSchema = z.looseObject({
  eventId: z.string().min(1),
  emailAddress: optionalText,
  campaign: z.looseObject({ id: optionalText }).optional().catch(undefined),
  referral: z.looseObject({ code: optionalText, channel: optionalText }).optional().catch(undefined),
  advocate: z.looseObject({ email: optionalText, customerId: optionalText }).optional().catch(undefined),
  attributionId: optionalText,
  incentive: z.looseObject({ couponCode: optionalText }).optional().catch(undefined),
});

// The webhook intake stores `{webhookId, createdOn, item}`: items carry no createdOn of their own (S5).
const recordedSchema = z.object({ createdOn: z.string().optional(), item: emailCaptureItemSchema });

export function createEmailCaptureRecorder(deps: FlowDeps): HandlerOf<typeof JOB.friendbuyEmailCapture> {
  return async (payload) => {
    const row = await readInbound(deps.db, payload.inboxId);
    if (!row) throw new PermanentJobError(`inbox message ${payload.inboxId} not found`);
    const parsed = recordedSchema.safeParse(row.payload);
    if (!parsed.success)
      throw new PermanentJobError(`emailCapture ${row.dedupKey} is malformed: ${parsed.error.message}`);
    const { item, createdOn } = parsed.data;
    const { hashKey, emailRules } = deps.config;
    const advocate = {
      customerId: item.advocate?.customerId,
      emailHash: item.advocate?.email ? hashEmail(item.advocate.email, hashKey, emailRules) : undefined,
    };
    const occurredAt =
      createdOn && !Number.isNaN(Date.parse(createdOn)) ? new Date(createdOn) : row.receivedAt;
    const now = deps.clock.now();

    await deps.db.transaction(async (tx) => {
      // Identity first, then the advocate's stream: the lock order of store/identity-links.ts.
      const friendPersonId = await linkSighting(tx, deps, {
        seen: { email: item.emailAddress },
        referral: {
          source: 'emailCapture',
          sourceKey: item.eventId,
          attributionId: item.attributionId,
          referralCode: item.referral?.code,
          couponCode: item.incentive?.couponCode,
          campaignId: item.campaign?.id,
          advocate,
        },
      });
      // The advocate is a person too: their customer id and email, linked, let funnels find each other.
      await linkSighting(tx, deps, {
        seen: { customerId: advocate.customerId, email: item.advocate?.email },
      });
      if (item.referral?.code && (advocate.customerId || advocate.emailHash))
        await rememberReferralCode(
          tx,
          {
            code: item.referral.code,
            campaignId: item.campaign?.id,
            advocateCustomerId: advocate.customerId,
            advocateEmailHash: advocate.emailHash,
            source: 'emailCapture',
          },
          now,
        );
      await recordFunnelStep(
        tx,
        advocate,
        {
          step: 'email-capture',
          naturalKey: item.eventId,
          data: {
            eventId: item.eventId,
            friendPersonId,
            friendEmailHash: item.emailAddress
              ? hashEmail(item.emailAddress, hashKey, emailRules)
              : undefined,
            attributionId: item.attributionId,
            referralCode: item.referral?.code ? normaliseCode(item.referral.code) : undefined,
            channel: item.referral?.channel,
            couponCode: item.incentive?.couponCode,
            campaignId: item.campaign?.id,
          },
          occurredAt,
          correlationId: row.correlationId,
        },
        now,
      );
    });
  };
}

export const friendbuyEmailCaptureJob = defineJob({
  kind: JOB.friendbuyEmailCapture,
  handler: createEmailCaptureRecorder,
});
