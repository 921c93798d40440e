// The email to report an order under. commercetools allows an order with `customerId` and no `customerEmail`
// (the API reference's own Order example has none), so the customer's email is read then. Not cached: such
// orders are rare, and each job that needs the email already reads the order from commercetools, so one more
// read costs no more than the job's own.
import { getCustomer } from '../commercetools/customer-access.js';
import type { FlowDeps } from './deps.js';

/**
 * The order's email, else its customer's, else undefined.
 * @example const email = await orderEmail(deps, order); // 'jane@example.com'
 */
export async function orderEmail(
  deps: Pick<FlowDeps, 'commercetools'>,
  order: { customerEmail?: string | undefined; customerId?: string | undefined },
): Promise<string | undefined> {
  if (order.customerEmail?.trim()) return order.customerEmail;
  if (!order.customerId) return undefined;
  return (await getCustomer(deps.commercetools, order.customerId))?.email || undefined;
}
