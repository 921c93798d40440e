// Customer-service search: whatever the agent pasted (an email, a commercetools customer id, an order id or
// number, a referral or coupon code, a Friendbuy reward id) is tried as each identifier it could be, and every
// match is answered with the person or order it leads to. An email is looked up by its keyed hash and, live,
// as a commercetools customer; it is never stored or logged.

import { findCustomerByEmail } from '../../commercetools/customer-access.js';
import type { Config } from '../../config.js';
import { hashEmail } from '../../domain/identity.js';
import { type SearchHit, searchIdentifiers } from '../../store/console-search.js';
import type { FlowDeps } from '../deps.js';
import { resolvePeople } from './people.js';

export interface SearchResult {
  kind: 'person' | 'order' | 'referral-code' | 'coupon' | 'reward';
  title: string;
  subtitle: string;
  personKey: string | null;
  orderId: string | null;
}

export type SearchDeps = Pick<FlowDeps, 'db' | 'commercetools'> & {
  config: Pick<Config, 'hashKey' | 'emailRules'>;
};

export async function searchConsole(
  deps: SearchDeps,
  text: string,
  seesPersonalData: boolean,
): Promise<SearchResult[]> {
  const query = text.trim();
  const isEmail = query.includes('@');
  const emailHash = isEmail ? (hashEmail(query, deps.config.hashKey, deps.config.emailRules) ?? null) : null;
  const [hits, customer] = await Promise.all([
    searchIdentifiers(deps.db, isEmail ? '' : query, emailHash),
    isEmail ? findCustomerByEmail(deps.commercetools, query) : undefined,
  ]);
  const found: SearchHit[] = customer
    ? [
        ...hits,
        {
          kind: 'customer',
          id: customer.id,
          orderNumber: null,
          customerId: customer.id,
          emailHash,
          orderId: null,
          detail: null,
        },
      ]
    : hits;
  const keyOf = (hit: Pick<SearchHit, 'customerId' | 'emailHash'>) =>
    hit.customerId ? `customer:${hit.customerId}` : hit.emailHash ? `email:${hit.emailHash}` : null;
  const people = await resolvePeople(deps, found.map(keyOf), seesPersonalData, customer ? [customer] : []);
  const name = (hit: SearchHit) => people(keyOf(hit))?.displayName ?? 'nobody the connector knows';
  const results = found.map((hit): SearchResult => resultOf(hit, keyOf(hit), name(hit)));
  // A person found both as an email and as its customer shows once, by the customer.
  const seen = new Set<string>();
  return results.filter((r) => {
    const id = `${r.kind}:${r.personKey}:${r.orderId}:${r.title}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function resultOf(hit: SearchHit, personKey: string | null, person: string): SearchResult {
  switch (hit.kind) {
    case 'order':
      return {
        kind: 'order',
        title: `order ${hit.orderNumber ?? hit.id}`,
        subtitle: `placed by ${person}`,
        personKey,
        orderId: hit.orderId,
      };
    case 'customer':
    case 'email':
      return { kind: 'person', title: person, subtitle: personKey ?? '', personKey, orderId: null };
    case 'referral-code':
      return {
        kind: 'referral-code',
        title: `referral code ${hit.id}`,
        subtitle: `shared by ${person}${hit.detail ? ` (campaign ${hit.detail})` : ''}`,
        personKey,
        orderId: null,
      };
    case 'coupon':
      return {
        kind: 'coupon',
        title: `coupon ${hit.id}`,
        subtitle: `${hit.detail ?? 'code'}${personKey ? ` of ${person}` : ''}`,
        personKey,
        orderId: hit.orderId,
      };
    case 'reward':
      return {
        kind: 'reward',
        title: `reward ${hit.id}`,
        subtitle: `${hit.detail ?? ''} reward of ${person}`.trim(),
        personKey,
        orderId: hit.orderId,
      };
  }
}
