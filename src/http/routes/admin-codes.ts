// Operator API for promo codes (creating codes: run-operations, on the audit trail; reading: read): an advocate's referral code, code-bank batches
// generated inside the connector (the CLI uses these when the connector holds the embedded store, and always
// in sandbox mode, where commercetools lives in the connector), the codes check and the stock report.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BANK_CHANNELS, CODE_CHANNELS } from '../../domain/code-ownership.js';
import { checkOwnedCodes, codeStock } from '../../flows/check-codes.js';
import type { FlowDeps } from '../../flows/deps.js';
import { MAX_BATCH_CODES, MAX_CONCURRENCY } from '../../flows/generate-codes.js';
import {
  exportCodeBatch,
  readCodeBatch,
  requestAdvocateReferralCode,
  requestCodeBatch,
  resumeCodeBatch,
} from '../../flows/operator-codes.js';
import { parseInput } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const referralBody = z.object({ campaignId: z.string().min(1).max(100).optional() }).optional();
const batchBody = z.object({
  campaignId: z.string().min(1).max(100),
  count: z.number().int().min(1).max(MAX_BATCH_CODES),
  channel: z.enum(BANK_CHANNELS).default('friendIncentive'),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(8),
});
const checkQuery = z.object({
  campaign: z.string().max(100).optional(),
  channel: z.enum(CODE_CHANNELS).optional(),
});
const stockQuery = z.object({
  campaign: z.string().max(100).optional(),
  below: z.coerce.number().int().min(0).optional(),
});
const idParams = z.object({
  id: z.string().regex(/^cb_[0-9a-f]{12}$/, 'a code batch id such as cb_0123456789ab'),
});
const customerParams = z.object({ customerId: z.string().min(1).max(256) });

const askedBy = (request: FastifyRequest) => ({ operator: operatorOf(request), correlationId: request.id });

export function registerAdminCodeRoutes(app: FastifyInstance, deps: { guard: Guard; flows: FlowDeps }): void {
  const { flows } = deps;
  const auth = deps.guard('read');
  const operate = deps.guard('run-operations');

  app.post('/admin/api/advocates/:customerId/referral-code', { onRequest: operate }, async (request) => {
    const { customerId } = parseInput(customerParams, request.params);
    const body = parseInput(referralBody, request.body);
    const result = await requestAdvocateReferralCode(
      flows,
      { customerId, campaignId: body?.campaignId },
      askedBy(request),
    );
    return {
      referralCode: result.referralCode,
      link: result.link,
      campaignId: result.campaignId,
      discountCode: result.discountCode,
    };
  });

  app.post('/admin/api/code-batches', { onRequest: operate }, async (request, reply) => {
    const body = parseInput(batchBody, request.body);
    const batch = await requestCodeBatch(flows, body, askedBy(request));
    return reply.status(202).send({ batch });
  });

  app.get('/admin/api/code-batches/:id', { onRequest: auth }, async (request) => ({
    batch: await readCodeBatch(flows, parseInput(idParams, request.params).id),
  }));

  app.post('/admin/api/code-batches/:id/resume', { onRequest: operate }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const batch = await resumeCodeBatch(flows, id, askedBy(request));
    return reply.status(202).send({ batch });
  });

  app.get('/admin/api/code-batches/:id/codes', { onRequest: auth }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    return reply.type('text/csv; charset=utf-8').send(await exportCodeBatch(flows, id));
  });

  app.get('/admin/api/codes/check', { onRequest: auth }, async (request) => {
    const query = parseInput(checkQuery, request.query);
    return checkOwnedCodes(flows, { campaignId: query.campaign, channel: query.channel });
  });

  app.get('/admin/api/codes/stock', { onRequest: auth }, async (request) => {
    const query = parseInput(stockQuery, request.query);
    return codeStock(flows, { campaignId: query.campaign, below: query.below });
  });
}
