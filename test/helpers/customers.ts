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

/** Waits until the customer's shipping address is linked to them (their order or account was seen). */
export async function addressLinked(connector: Pick<TestConnector, 'db'>, customerId: string): Promise<void> {
  await eventually(
    async () =>
      (
        await connector.db.query(
          `SELECT 1 FROM identity_links l JOIN identity_traits t ON t.person_id = l.person_id
           WHERE l.kind = 'customerId' AND l.value = $1 AND t.kind = 'address'`,
          [customerId],
        )
      ).rowCount > 0,
    20_000,
    `the address of ${customerId} linked`,
  );
}
