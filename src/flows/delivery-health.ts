// Job `commercetools.delivery-health`: reads the connector's commercetools Subscription and cart API extension,
// judges them (src/domain/delivery-health.ts) and records the result, which /health and the metrics show. A
// subscription that stopped delivering is silent from our side (no messages simply stop coming), so the
// warning says what to do.
import { CART_EXTENSION_PATH, findCartExtension } from '../commercetools/cart-extension-registration.js';
import { findSubscription, messageSubscriptions } from '../commercetools/subscription.js';
import {
  type DeliveryHealth,
  deliveryHealth,
  judgeExtension,
  judgeSubscription,
} from '../domain/delivery-health.js';
import type { Db } from '../store/db.js';
import { readSetting, writeSetting } from '../store/settings.js';
import type { FlowDeps } from './deps.js';
import { defineJob } from './job.js';
import { JOB } from './job-kinds.js';
import { subscriptionDestination } from './project-installation.js';
import { HANDLED_MESSAGE_TYPES } from './receive-commercetools-delivery.js';

const DELIVERY_HEALTH_SETTING = 'commercetools.deliveryHealth';

/** Checks now, records the result, and logs a warning with what to do when something is wrong. */
export async function checkDeliveryHealth(
  deps: Pick<FlowDeps, 'db' | 'clock' | 'config' | 'commercetools' | 'logger'>,
): Promise<DeliveryHealth> {
  const { config } = deps;
  const [subscription, extension] = await Promise.all([
    findSubscription(deps.commercetools),
    findCartExtension(deps.commercetools),
  ]);
  const destination = config.connectDestination && subscriptionDestination(config.connectDestination);
  const judged = deliveryHealth(
    judgeSubscription(
      subscription && {
        status: subscription.status,
        destination: { ...subscription.destination },
        messages: subscription.messages,
      },
      {
        destination: destination && { ...destination },
        messages: messageSubscriptions(HANDLED_MESSAGE_TYPES),
      },
    ),
    judgeExtension(
      extension && { url: extension.destination.type === 'HTTP' ? extension.destination.url : undefined },
      config.publicUrl ? `${config.publicUrl.replace(/\/+$/, '')}${CART_EXTENSION_PATH}` : undefined,
    ),
    deps.clock.now(),
  );
  await writeSetting(deps.db, DELIVERY_HEALTH_SETTING, judged, deps.clock.now());
  if (judged.status === 'unhealthy') {
    deps.logger.warn(
      { subscription: judged.subscription, extension: judged.extension },
      `commercetools delivery is unhealthy: ${[...judged.subscription.problems, ...judged.extension.problems].join('; ')}` +
        (judged.subscription.advice ? `. What to do: ${judged.subscription.advice}` : ''),
    );
  }
  return judged;
}

/** The last recorded check, if one ran. */
export function lastDeliveryHealth(db: Db): Promise<DeliveryHealth | undefined> {
  return readSetting<DeliveryHealth>(db, DELIVERY_HEALTH_SETTING);
}

export const deliveryHealthJob = defineJob({
  kind: JOB.deliveryHealth,
  handler: (deps) => async () => {
    await checkDeliveryHealth(deps);
  },
  // Connect job applications run on a cron; every 5 minutes matches DELIVERY_HEALTH_CHECK_MINUTES' default.
  schedule: { everyMs: (config) => config.deliveryHealth.checkMinutes * 60_000, cron: '*/5 * * * *' },
});
