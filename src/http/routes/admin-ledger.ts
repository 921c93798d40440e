// Operator API for the ledger (read): verify the hash chains, all or one stream. The
// CLI's `ledger verify` uses it when the embedded store is held by the running connector.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyWholeLedger } from '../../flows/console/on-call.js';
import type { FlowDeps } from '../../flows/deps.js';
import { verifyLedgerChains } from '../../flows/verify-ledger.js';
import { badRequest } from '../errors.js';
import type { Guard } from '../operator-guard.js';

const verifyQuery = z.object({ stream: z.string().min(1).max(300).optional() });

export function registerAdminLedgerRoutes(
  app: FastifyInstance,
  deps: Pick<FlowDeps, 'db' | 'clock'> & { guard: Guard },
): void {
  app.get('/admin/api/ledger/verify', { onRequest: deps.guard('read') }, async (request) => {
    const query = verifyQuery.safeParse(request.query);
    if (!query.success) throw badRequest(`stream: ${z.prettifyError(query.error)}`);
    // The whole ledger's result is kept with its time: the on-call view shows it without verifying again.
    return query.data.stream ? verifyLedgerChains(deps.db, query.data.stream) : verifyWholeLedger(deps);
  });
}
