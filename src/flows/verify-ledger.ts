// Verifies the ledger's hash chains, all streams or one: what `ct-friendbuy ledger verify` and the admin API
// report, `intact` when no event was altered, removed or reordered.
import type { Queryable } from '../store/db.js';
import { verifyLedger } from '../store/ledger.js';

export async function verifyLedgerChains(q: Queryable, stream?: string | undefined) {
  const result = await verifyLedger(q, stream);
  return { intact: result.breaks.length === 0, ...result };
}
