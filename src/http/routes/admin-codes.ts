// Operator API for promo codes (CONNECTOR_ADMIN_TOKEN bearer): an advocate's referral code, code-bank batches
// generated inside the connector (the CLI uses these when the connector holds the embedded store, and always
// in sandbox mode, where commercetools lives in the connector), the codes check and the stock report.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toCodeBankCsv } from '../../domain/code-naming.js';
import { BANK_CHANNELS, CODE_CHANNELS } from '../../domain/code-ownership.js';
import { ensureAdvocateReferralCode } from '../../flows/advocate-referral-code.js';
import { checkOwnedCodes, codeStock } from '../../flows/check-codes.js';
import { type CodeErrorCode, CodeFlowError } from '../../flows/code-errors.js';
import type { FlowDeps } from '../../flows/deps.js';
import {
  enqueueCodeBatchSlice,
  MAX_BATCH_CODES,
  MAX_CONCURRENCY,
  startCodeBatch,
} from '../../flows/generate-codes.js';
import { FriendbuyApiError } from '../../friendbuy/api-error.js';
import { batchCodes, getBatch } from '../../store/code-batches.js';
import { requireBearer } from '../auth.js';
import { badRequest, HttpError } from '../errors.js';

const STATUS: Record<CodeErrorCode, number> = {
  CodeCollision: 409,
  CodeBusy: 503,
  CustomerNotFound: 404,
  CampaignNotFound: 404,
  BatchNotFound: 404,
  BatchBusy: 409,
  CodeSpaceExhausted: 422,
  InvalidRequest: 400,
};

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

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
  return parsed.data;
}

/** The one mapping of code-flow failures to responses. */
function toHttpError(error: unknown): unknown {
  if (error instanceof CodeFlowError) return new HttpError(STATUS[error.code], error.code, error.message);
  if (error instanceof FriendbuyApiError)
    return error.status === 404
      ? new HttpError(404, 'CampaignNotFound', 'Friendbuy has no active campaign with that id')
      : new HttpError(502, 'FriendbuyUnavailable', error.message);
  return error;
}

export function registerAdminCodeRoutes(
  app: FastifyInstance,
  deps: { adminToken: string; flows: () => FlowDeps | undefined },
): void {
  const auth = requireBearer(deps.adminToken);
  const flows = (): FlowDeps => {
    const ready = deps.flows();
    if (!ready) throw new HttpError(503, 'Starting', 'the connector is still starting');
    return ready;
  };
  const handle =
    <T>(fn: (request: { params: unknown; query: unknown; body: unknown; id: string }) => Promise<T>) =>
    async (request: { params: unknown; query: unknown; body: unknown; id: string }) => {
      try {
        return await fn(request);
      } catch (error) {
        throw toHttpError(error);
      }
    };

  app.post(
    '/admin/api/advocates/:customerId/referral-code',
    { onRequest: auth },
    handle(async (request) => {
      const { customerId } = parse(customerParams, request.params);
      const body = parse(referralBody, request.body);
      const result = await ensureAdvocateReferralCode(flows(), {
        customerId,
        campaignId: body?.campaignId,
        correlationId: request.id,
      });
      return {
        referralCode: result.referralCode,
        link: result.link,
        campaignId: result.campaignId,
        discountCode: result.discountCode,
      };
    }),
  );

  app.post('/admin/api/code-batches', { onRequest: auth }, async (request, reply) => {
    const body = parse(batchBody, request.body);
    const batch = await handle(async () => {
      const ready = flows();
      const started = await startCodeBatch(ready, body);
      await enqueueCodeBatchSlice(ready, started.id, 'start', request.id);
      return started;
    })(request);
    return reply.status(202).send({ batch });
  });

  app.get(
    '/admin/api/code-batches/:id',
    { onRequest: auth },
    handle(async (request) => ({ batch: await requireBatch(flows(), parse(idParams, request.params).id) })),
  );

  app.post('/admin/api/code-batches/:id/resume', { onRequest: auth }, async (request, reply) => {
    const { id } = parse(idParams, request.params);
    const batch = await handle(async () => {
      const ready = flows();
      const found = await requireBatch(ready, id);
      // A fresh key each time: the batch lease keeps a second runner from working on it concurrently.
      if (found.status === 'running')
        await enqueueCodeBatchSlice(ready, id, `resume:${ready.clock.now().getTime()}`, request.id);
      return found;
    })(request);
    return reply.status(202).send({ batch });
  });

  app.get('/admin/api/code-batches/:id/codes', { onRequest: auth }, async (request, reply) => {
    const { id } = parse(idParams, request.params);
    const csv = await handle(async () => {
      const ready = flows();
      await requireBatch(ready, id);
      return toCodeBankCsv(await batchCodes(ready.db, id));
    })(request);
    return reply.type('text/csv; charset=utf-8').send(csv);
  });

  app.get(
    '/admin/api/codes/check',
    { onRequest: auth },
    handle(async (request) => {
      const query = parse(checkQuery, request.query);
      return checkOwnedCodes(flows(), { campaignId: query.campaign, channel: query.channel });
    }),
  );

  app.get(
    '/admin/api/codes/stock',
    { onRequest: auth },
    handle(async (request) => {
      const query = parse(stockQuery, request.query);
      return codeStock(flows(), { campaignId: query.campaign, below: query.below });
    }),
  );
}

async function requireBatch(deps: FlowDeps, id: string) {
  const batch = await getBatch(deps.db, id);
  if (!batch) throw new CodeFlowError('BatchNotFound', `no code batch "${id}"`);
  return batch;
}
