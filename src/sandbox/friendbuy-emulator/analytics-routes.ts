// Emulated analytics GETs (`/v1/analytics/{shares,clicks,account-sign-ups,purchases}`, reference §2.2, §2.7)
// with Friendbuy's paging: a first call with fromDate/toDate, then `pageToken`s with range and size locked.
// Rows are those a test or demo added (`POST /analytics/<kind>`, sandbox control) plus the clicks on referral
// links it followed and, for sign-ups and purchases, the ones it derives from the attributed events it received,
// as Friendbuy would list them; distributed advocate rewards are those it gave (its advocateReward webhooks).
import { Buffer } from 'node:buffer';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { EmulatedApiError, errorResponse } from './errors.js';
import { parseInput } from './schemas.js';
import type { EmulatorState, RecordedRequest } from './state.js';

const KINDS = ['shares', 'clicks', 'account-sign-ups', 'purchases', 'distributed-advocate-rewards'] as const;
type Kind = (typeof KINDS)[number];
type Row = Record<string, unknown> & { createdOn: string };
/** Rows a test or demo added, per kind: one store per emulator, whichever app serves its routes. */
export type AddedAnalytics = Record<Kind, Row[]>;

export const noAddedAnalytics = (): AddedAnalytics => ({
  shares: [],
  clicks: [],
  'account-sign-ups': [],
  purchases: [],
  'distributed-advocate-rewards': [],
});

const DEFAULT_PAGE_SIZE = 200;

const kindParams = z.object({ kind: z.enum(KINDS) });
const firstPageQuery = z.object({
  fromDate: z.iso.datetime({ offset: true }),
  toDate: z.iso.datetime({ offset: true }),
  pageSize: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
  campaignId: z.string().optional(),
});
const tokenSchema = z.object({
  kind: z.enum(KINDS),
  fromDate: z.string(),
  toDate: z.string(),
  pageSize: z.number().int(),
  offset: z.number().int(),
});
const rowsBody = z
  .array(z.looseObject({ createdOn: z.iso.datetime({ offset: true }).optional() }))
  .max(10_000);

export const analyticsRoutes: FastifyPluginAsync<{
  state: EmulatorState;
  now: () => Date;
  /** Clicks on referral links the emulator followed (landing.ts). */
  clicks: () => Row[];
  /** Rewards the emulator gave advocates (the advocateReward webhooks it sent). */
  advocateRewards: () => Row[];
  added: AddedAnalytics;
}> = async (app, { state, now, clicks, advocateRewards, added }) => {
  app.get('/v1/analytics/:kind', async (request, reply) => {
    const { kind } = parseInput(kindParams, request.params);
    const receivedAt = now().toISOString();
    const answer = (status: number, body: unknown) => {
      state.record({
        method: 'GET',
        path: `/v1/analytics/${kind}`,
        query: request.query as Record<string, string>,
        body: undefined,
        status,
        receivedAt,
      });
      return reply.code(status).send(body);
    };
    const token = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (!token || !state.tokenIsValid(token))
      return answer(401, errorResponse(401, 'Invalid or expired authorization token'));
    const fault = state.drawFault();
    if (fault) return answer(fault, errorResponse(fault, 'Injected fault'));

    const query = request.query as Record<string, string | undefined>;
    const position = query.pageToken ? readToken(query.pageToken, kind) : firstPage(kind, query);
    const from = Date.parse(position.fromDate);
    const to = Date.parse(position.toDate);
    const followed =
      kind === 'clicks' ? clicks() : kind === 'distributed-advocate-rewards' ? advocateRewards() : [];
    const rows = [...added[kind], ...followed, ...derivedRows(kind, state.requests())]
      .filter((row) => Date.parse(row.createdOn) >= from && Date.parse(row.createdOn) <= to)
      .sort((a, b) => Date.parse(a.createdOn) - Date.parse(b.createdOn));
    const end = position.offset + position.pageSize;
    const nextPageToken = end < rows.length ? writeToken({ ...position, offset: end }) : undefined;
    return answer(200, {
      ...(nextPageToken ? { nextPageToken } : {}),
      totalResults: rows.length,
      results: rows.slice(position.offset, end),
    });
  });

  // Sandbox control (not under /v1): rows a demo or test wants Friendbuy to report.
  app.post('/analytics/:kind', async (request, reply) => {
    const { kind } = parseInput(kindParams, request.params);
    const rows = parseInput(rowsBody, request.body);
    added[kind].push(...rows.map((row) => ({ ...row, createdOn: row.createdOn ?? now().toISOString() })));
    return reply.code(201).send({ added: rows.length });
  });

  app.delete('/analytics', async (_request, reply) => {
    for (const kind of KINDS) added[kind] = [];
    return reply.code(204).send();
  });
};

function firstPage(kind: Kind, query: Record<string, string | undefined>) {
  const { fromDate, toDate, pageSize } = parseInput(firstPageQuery, query);
  return { kind, fromDate, toDate, pageSize, offset: 0 };
}

function readToken(token: string, kind: Kind) {
  try {
    const position = tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    if (position.kind === kind) return position;
  } catch {
    // fall through: Friendbuy answers a bad token like any bad parameter
  }
  throw new EmulatedApiError(400, 'Invalid pageToken');
}

function writeToken(position: z.infer<typeof tokenSchema>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Friendbuy lists attributed conversions: tracked sign-ups and purchases that carried a referral. */
function derivedRows(kind: Kind, requests: RecordedRequest[]): Row[] {
  const path =
    kind === 'purchases'
      ? '/v1/event/purchase'
      : kind === 'account-sign-ups'
        ? '/v1/event/account-sign-up'
        : undefined;
  if (!path) return [];
  return requests
    .filter((request) => request.path === path && request.status === 201)
    .flatMap((request) => {
      const body = request.body as Record<string, unknown>;
      if (!body.referralCode && !body.couponCode && !body.attributionId) return [];
      return [
        {
          createdOn: request.receivedAt,
          customerId: body.customerId,
          email: body.email,
          newCustomer: body.isNewCustomer,
          referralCode: body.referralCode,
          couponCode: body.couponCode,
          ...(kind === 'purchases' ? { orderId: body.orderId, amount: body.amount } : {}),
        },
      ];
    });
}

/** What `distributed-advocate-rewards` lists for the advocateReward webhooks sent (reference §2.7 fields). */
export function distributedAdvocateRewards(
  deliveries: readonly { webhook: { type: string; data: Record<string, unknown>[] } }[],
): Row[] {
  return deliveries
    .filter((delivery) => delivery.webhook.type === 'advocateReward')
    .flatMap((delivery) =>
      delivery.webhook.data.map((item) => ({
        createdOn: String(item.createdOn),
        rewardType: item.rewardType,
        rewardAmount: item.rewardAmount,
        couponCode: item.couponCode,
        trigger: item.rewardTrigger,
        advocateEmail: item.emailAddress,
        advocateCustomerId: item.customerId,
      })),
    );
}
