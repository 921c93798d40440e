// The email to report an order under. commercetools allows an order with `customerId` and no `customerEmail`
// (the API reference's own Order example has none), so the customer's email is read then, and cached: a
// customer's orders and their status reports arrive close together.
import { getCustomer } from '../commercetools/customer-access.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';
import { createTtlCache, type TtlCache } from '../ttl-cache.js';
import type { FlowDeps } from './deps.js';

const FOUND_TTL_MS = 10 * 60_000;
// A customer without an email (or not found) may get one soon; ask again after a minute.
const MISSING_TTL_MS = 60_000;

// One cache per commercetools client, i.e. per connector process.
const caches = new WeakMap<CommercetoolsApi, TtlCache<string, string | undefined>>();

/**
 * The order's email, else its customer's, else undefined.
 * @example const email = await orderEmail(deps, order); // 'jane@example.com'
 */
export async function orderEmail(
  deps: Pick<FlowDeps, 'commercetools' | 'clock'>,
  order: { customerEmail?: string | undefined; customerId?: string | undefined },
): Promise<string | undefined> {
  if (order.customerEmail?.trim()) return order.customerEmail;
  const customerId = order.customerId;
  if (!customerId) return undefined;
  let cache = caches.get(deps.commercetools);
  if (!cache) {
    cache = createTtlCache({ max: 10_000, now: () => deps.clock.now().getTime() });
    caches.set(deps.commercetools, cache);
  }
  return cache.get(
    customerId,
    async () => (await getCustomer(deps.commercetools, customerId))?.email || undefined,
    (email) => (email ? FOUND_TTL_MS : MISSING_TTL_MS),
  );
}
