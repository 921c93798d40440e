// Operator API for rewards (read): one reward's state and full ledger history, and every
// reward of a commercetools customer, so support can answer "what happened to my reward?".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FlowDeps } from '../../flows/deps.js';
import { loadCustomerRewardViews, loadRewardView } from '../../flows/reward-history.js';
import { badRequest, notFound } from '../errors.js';
import type { Guard } from '../operator-guard.js';

const id = z.string().min(1).max(256);
const rewardParams = z.object({ rewardId: id });
const customerParams = z.object({ customerId: id });

export function registerAdminRewardRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db'> & { guard: Guard },
): void {
  const auth = deps.guard('read');
  app.get('/admin/api/rewards/:rewardId', { onRequest: auth }, async (request) => {
    const params = rewardParams.safeParse(request.params);
    if (!params.success) throw badRequest(z.prettifyError(params.error));
    const reward = await loadRewardView(deps.db, params.data.rewardId);
    if (!reward) throw notFound(`no reward ${params.data.rewardId}`);
    return reward;
  });
  app.get('/admin/api/customers/:customerId/rewards', { onRequest: auth }, async (request) => {
    const params = customerParams.safeParse(request.params);
    if (!params.success) throw badRequest(z.prettifyError(params.error));
    const { customerId } = params.data;
    return { customerId, rewards: await loadCustomerRewardViews(deps.db, customerId) };
  });
}
