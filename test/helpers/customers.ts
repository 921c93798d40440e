// Shoppers in the sandbox's commercetools, as a storefront registers them.
import type { Customer } from '@commercetools/platform-sdk';
import { CUSTOMER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { getCustomer } from '../../src/commercetools/customer-access.js';
import { eventually, type TestConnector } from './connector.js';

export async function signUp(connector: Pick<TestConnector, 'api'>, email: string): Promise<Customer> {
  return (
    await connector.api
      .customers()
      .post({ body: { email, password: 'secret-123' } })
      .execute()
  ).body.customer;
}

/** The referral code the connector gave the customer on sign-up (CONNECTOR_REFERRAL_CODE_ON_SIGNUP). */
export function advocateReferralCode(
  connector: Pick<TestConnector, 'api'>,
  customerId: string,
): Promise<string> {
  return eventually(
    async () =>
      (await getCustomer(connector.api, customerId))?.custom?.fields?.[
        CUSTOMER_FIELDS.advocateReferralCode
      ] as string | undefined,
    20_000,
    `the referral code of ${customerId}`,
  );
}
