// Operator API for the ledger (CONNECTOR_ADMIN_TOKEN bearer): verify the hash chains, all or one stream. The
// CLI's `ledger verify` uses it when the embedded store is held by the running connector.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../store/db.js';
import { verifyLedger } from '../../store/ledger.js';
import { requireBearer } from '../auth.js';
import { badRequest } from '../errors.js';

const verifyQuery = z.object({ stream: z.string().min(1).max(300).optional() });

export function registerAdminLedgerRoutes(app: FastifyInstance, deps: { db: Db; adminToken: string }): void {
  app.get('/admin/api/ledger/verify', { onRequest: requireBearer(deps.adminToken) }, async (request) => {
    const query = verifyQuery.safeParse(request.query);
    if (!query.success) throw badRequest(`stream: ${z.prettifyError(query.error)}`);
    const result = await verifyLedger(deps.db, query.data.stream);
    return { intact: result.breaks.length === 0, ...result };
  });
}
