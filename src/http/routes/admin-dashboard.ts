// The console's program dashboard and on-call view (guarded, `read`): the referral funnel, referred revenue and
// rewards per period bucket for a campaign, store and currency, its CSV export, and what the engineer on call
// checks first (dead letters, delivery health, the ledger's last verification).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dashboardCsv, MAX_BUCKETS } from '../../domain/console/dashboard.js';
import { DAY_MS } from '../../domain/durations.js';
import { can } from '../../domain/operators.js';
import { loadDashboard, loadDashboardSeries } from '../../flows/console/dashboard.js';
import { loadOnCall } from '../../flows/console/on-call.js';
import type { FlowDeps } from '../../flows/deps.js';
import { badRequest } from '../errors.js';
import { type Guard, operatorOf } from '../operator-guard.js';

const DEFAULT_DAYS = 30;

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value));
const dashboardQuery = z.object({
  campaignId: z.string().min(1).max(100).optional(),
  storeKey: z.string().min(1).max(256).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a currency code such as USD')
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  bucket: z.enum(['day', 'week']).default('day'),
  lowStockBelow: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export function registerAdminDashboardRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db' | 'clock' | 'commercetools' | 'campaigns'> & { guard: Guard },
): void {
  const read = { onRequest: deps.guard('read') };

  /** The period defaults to the last 30 days up to now; at most MAX_BUCKETS buckets. */
  const filterOf = (query: unknown) => {
    const parsed = dashboardQuery.safeParse(query);
    if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
    const { from: given, to: until, ...rest } = parsed.data;
    const to = until ?? deps.clock.now();
    const from = given ?? new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from >= to) throw badRequest('from: must be before to');
    const span = (to.getTime() - from.getTime()) / (rest.bucket === 'day' ? DAY_MS : 7 * DAY_MS);
    if (span > MAX_BUCKETS) throw badRequest(`from: at most ${MAX_BUCKETS} ${rest.bucket}s per request`);
    return { ...rest, from, to };
  };

  app.get('/admin/api/dashboard', read, async (request) =>
    loadDashboard(deps, filterOf(request.query), can(operatorOf(request).role, 'see-personal-data')),
  );

  app.get('/admin/api/dashboard.csv', read, async (request, reply) => {
    const filter = filterOf(request.query);
    const { series, totals } = await loadDashboardSeries(deps, filter);
    const name = `referrals-${filter.from.toISOString().slice(0, 10)}-${filter.to.toISOString().slice(0, 10)}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(dashboardCsv(series, totals));
  });

  app.get('/admin/api/on-call', read, async () => loadOnCall(deps));
}
