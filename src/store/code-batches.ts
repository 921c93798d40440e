// Code-bank generation batches (migration 006): what was asked for, and a lease so exactly one runner works on
// a batch at a time. The codes a batch created are the registry rows carrying its id, so an interrupted run
// resumes from the registry itself.
import type { BankChannel } from '../domain/code-ownership.js';
import type { Lease } from './codes.js';
import type { Queryable } from './db.js';

export interface CodeBatch {
  id: string;
  campaignId: string;
  channel: BankChannel;
  requested: number;
  concurrency: number;
  status: 'running' | 'completed';
  /** Codes created in commercetools so far. */
  created: number;
  /** Codes claimed but not (yet) confirmed in commercetools: an interrupted run left them. */
  pending: number;
  leaseUntil: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}

const SELECT = `SELECT b.id, b.campaign_id AS "campaignId", b.channel, b.requested, b.concurrency, b.status,
    (SELECT count(*)::int FROM codes c WHERE c.batch_id = b.id AND c.status <> 'pending') AS created,
    (SELECT count(*)::int FROM codes c WHERE c.batch_id = b.id AND c.status = 'pending') AS pending,
    b.lease_until AS "leaseUntil", b.created_at AS "createdAt", b.completed_at AS "completedAt"
  FROM code_batches b`;

export async function createBatch(
  q: Queryable,
  batch: Pick<CodeBatch, 'id' | 'campaignId' | 'channel' | 'requested' | 'concurrency'>,
  now: Date,
): Promise<CodeBatch> {
  await q.query(
    `INSERT INTO code_batches (id, campaign_id, channel, requested, concurrency, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [batch.id, batch.campaignId, batch.channel, batch.requested, batch.concurrency, now],
  );
  return (await getBatch(q, batch.id))!;
}

export async function getBatch(q: Queryable, id: string): Promise<CodeBatch | undefined> {
  return (await q.query<CodeBatch>(`${SELECT} WHERE b.id = $1`, [id])).rows[0];
}

/** Takes or renews the batch lease; false when another runner holds it (or the batch is complete). */
export async function takeBatchLease(q: Queryable, id: string, lease: Lease, now: Date): Promise<boolean> {
  const result = await q.query(
    `UPDATE code_batches SET lease_until = $2, lease_owner = $3, updated_at = $4
     WHERE id = $1 AND status = 'running' AND (lease_until IS NULL OR lease_until < $4 OR lease_owner = $3)`,
    [id, lease.until, lease.owner, now],
  );
  return result.rowCount > 0;
}

export async function releaseBatchLease(q: Queryable, id: string, owner: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE code_batches SET lease_until = NULL, lease_owner = NULL, updated_at = $3
     WHERE id = $1 AND lease_owner = $2`,
    [id, owner, now],
  );
}

export async function completeBatch(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE code_batches SET status = 'completed', completed_at = $2, updated_at = $2, lease_until = NULL,
       lease_owner = NULL WHERE id = $1`,
    [id, now],
  );
}

/** The pending codes an interrupted run left behind, to finish before generating new ones. */
export async function pendingBatchCodes(q: Queryable, id: string): Promise<string[]> {
  const result = await q.query<{ code: string }>(
    `SELECT commercetools_code AS code FROM codes WHERE batch_id = $1 AND status = 'pending' ORDER BY code`,
    [id],
  );
  return result.rows.map((row) => row.code);
}

/** The batch's codes as created in commercetools, in creation order. */
export async function batchCodes(q: Queryable, id: string): Promise<string[]> {
  const result = await q.query<{ code: string }>(
    `SELECT commercetools_code AS code FROM codes WHERE batch_id = $1 AND status <> 'pending'
     ORDER BY created_at, code`,
    [id],
  );
  return result.rows.map((row) => row.code);
}

/** Frees the leases on a batch's pending codes; only the holder of the batch lease may do this. */
export async function releaseBatchCodeLeases(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE codes SET lease_until = NULL, lease_owner = NULL WHERE batch_id = $1 AND status = 'pending'`,
    [id],
  );
}
