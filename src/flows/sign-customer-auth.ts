// POST /storefront/customer-auth: Friendbuy's signed customer identity (§4.6), produced only for a caller who
// proved who the customer is: a commercetools customer token (checked with commercetools; the customer's email
// is read from commercetools, not from the caller) or the merchant's backend holding the server key.

import { getCustomer } from '../commercetools/cart-access.js';
import { CodedError } from '../domain/coded-error.js';
import { type CustomerAuth, signCustomerAuth } from '../friendbuy/customer-auth.js';
import { verifiedCustomerId } from './storefront-cart.js';
import type { StorefrontDeps } from './storefront-deps.js';

export type CustomerAuthRequest =
  | { via: 'customerToken'; customerToken: string }
  /** The route checked the server key; the merchant's backend vouches for this id and email. */
  | { via: 'serverKey'; customerId: string; email: string };

export interface CustomerAuthResult extends CustomerAuth {
  /** What the kit tracks with `["track","customer", …]` before pushing `auth`. */
  customer: { id: string; email: string; firstName?: string | undefined; lastName?: string | undefined };
}

export async function signCustomerAuthFor(
  deps: StorefrontDeps,
  request: CustomerAuthRequest,
): Promise<CustomerAuthResult> {
  const customer =
    request.via === 'serverKey'
      ? { id: request.customerId, email: request.email }
      : await tokenCustomer(deps, request.customerToken);
  if (customer.email.includes(':') || customer.id.includes(':'))
    throw new CodedError('BadRequest', 'email: must not contain ":" (Friendbuy’s separator)');
  const auth = signCustomerAuth(
    { epochSeconds: deps.clock.now().getTime() / 1000, email: customer.email, customerId: customer.id },
    deps.config.friendbuy.secretKey,
  );
  deps.logger.info({ customerId: customer.id, via: request.via }, 'customer auth signed for Friendbuy');
  return { ...auth, customer };
}

async function tokenCustomer(deps: StorefrontDeps, token: string): Promise<CustomerAuthResult['customer']> {
  const id = await verifiedCustomerId(deps, token);
  const customer = await getCustomer(deps.commercetools, id);
  if (!customer) throw new CodedError('InvalidCustomerToken', 'customerToken: its customer does not exist');
  return { id, email: customer.email, firstName: customer.firstName, lastName: customer.lastName };
}
