// What /health reports about the store: which kind it is, and the queue's pending and dead-lettered counts (a
// query that also proves the store answers).
import type { Db } from '../store/db.js';
import { queueCounts } from '../store/outbox.js';

export type QueueCounts = Awaited<ReturnType<typeof queueCounts>>;

export interface StoreHealth {
  database: Db['kind'];
  queue(): Promise<QueueCounts>;
}

export function storeHealth(db: Db): StoreHealth {
  return { database: db.kind, queue: () => queueCounts(db) };
}
