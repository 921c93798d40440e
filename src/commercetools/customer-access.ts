// Reads the connector needs from commercetools customers, in one place so flows stay declarative.
import type { Customer } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from './order-access.js';
import { readOrUndefined } from './read-or-undefined.js';

/** The customer, or undefined when it does not exist (any more). */
export async function getCustomer(api: CommercetoolsApi, id: string): Promise<Customer | undefined> {
  return readOrUndefined(api.customers().withId({ ID: id }).get());
}

/**
 * The customer with this email. commercetools keeps emails unique case-insensitively (across the project,
 * unless the merchant uses store-specific customers, where the first match is taken).
 */
export async function findCustomerByEmail(
  api: CommercetoolsApi,
  email: string,
): Promise<Customer | undefined> {
  const response = await api
    .customers()
    .get({
      queryArgs: {
        where: 'lowercaseEmail = :email',
        'var.email': email.trim().toLowerCase(),
        limit: 1,
        withTotal: false,
      },
    })
    .execute();
  return response.body.results[0];
}

/** The id of the customer with this email (see findCustomerByEmail). */
export async function findCustomerIdByEmail(
  api: CommercetoolsApi,
  email: string,
): Promise<string | undefined> {
  return (await findCustomerByEmail(api, email))?.id;
}
