// Reads the connector needs from commercetools customers, in one place so flows stay declarative.
import type { Customer } from '@commercetools/platform-sdk';
import { type CommercetoolsApi, isNotFound } from './order-access.js';

/** The customer, or undefined when it does not exist (any more). */
export async function getCustomer(api: CommercetoolsApi, id: string): Promise<Customer | undefined> {
  try {
    return (await api.customers().withId({ ID: id }).get().execute()).body;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The id of the customer with this email. commercetools keeps emails unique case-insensitively (across the
 * project, unless the merchant uses store-specific customers, where the first match is taken).
 */
export async function findCustomerIdByEmail(
  api: CommercetoolsApi,
  email: string,
): Promise<string | undefined> {
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
  return response.body.results[0]?.id;
}
