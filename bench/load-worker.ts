// Child-process entry of the load generator: takes one plan from the parent, runs it, sends the result back.
import { cartExtensionInput } from './extension-messages.js';
import { generateLoad, type LoadPlan } from './load-generator.js';
import { orderCreatedEnvelope } from './messages.js';
import { signedRewardWebhook } from './webhook-messages.js';

const BODIES = {
  orderCreated: orderCreatedEnvelope,
  friendbuyWebhook: signedRewardWebhook,
  cartExtension: cartExtensionInput,
};

process.once('message', async (plan: LoadPlan) => {
  process.send?.({ type: 'started' });
  const result = await generateLoad(plan, BODIES[plan.bodies ?? 'orderCreated']);
  process.send?.({ type: 'result', result }, () => process.disconnect());
});
