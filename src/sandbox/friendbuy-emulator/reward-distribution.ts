// The emulated Friendbuy's rewards: when a tracked purchase qualifies under the emulated campaign rules, it
// sends the advocateReward and friendIncentive webhooks Friendbuy would, signed, to the connector. Also the
// sandbox controls to trigger any webhook on demand (demos, tests) and to list what was delivered.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { Directory, StoredReferralLink } from './directory.js';
import {
  advocateRewardItem,
  completeItem,
  DEFAULT_REWARD_RULES,
  type EmulatedRewardRules,
  friendIncentiveItem,
  qualifies,
  type TrackedPurchase,
} from './reward-rules.js';
import { parseInput } from './schemas.js';
import { createWebhookSender, type WebhookSenderOptions } from './webhook-sender.js';

export interface RewardDistributionOptions {
  directory: Directory;
  now: () => Date;
  secretKey: string;
  /** The referral code behind an attribution id (a click on an advocate's link, see landing.ts). */
  attributionOf: (attributionId: string) => string | undefined;
  rules?: EmulatedRewardRules | undefined;
  logger?: Logger | undefined;
  retry?: WebhookSenderOptions['retry'];
}

const triggerSchema = z.object({
  type: z.string().min(1).max(100).default('advocateReward'),
  data: z.array(z.record(z.string(), z.unknown())).min(1).max(100),
});

export type RewardDistribution = ReturnType<typeof createRewardDistribution>;

export function createRewardDistribution(options: RewardDistributionOptions) {
  const rules = options.rules ?? DEFAULT_REWARD_RULES;
  const sender = createWebhookSender({
    secretKey: options.secretKey,
    logger: options.logger,
    retry: options.retry,
  });
  /** Friend incentive coupons we issued → their advocate, so a purchase with the coupon is attributed. */
  const incentives = new Map<string, StoredReferralLink>();
  const rewardedOrders = new Set<string>();

  const send = (type: string, data: Record<string, unknown>[]) =>
    sender.send({ id: randomUUID(), type, createdOn: options.now().toISOString(), data });

  /** The purchase's advocate (Friendbuy tries couponCode, then attributionId, then referralCode: S1), or why none. */
  function advocateOf(
    purchase: Record<string, unknown>,
  ): { advocate: StoredReferralLink } | { reason: string } {
    const text = (key: string) => (typeof purchase[key] === 'string' ? (purchase[key] as string) : undefined);
    const coupon = text('couponCode');
    const attributionId = text('attributionId');
    const referralCode = (attributionId && options.attributionOf(attributionId)) || text('referralCode');
    const advocate =
      (coupon && incentives.get(coupon.toLowerCase())) ||
      (referralCode && options.directory.linkByCode(referralCode)) ||
      undefined;
    if (advocate) return { advocate };
    if (referralCode) return { reason: 'the referral code is no advocate’s in this Friendbuy' };
    return {
      reason: attributionId
        ? 'the attribution id is from no referral link click this Friendbuy knows'
        : 'the purchase carries no referral code, attribution id or friend coupon',
    };
  }

  /** Why the purchase earns nothing, or its advocate. */
  function judge(
    purchase: TrackedPurchase,
    body: Record<string, unknown>,
  ): { advocate: StoredReferralLink } | { reason: string } {
    if (rewardedOrders.has(purchase.orderId)) return { reason: 'the order was already rewarded' };
    const found = advocateOf(body);
    if (!('advocate' in found)) return found;
    const verdict = qualifies(purchase, found.advocate);
    return verdict.ok ? found : { reason: verdict.reason };
  }

  function distribute(body: Record<string, unknown>): void {
    const purchase = body as unknown as TrackedPurchase;
    const judged = judge(purchase, body);
    if (!('advocate' in judged)) {
      // The order id and reason only: emails, customer ids and codes (often made from an email) stay out.
      options.logger?.info(
        { orderId: purchase.orderId, reason: judged.reason },
        'sandbox Friendbuy: the purchase earns no reward',
      );
      return;
    }
    const { advocate } = judged;
    rewardedOrders.add(purchase.orderId);
    const createdOn = options.now().toISOString();
    send('advocateReward', [advocateRewardItem(rules, purchase, advocate, createdOn)]);
    if (rules.friendIncentive) {
      const incentive = friendIncentiveItem(rules.friendIncentive, purchase, advocate, createdOn);
      incentives.set(String(incentive.couponCode).toLowerCase(), advocate);
      send('friendIncentive', [incentive]);
    }
  }

  const plugin: FastifyPluginAsync = async (app) => {
    // Registered on the emulator's own context (see skip-override below), so the hook sees the /v1 routes.
    // onSend, not onResponse: the rewards are queued before the purchase is answered, as observers expect.
    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode === 201 && request.routeOptions.url?.endsWith('/v1/event/purchase'))
        distribute(request.body as Record<string, unknown>);
      return payload;
    });

    app.post('/webhooks/trigger', async (request, reply) => {
      const { type, data } = parseInput(triggerSchema, request.body);
      const createdOn = options.now().toISOString();
      const delivery = send(
        type,
        data.map((item) => completeItem(type, item, createdOn)),
      );
      return reply.code(202).send(delivery.webhook);
    });

    app.get('/webhooks', async () => ({ webhooks: sender.deliveries() }));
  };
  // Like fastify-plugin: not encapsulated, so the onResponse hook applies to the emulator's other routes.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });

  return {
    plugin,
    webhooks: {
      deliverTo: sender.deliverTo,
      deliveries: sender.deliveries,
      idle: sender.idle,
      stop: sender.stop,
    },
  };
}
