// What /health reports about the store: which kind it is, the queue's pending and dead-lettered counts (a
// query that also proves the store answers), and the last delivery health check it recorded.
import type { DeliveryHealth } from '../domain/delivery-health.js';
import type { Db } from '../store/db.js';
import { queueCounts } from '../store/outbox.js';
import { lastDeliveryHealth } from './delivery-health.js';

export type QueueCounts = Awaited<ReturnType<typeof queueCounts>>;

export interface StoreHealth {
  database: Db['kind'];
  queue(): Promise<QueueCounts>;
  /** The last delivery health check (commercetools Subscription and cart extension), if one ran. */
  delivery(): Promise<DeliveryHealth | undefined>;
}

export function storeHealth(db: Db): StoreHealth {
  return { database: db.kind, queue: () => queueCounts(db), delivery: () => lastDeliveryHealth(db) };
}
