// Child-process entry of the load generator: takes one plan from the parent, runs it, sends the result back.
import { cartExtensionInput } from './extension-messages.js';
import { generateLoad, type LoadPlan } from './load-generator.js';
import { orderCreatedEnvelope } from './messages.js';
import { signedValidationRequests } from './validation-messages.js';
import { signedRewardWebhook } from './webhook-messages.js';

const BODIES = {
  orderCreated: orderCreatedEnvelope,
  friendbuyWebhook: signedRewardWebhook,
  cartExtension: cartExtensionInput,
};

process.once('message', async (plan: LoadPlan) => {
  process.send?.({ type: 'started' });
  const bodies =
    plan.bodies === 'rewardValidation'
      ? signedValidationRequests(plan.validation!)
      : BODIES[plan.bodies ?? 'orderCreated'];
  const result = await generateLoad(plan, bodies);
  process.send?.({ type: 'result', result }, () => process.disconnect());
});
