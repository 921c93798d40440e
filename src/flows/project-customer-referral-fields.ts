// Puts an advocate's referral code and link on their commercetools customer (payload `{customerId, fields}`).
// Version conflicts re-read and re-decide; values already in place produce no update.
import type { Customer, CustomerUpdateAction } from '@commercetools/platform-sdk';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { getCustomer } from '../commercetools/customer-access.js';
import { updateResourceWithRetry } from '../commercetools/update-with-retry.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf } from './job.js';
import { JOB } from './job-kinds.js';

export function createCustomerReferralFieldsProjector(
  deps: FlowDeps,
): HandlerOf<typeof JOB.projectCustomerReferralFields> {
  return async (payload, { logger }) => {
    const customerId = payload.customerId;
    const fields = payload.fields;
    const api = deps.commercetools;
    const { key, id } = deps.customTypes.customer;
    const updated = await updateResourceWithRetry<Customer, CustomerUpdateAction>(api.customers(), {
      what: `customer ${customerId}`,
      read: () => getCustomer(api, customerId),
      buildActions: (customer) => customFieldActions(customer, key, id, fields) as CustomerUpdateAction[],
    });
    logger.debug({ customerId, version: updated.version }, 'customer referral fields projected');
  };
}

export const projectCustomerReferralFieldsJob = defineJob({
  kind: JOB.projectCustomerReferralFields,
  handler: createCustomerReferralFieldsProjector,
});
