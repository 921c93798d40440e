// Named locks held until the transaction ends: what serialises work across the processes sharing the store when
// no row exists yet to lock (e.g. creating a commercetools resource by its key).
import type { Queryable } from './db.js';

export async function lockUntilCommit(tx: Queryable, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
}
