// The people a console page shows, resolved live from commercetools in at most three reads whatever the page
// size: customers by id, and for people known only by an email hash the customer the identity graph links,
// else the email on their latest order. Masked for operators who may not see personal data.
import type { Customer, Order } from '@commercetools/platform-sdk';
import { getCustomers, getOrders } from '../../commercetools/people-access.js';
import {
  type PersonFound,
  type PersonRef,
  personRef,
  splitPersonKey,
} from '../../domain/console/person-ref.js';
import { leadsForEmailHashes } from '../../store/console-people.js';
import type { FlowDeps } from '../deps.js';

export type PeopleDeps = Pick<FlowDeps, 'db' | 'commercetools'>;

/** A resolver that answers every key asked of one page (keys it was not given resolve as not found). */
export type People = (key: string | null | undefined) => PersonRef | null;

/** `known`: customers the caller already read from commercetools this request, not asked for again. */
export async function resolvePeople(
  deps: PeopleDeps,
  keys: readonly (string | null | undefined)[],
  seesPersonalData: boolean,
  known: readonly Customer[] = [],
): Promise<People> {
  const unique = [...new Set(keys.filter((key): key is string => !!key))];
  const byKey = new Map<string, PersonFound>();
  const customerIds = new Map<string, string>();
  const emailKeys: string[] = [];
  for (const key of unique) {
    const [kind, value] = splitPersonKey(key);
    if (kind === 'customer') customerIds.set(key, value);
    else emailKeys.push(value);
  }
  const leads = await leadsForEmailHashes(deps.db, emailKeys);
  for (const lead of leads) if (lead.customerId) customerIds.set(`email:${lead.emailHash}`, lead.customerId);
  const customerById = new Map(known.map((c) => [c.id, c]));
  const unread = [...new Set(customerIds.values())].filter((id) => !customerById.has(id));
  for (const customer of await getCustomers(deps.commercetools, unread))
    customerById.set(customer.id, customer);
  for (const [key, id] of customerIds) {
    const customer = customerById.get(id);
    if (customer) byKey.set(key, foundInCustomer(customer));
  }
  const orderLeads = leads.filter((lead) => !byKey.has(`email:${lead.emailHash}`) && lead.orderId);
  const orders = await getOrders(
    deps.commercetools,
    orderLeads.map((lead) => lead.orderId!),
  );
  const orderById = new Map(orders.map((o) => [o.id, o]));
  for (const lead of orderLeads) {
    const order = orderById.get(lead.orderId!);
    if (order) byKey.set(`email:${lead.emailHash}`, foundInOrder(order));
  }
  return (key) => (key ? personRef(key, byKey.get(key), seesPersonalData) : null);
}

function foundInCustomer(customer: Customer): PersonFound {
  return {
    customerId: customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
  };
}

function foundInOrder(order: Order): PersonFound {
  const address = order.billingAddress ?? order.shippingAddress;
  return {
    customerId: order.customerId,
    email: order.customerEmail,
    firstName: address?.firstName,
    lastName: address?.lastName,
  };
}
