// Live reads of people and orders for the operator console: names and emails are never kept by the connector,
// so each screen asks commercetools for the few it shows, in one query per kind.
import type { Customer, Order, Payment } from '@commercetools/platform-sdk';
import { predicateString } from '../domain/code-predicates.js';
import type { AdvocateOrder } from '../domain/fraud/advocate-orders.js';
import { ORDER_FIELDS } from './custom-fields.js';
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

/**
 * The customer's latest orders, newest first, as the case view compares them with a fired signal: at most
 * `limit`, with their payments expanded when the merchant names the field their PSP keeps the card fingerprint in.
 */
export async function latestOrdersOf(
  api: CommercetoolsApi,
  customerId: string,
  options: { limit: number; paymentFingerprintField?: string | undefined },
): Promise<AdvocateOrder[]> {
  const field = options.paymentFingerprintField;
  const response = await api
    .orders()
    .get({
      queryArgs: {
        where: 'customerId = :id',
        'var.id': customerId,
        sort: 'createdAt desc',
        limit: options.limit,
        withTotal: false,
        ...(field ? { expand: ['paymentInfo.payments[*]'] } : {}),
      },
    })
    .execute();
  return response.body.results.map((order) => advocateOrderOf(order, field));
}

function advocateOrderOf(order: Order, paymentFingerprintField: string | undefined): AdvocateOrder {
  const fields = order.custom?.fields ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    id: order.id,
    orderNumber: order.orderNumber ?? order.id,
    shippingAddress: order.shippingAddress,
    ipAddress: text(fields[ORDER_FIELDS.ipAddress]),
    userAgent: text(fields[ORDER_FIELDS.userAgent]),
    deviceHash: text(fields[ORDER_FIELDS.deviceHash]),
    paymentFingerprints: paymentFingerprintField ? paymentFingerprintsOf(order, paymentFingerprintField) : [],
  };
}

/** The card fingerprints the order's expanded payments carry in the merchant's `field`, as written there. */
export function paymentFingerprintsOf(order: Order, field: string): string[] {
  return (order.paymentInfo?.payments ?? []).flatMap((ref) => {
    const value = (ref.obj as Payment | undefined)?.custom?.fields?.[field];
    return typeof value === 'string' ? [value] : [];
  });
}
