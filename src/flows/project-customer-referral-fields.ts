// Puts an advocate's referral code and link on their commercetools customer (payload `{customerId, fields}`).
// Version conflicts re-read and re-decide; values already in place produce no update.
import type { Customer, CustomerUpdateAction } from '@commercetools/platform-sdk';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { getCustomer } from '../commercetools/customer-access.js';
import { updateWithRetry } from '../commercetools/update-with-retry.js';
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
    const updated = await updateWithRetry<Customer, CustomerUpdateAction>({
      load: async () => {
        const customer = await getCustomer(api, customerId);
        if (!customer) throw new Error(`customer ${customerId} not found in commercetools`);
        return customer;
      },
      buildActions: (customer) => customFieldActions(customer, key, id, fields) as CustomerUpdateAction[],
      apply: async (customer, actions) =>
        (
          await api
            .customers()
            .withId({ ID: customer.id })
            .post({ body: { version: customer.version, actions } })
            .execute()
        ).body,
    });
    logger.debug({ customerId, version: updated.version }, 'customer referral fields projected');
  };
}

export const projectCustomerReferralFieldsJob = defineJob({
  kind: JOB.projectCustomerReferralFields,
  handler: createCustomerReferralFieldsProjector,
});
