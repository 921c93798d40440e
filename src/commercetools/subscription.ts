// Registers the commercetools Subscription that feeds /events/commercetools, with get-then-update so there is
// never a moment without one (a delete-then-create would drop messages in between).
import type { Destination, MessageSubscription, Subscription } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from './order-access.js';
import { readOrUndefined } from './read-or-undefined.js';

export const SUBSCRIPTION_KEY = 'ct-friendbuy-events';

/** Groups message types by the resource that emits them, as a Subscription lists them. */
export function messageSubscriptions(types: readonly string[]): MessageSubscription[] {
  const resourceOf = (type: string) =>
    type.startsWith('Payment') ? 'payment' : type.startsWith('Customer') ? 'customer' : 'order';
  const byResource = new Map<string, string[]>();
  for (const type of types)
    byResource.set(resourceOf(type), [...(byResource.get(resourceOf(type)) ?? []), type]);
  return [...byResource].map(([resourceTypeId, messageTypes]) => ({ resourceTypeId, types: messageTypes }));
}

/** The connector's subscription, if it exists (the delivery health check reads its status). */
export async function findSubscription(api: CommercetoolsApi): Promise<Subscription | undefined> {
  return readOrUndefined(api.subscriptions().withKey({ key: SUBSCRIPTION_KEY }).get());
}

export async function ensureSubscription(
  api: CommercetoolsApi,
  destination: Destination,
  messages: MessageSubscription[],
): Promise<{ subscription: Subscription; created: boolean }> {
  const existing = await findSubscription(api);
  if (!existing) {
    const created = await api
      .subscriptions()
      .post({ body: { key: SUBSCRIPTION_KEY, destination, messages } })
      .execute();
    return { subscription: created.body, created: true };
  }
  const updated = await api
    .subscriptions()
    .withKey({ key: SUBSCRIPTION_KEY })
    .post({
      body: {
        version: existing.version,
        actions: [
          { action: 'changeDestination', destination },
          { action: 'setMessages', messages },
        ],
      },
    })
    .execute();
  return { subscription: updated.body, created: false };
}

/** Deletes the connector's Subscription by its key; false when there is none (so undeploying twice is fine). */
export async function removeSubscription(api: CommercetoolsApi): Promise<boolean> {
  const existing = await findSubscription(api);
  if (!existing) return false;
  await api
    .subscriptions()
    .withKey({ key: SUBSCRIPTION_KEY })
    .delete({ queryArgs: { version: existing.version } })
    .execute();
  return true;
}

/**
 * The connector's Subscription's health as commercetools reports it (`Healthy`, `TemporaryError`,
 * `ConfigurationError`, `ConfigurationErrorDeliveryStopped`, `ManuallySuspended`); undefined when there is none.
 */
export async function readSubscriptionStatus(api: CommercetoolsApi): Promise<string | undefined> {
  return (await findSubscription(api))?.status;
}
