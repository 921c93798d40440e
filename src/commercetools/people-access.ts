// Live reads of people and orders for the operator console: names and emails are never kept by the connector,
// so each screen asks commercetools for the few it shows, in one query per kind.
import type { Customer, Order } from '@commercetools/platform-sdk';
import { predicateString } from '../domain/code-predicates.js';
import type { CommercetoolsApi } from './order-access.js';

/** commercetools caps a query page at 500; a console page asks for far fewer. */
const MAX_IDS = 200;

const idsPredicate = (field: string, ids: readonly string[]) =>
  `${field} in (${ids.slice(0, MAX_IDS).map(predicateString).join(', ')})`;

/** The customers with these ids that still exist. */
export async function getCustomers(api: CommercetoolsApi, ids: readonly string[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const response = await api
    .customers()
    .get({ queryArgs: { where: idsPredicate('id', ids), limit: MAX_IDS, withTotal: false } })
    .execute();
  return response.body.results;
}

/** The orders with these ids that still exist. */
export async function getOrders(api: CommercetoolsApi, ids: readonly string[]): Promise<Order[]> {
  if (ids.length === 0) return [];
  const response = await api
    .orders()
    .get({ queryArgs: { where: idsPredicate('id', ids), limit: MAX_IDS, withTotal: false } })
    .execute();
  return response.body.results;
}
