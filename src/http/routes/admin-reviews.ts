// Operator API for the fraud review queue: list the cases the fraud check held (read: filtered, sorted by
// Friendbuy's deadline, signals explained in words, people as the operator may see them), read one case in
// full (read), approve or reject them one by one or in bulk (decide-reviews), and read any order's timeline
// (read). A signed-in operator decides as themselves; the admin API token names the person it acts for in the
// body or a header. Every decision is on the audit trail, and logged with the request's correlation id, never
// with the operator or the reason (free text, possibly personal).
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CodedError } from '../../domain/coded-error.js';
import { parseIsoDuration } from '../../domain/iso-duration.js';
import { can, type Operator } from '../../domain/operators.js';
import type { ReviewDecision, ReviewRefusal } from '../../domain/review.js';
import { type ConsoleCaseDeps, loadConsoleCase } from '../../flows/console/review-case.js';
import { listConsoleReviews, REVIEW_SORTS } from '../../flows/console/review-queue.js';
import { decideReviewCase, decideReviews, type ReviewDecisionResult } from '../../flows/decide-review.js';
import type { FlowDeps } from '../../flows/deps.js';
import { loadOrderTimeline } from '../../flows/order-timeline.js';
import { badRequest, notFound, parseInput } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

export const OPERATOR_HEADER = 'x-connector-operator';
export const MAX_BULK_IDS = 500;

const reviewId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value));
const listQuery = z.object({
  status: z.enum(['open', 'approved', 'rejected']).optional(),
  campaignId: z.string().min(1).max(100).optional(),
  /** An advocate key as cases show it (`customer:<id>`, `email:<hash>`), or a bare customer id. */
  advocate: z.string().min(1).max(320).optional(),
  signal: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a signal name such as sameDevice')
    .optional(),
  minScore: z.coerce.number().int().min(0).max(100_000).optional(),
  /** "Older than": an ISO-8601 duration (`PT48H`, `P2D`) or a number of hours. */
  olderThan: z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 3_600_000 : parseIsoDuration(value);
      if (ms === undefined)
        ctx.addIssue({ code: 'custom', message: 'an ISO-8601 duration such as PT48H, or hours' });
      return ms ?? 0;
    })
    .optional(),
  sort: z.enum(REVIEW_SORTS).default('decideBy'),
  from: instant.optional(),
  to: instant.optional(),
  /** The `next` of the previous page (or, as before, a review id). */
  after: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idParams = z.object({ id: reviewId });
const orderParams = z.object({ orderId: z.string().min(1).max(256) });
const operator = z.string().trim().min(1, 'the operator who decides is required').max(200);
const reason = z.string().trim().max(2000).optional();
const decisionBody = z.object({ operator: operator.optional(), reason }).optional();
const bulkBody = z.object({
  ids: z.array(reviewId).min(1).max(MAX_BULK_IDS),
  decision: z.enum(['approve', 'reject']),
  operator: operator.optional(),
  reason,
});

/**
 * Who decides: the signed-in operator, or for the admin API token the person named in the body, else in the
 * `X-Connector-Operator` header (a proxy that knows who is signed in).
 */
function deciderOf(
  request: FastifyRequest,
  fromBody: string | undefined,
): { by: string; operator: Operator } {
  const operator = operatorOf(request);
  if (operator.via === 'session') return { by: operator.name, operator };
  return { by: namedDecider(request, fromBody), operator };
}

function namedDecider(request: FastifyRequest, fromBody: string | undefined): string {
  const header = request.headers[OPERATOR_HEADER];
  const given = fromBody ?? (typeof header === 'string' ? header : undefined);
  if (!given?.trim())
    throw badRequest(
      'operator: a decision needs the operator who made it (body "operator" or X-Connector-Operator)',
    );
  return parseInput(operator, given);
}

function refusalError(refusal: ReviewRefusal): CodedError {
  // The message names the operator who decided; the log keeps people out.
  if (refusal.code === 'already-decided')
    return new CodedError(
      'AlreadyDecided',
      refusal.message,
      {},
      {
        logMessage: 'the review was already decided the other way',
      },
    );
  const field = refusal.code === 'reason-required' ? 'reason' : 'operator';
  return badRequest(`${field}: ${refusal.message}`);
}

function logDecision(
  log: FastifyBaseLogger,
  id: number,
  decision: ReviewDecision,
  result: ReviewDecisionResult,
) {
  const review = 'review' in result ? result.review : undefined;
  log.info(
    { reviewId: id, orderId: review?.orderId, decision, outcome: result.outcome, status: review?.status },
    'review decision',
  );
}

export function registerAdminReviewRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db' | 'clock'> & ConsoleCaseDeps & { guard: Guard },
): void {
  const { guard } = deps;
  const decide = guard('decide-reviews');
  const seesPersonalData = (request: FastifyRequest) => can(operatorOf(request).role, 'see-personal-data');

  app.get('/admin/api/reviews', { onRequest: guard('read') }, async (request) => {
    const query = parseInput(listQuery, request.query);
    return listConsoleReviews(
      deps,
      {
        status: query.status,
        campaignId: query.campaignId,
        advocate: query.advocate,
        signal: query.signal,
        minScore: query.minScore,
        openedBefore:
          query.olderThan !== undefined ? new Date(deps.clock.now().getTime() - query.olderThan) : undefined,
        openedFrom: query.from,
        openedTo: query.to,
        sort: query.sort,
        after: query.after,
        limit: query.limit,
      },
      seesPersonalData(request),
    );
  });

  app.get('/admin/api/reviews/:id', { onRequest: guard('read') }, async (request) => {
    const { id } = parseInput(idParams, request.params);
    const view = await loadConsoleCase(deps, id, seesPersonalData(request), request.id);
    if (!view) throw notFound(`no review ${id}`);
    return view;
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/admin/api/reviews/:id/${decision}`, { onRequest: decide }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(decisionBody, request.body);
      const { by, operator } = deciderOf(request, body?.operator);
      const result = await decideReviewCase(deps, id, {
        decision,
        by,
        operator,
        reason: body?.reason,
        correlationId: request.id,
      });
      logDecision(request.log, id, decision, result);
      if (result.outcome === 'notFound') throw notFound(`no review ${id}`);
      if (result.outcome === 'refused') throw refusalError(result.refusal);
      return { outcome: result.outcome, review: result.review };
    });
  }

  app.post('/admin/api/reviews/bulk', { onRequest: decide }, async (request) => {
    const body = parseInput(bulkBody, request.body);
    const { by, operator } = deciderOf(request, body.operator);
    const input = { decision: body.decision, by, operator, reason: body.reason, correlationId: request.id };
    const decided = await decideReviews(deps, body.ids, input);
    if ('refusal' in decided) throw refusalError(decided.refusal);
    return {
      results: decided.results.map(({ id, result }) => {
        logDecision(request.log, id, body.decision, result);
        if (result.outcome === 'notFound')
          return { id, outcome: result.outcome, status: null, message: `no review ${id}` };
        if (result.outcome === 'refused')
          return {
            id,
            outcome: result.outcome,
            status: result.review.status,
            message: result.refusal.message,
          };
        return { id, outcome: result.outcome, status: result.review.status };
      }),
    };
  });

  app.get('/admin/api/orders/:orderId/timeline', { onRequest: guard('read') }, async (request) => {
    const { orderId } = parseInput(orderParams, request.params);
    const timeline = await loadOrderTimeline(deps.db, orderId);
    if (!timeline) throw notFound(`the connector knows nothing of order ${orderId}`);
    return timeline;
  });
}
