// Redemption tracking: an order that used connector-owned codes records each use on the right stream (the
// reward's, the advocate's for a referral code, else the code's own). When such an order is cancelled, a
// single-use reward code is not given back by commercetools, so the reward is marked for reissue and, with
// CONNECTOR_REISSUE_ON_CANCEL=true, a replacement code is issued.
import type { DiscountCode, Order } from '@commercetools/platform-sdk';
import { getDiscountCode } from '../commercetools/discount-access.js';
import { discountCodesOf, getOrder } from '../commercetools/order-access.js';
import { campaignById } from '../domain/campaign.js';
import { derivedCode } from '../domain/code-naming.js';
import { normaliseCode } from '../domain/identity.js';
import { REWARD_EVENT } from '../domain/reward-events.js';
import { markRedemptionCancelled, recordRedemption, redemptionsOfOrder } from '../store/code-redemptions.js';
import {
  type CodeEntry,
  findCode,
  findCodes,
  findCodesByDiscountCodeIds,
  setCodeStatus,
} from '../store/codes.js';
import type { Queryable } from '../store/db.js';
import { appendEvent } from '../store/ledger.js';
import { findReferralCode } from '../store/referral-codes.js';
import { issueCode } from './code-issuance.js';
import { customerStream, type FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';
import { recordRewardEvent } from './reward-ledger.js';

/** A code's own stream, for uses that belong to no reward or advocate we know (a bank code not yet bound). */
export const codeStream = (code: string) => `code:${normaliseCode(code)}`;

/** Outbox job `{orderId}` after OrderCreated. */
export function createRedemptionRecorder(deps: FlowDeps): HandlerOf<typeof JOB.recordCodeRedemptions> {
  return async (payload, { job }) => {
    const order = await loadOrder(deps, payload.orderId);
    await recordRedemptions(deps, order, job.correlationId ?? undefined);
  };
}

/** Outbox job `{orderId}` after OrderStateChanged → Cancelled. Messages arrive unordered, so it records first. */
export function createCancelledCodeReissuer(deps: FlowDeps): HandlerOf<typeof JOB.reissueCancelledCodes> {
  return async (payload, { job, logger }) => {
    const order = await loadOrder(deps, payload.orderId);
    const correlationId = job.correlationId ?? undefined;
    await recordRedemptions(deps, order, correlationId);
    for (const redemption of await redemptionsOfOrder(deps.db, order.id)) {
      const entry = await findCode(deps.db, redemption.code);
      const now = deps.clock.now();
      if (!entry?.rewardId || entry.maxApplications !== 1) {
        await markRedemptionCancelled(deps.db, redemption, now);
        continue;
      }
      const rewardId = entry.rewardId;
      await deps.db.transaction(async (tx) => {
        await markRedemptionCancelled(tx, redemption, now);
        await recordRewardEvent(
          tx,
          rewardId,
          REWARD_EVENT.reissueRequested,
          { orderId: order.id, orderNumber: order.orderNumber, code: entry.commercetoolsCode },
          {
            dedupKey: `${REWARD_EVENT.reissueRequested}:${rewardId}:${order.id}`,
            correlationId,
            occurredAt: now,
            now,
          },
        );
      });
      if (!deps.config.codes.reissueOnCancel) continue;
      const replacement = await issueReplacement(deps, entry, order.id);
      await deps.db.transaction((tx) =>
        recordRewardEvent(
          tx,
          rewardId,
          REWARD_EVENT.reissued,
          { orderId: order.id, replaces: entry.commercetoolsCode, ...replacement },
          {
            dedupKey: `${REWARD_EVENT.reissued}:${rewardId}:${order.id}`,
            correlationId,
            occurredAt: deps.clock.now(),
            now: deps.clock.now(),
          },
        ),
      );
      logger.info({ rewardId, orderId: order.id, code: replacement.code }, 'reward code reissued');
    }
  };
}

async function loadOrder(deps: FlowDeps, orderId: string): Promise<Order> {
  const order = await getOrder(deps.commercetools, orderId);
  // The message said the order exists; commercetools reads are eventually consistent, so try again later.
  if (!order) throw new Error(`order ${orderId} not found in commercetools yet`);
  return order;
}

/** Records each connector-owned code the order used, once per code and order. */
async function recordRedemptions(deps: FlowDeps, order: Order, correlationId: string | undefined) {
  const ids = (order.discountCodes ?? []).map((info) => info.discountCode.id);
  if (ids.length === 0) return;
  const byId = await findCodesByDiscountCodeIds(deps.db, ids);
  // Codes the registry knows by spelling but not by id (e.g. recreated by hand in commercetools).
  const spellings = byId.length < ids.length ? await discountCodesOf(deps.commercetools, order) : [];
  const entries = [...byId, ...(await findCodes(deps.db, spellings))].filter(
    (entry, index, all) =>
      entry.channel !== 'merchant' && all.findIndex((e) => e.code === entry.code) === index,
  );
  if (entries.length === 0) return;
  const now = deps.clock.now();
  const occurredAt = new Date(order.createdAt);
  const { centAmount, currencyCode, fractionDigits } = order.totalPrice;
  const redemption = {
    orderId: order.id,
    orderNumber: order.orderNumber ?? null,
    amount: { centAmount, currencyCode, fractionDigits },
    storeKey: order.store?.key ?? null,
  };
  await deps.db.transaction(async (tx) => {
    for (const entry of entries) {
      const recorded = await recordRedemption(tx, {
        ...redemption,
        code: entry.code,
        rewardId: entry.rewardId,
        redeemedAt: occurredAt,
      });
      if (!recorded) continue;
      if (entry.maxApplications === 1) await setCodeStatus(tx, entry.code, 'exhausted', now);
      const data = { ...redemption, code: entry.commercetoolsCode, discountCodeId: entry.discountCodeId };
      if (entry.rewardId) {
        // Through the reward state machine, which also keeps the rewards row and the projections current.
        const dedupKey = `${REWARD_EVENT.redeemed}:${entry.rewardId}:${order.id}`;
        await recordRewardEvent(tx, entry.rewardId, REWARD_EVENT.redeemed, data, {
          dedupKey,
          correlationId,
          occurredAt,
          now,
        });
        continue;
      }
      await appendEvent(
        tx,
        { ...(await redemptionFact(tx, entry, order.id)), data, correlationId, occurredAt },
        now,
      );
    }
  });
}

/** Where a use of a code that belongs to no reward is recorded: on the advocate behind it, else on the code. */
async function redemptionFact(
  tx: Queryable,
  entry: CodeEntry,
  orderId: string,
): Promise<{ stream: string; type: string; dedupKey: string }> {
  const advocate =
    entry.channel === 'advocateReferral'
      ? (await findReferralCode(tx, entry.code))?.advocateCustomerId
      : null;
  if (advocate)
    return {
      stream: customerStream(advocate),
      type: 'advocate.referral-code-redeemed',
      dedupKey: `advocate.referral-code-redeemed:${entry.code}:${orderId}`,
    };
  return {
    stream: codeStream(entry.code),
    type: 'code.redeemed',
    dedupKey: `code.redeemed:${entry.code}:${orderId}`,
  };
}

/**
 * A replacement for a reward code whose order was cancelled: same owner, cart discount, recipient and
 * restrictions, spelled from reward and order so a retried job asks for the same code.
 */
export async function issueReplacement(
  deps: FlowDeps,
  original: CodeEntry,
  orderId: string,
): Promise<{ code: string; discountCodeId: string }> {
  const current = original.discountCodeId
    ? await getDiscountCode(deps.commercetools, original.discountCodeId)
    : undefined;
  if (!current || !original.cartDiscountId)
    throw new Error(`the code ${original.commercetoolsCode} to replace is gone from commercetools`);
  const campaign = original.campaignId ? campaignById(deps.campaigns, original.campaignId) : undefined;
  const code = derivedCode(
    campaign?.codes.prefix ?? '',
    campaign?.codes.randomLength ?? 10,
    `reissue:${original.rewardId}:${orderId}`,
  );
  const outcome = await issueCode(deps, {
    code,
    // Not in the original's batch: the replacement was never in Friendbuy's code bank.
    owner: {
      channel: original.channel,
      campaignId: original.campaignId,
      storeKeys: original.storeKeys,
      currencies: original.currencies,
      rewardId: original.rewardId,
    },
    cartDiscount: { id: original.cartDiscountId },
    discountCode: {
      cartPredicate: current.cartPredicate,
      maxApplications: 1,
      ...carriedValidity(current, deps.clock.now()),
    },
    replaces: original.code,
  });
  if (outcome.status === 'collision')
    throw new Error(`replacement code ${code} is taken: ${outcome.description}`);
  return { code: outcome.entry.commercetoolsCode, discountCodeId: outcome.discountCodeId };
}

/** The original's validity; if it has run out, as long again from now (30 days when it had no start). */
function carriedValidity(original: DiscountCode, now: Date): { validFrom?: string; validUntil?: string } {
  if (!original.validUntil) return original.validFrom ? { validFrom: original.validFrom } : {};
  const until = Date.parse(original.validUntil);
  if (until > now.getTime())
    return {
      ...(original.validFrom ? { validFrom: original.validFrom } : {}),
      validUntil: original.validUntil,
    };
  const span = original.validFrom ? until - Date.parse(original.validFrom) : 30 * 86_400_000;
  return { validFrom: now.toISOString(), validUntil: new Date(now.getTime() + span).toISOString() };
}

export const recordCodeRedemptionsJob = defineJob({
  kind: JOB.recordCodeRedemptions,
  handler: createRedemptionRecorder,
});

export const reissueCancelledCodesJob = defineJob({
  kind: JOB.reissueCancelledCodes,
  handler: createCancelledCodeReissuer,
});
