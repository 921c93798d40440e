// Customer service in the console (guarded): search by whatever the customer gave (email, customer id, order
// id or number, referral or coupon code, Friendbuy reward id), read a person's referral story, and issue a
// reward's coupon again (`reissue-coupons`). Emails are shown only to operators who may see personal data.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CodedError } from '../../domain/coded-error.js';
import { personKeyOf } from '../../domain/console/person-ref.js';
import { can } from '../../domain/operators.js';
import { loadPersonStory } from '../../flows/console/person-story.js';
import { reissueRewardCoupon } from '../../flows/console/reissue-coupon.js';
import { searchConsole } from '../../flows/console/search.js';
import type { FlowDeps } from '../../flows/deps.js';
import { notFound, parseInput } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const searchQuery = z.object({ q: z.string().trim().min(1, 'what to search for').max(320) });
const personParams = z.object({
  key: z
    .string()
    .min(1)
    .max(300)
    .regex(/^((customer|email):)?[A-Za-z0-9_.-]+$/, 'customer:<id>, email:<hash> or a customer id'),
});
const rewardParams = z.object({ rewardId: z.string().min(1).max(200) });
const reissueBody = z.object({
  reason: z.string().trim().min(1, 'why the coupon is issued again').max(2000),
});
const idempotencyKey = z.string().min(1).max(200).optional();

export function registerAdminPeopleRoutes(app: FastifyInstance, deps: FlowDeps & { guard: Guard }): void {
  const { guard } = deps;
  const seesPersonalData = (request: FastifyRequest) => can(operatorOf(request).role, 'see-personal-data');

  app.get('/admin/api/search', { onRequest: guard('read') }, async (request) => {
    const { q } = parseInput(searchQuery, request.query);
    return { results: await searchConsole(deps, q, seesPersonalData(request)) };
  });

  app.get('/admin/api/people/:key', { onRequest: guard('read') }, async (request) => {
    const { key } = parseInput(personParams, request.params);
    const story = await loadPersonStory(deps, personKeyOf(key), seesPersonalData(request));
    if (!story) throw notFound(`the connector knows no referral story for ${key}`);
    return story;
  });

  app.post(
    '/admin/api/rewards/:rewardId/reissue-coupon',
    { onRequest: guard('reissue-coupons') },
    async (request) => {
      const { rewardId } = parseInput(rewardParams, request.params);
      const { reason } = parseInput(reissueBody, request.body ?? {});
      const header = request.headers['idempotency-key'];
      const requestKey = parseInput(idempotencyKey, typeof header === 'string' ? header : undefined);
      const result = await reissueRewardCoupon(deps, rewardId, {
        operator: operatorOf(request),
        reason,
        requestKey,
        correlationId: request.id,
      });
      request.log.info({ rewardId, outcome: result.outcome }, 'reward coupon reissue');
      if (result.outcome === 'notFound') throw notFound(`no reward ${rewardId}`);
      if (result.outcome === 'refused')
        throw new CodedError('RewardNotReissuable', result.message, { state: result.state });
      return { coupon: result.coupon };
    },
  );
}
