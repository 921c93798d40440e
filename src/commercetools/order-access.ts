// Reads the connector needs from commercetools orders and payments, in one place so flows stay declarative.
import type { ByProjectKeyRequestBuilder, Order, Payment } from '@commercetools/platform-sdk';

import { isNotFound, readOrUndefined } from './read-or-undefined.js';

export type CommercetoolsApi = ByProjectKeyRequestBuilder;

/** The order with its discount codes expanded, or undefined when it does not exist (any more). */
export async function getOrder(api: CommercetoolsApi, id: string): Promise<Order | undefined> {
  return readOrUndefined(
    api
      .orders()
      .withId({ ID: id })
      .get({ queryArgs: { expand: ['discountCodes[*].discountCode'] } }),
  );
}

/** The codes shoppers typed for the order's discount codes, resolved from their ids when not expanded. */
export async function discountCodesOf(api: CommercetoolsApi, order: Order): Promise<string[]> {
  const codes: string[] = [];
  for (const info of order.discountCodes ?? []) {
    const expanded = info.discountCode.obj?.code;
    if (expanded) {
      codes.push(expanded);
      continue;
    }
    try {
      const response = await api.discountCodes().withId({ ID: info.discountCode.id }).get().execute();
      codes.push(response.body.code);
    } catch (error) {
      // A deleted code cannot be attributed; the purchase still counts.
      if (!isNotFound(error)) throw error;
    }
  }
  return codes;
}

/**
 * True when the same customer (by id or exact email) has an earlier order that was not cancelled.
 * Emails differing only by gmail dots or +tags are caught by the ledger lookup in the flow instead.
 */
export async function hasEarlierOrder(
  api: CommercetoolsApi,
  who: { orderId: string; customerId?: string | undefined; email?: string | undefined; before: string },
): Promise<boolean> {
  const identity = [
    who.customerId ? 'customerId = :customerId' : undefined,
    who.email ? 'customerEmail = :email' : undefined,
  ].filter(Boolean);
  if (identity.length === 0) return false;
  const response = await api
    .orders()
    .get({
      queryArgs: {
        where: `(${identity.join(' or ')}) and id != :orderId and createdAt < :before and orderState != "Cancelled"`,
        'var.customerId': who.customerId,
        'var.email': who.email,
        'var.orderId': who.orderId,
        'var.before': who.before,
        limit: 1,
        withTotal: false,
      },
    })
    .execute();
  return response.body.results.length > 0;
}

export async function getPayment(api: CommercetoolsApi, id: string): Promise<Payment | undefined> {
  return readOrUndefined(api.payments().withId({ ID: id }).get());
}

/** A payment does not point back to its order; the order points to its payments. */
export async function findOrderByPayment(
  api: CommercetoolsApi,
  paymentId: string,
): Promise<Order | undefined> {
  const response = await api
    .orders()
    .get({
      queryArgs: { where: 'paymentInfo(payments(id = :paymentId))', 'var.paymentId': paymentId, limit: 1 },
    })
    .execute();
  return response.body.results[0];
}
