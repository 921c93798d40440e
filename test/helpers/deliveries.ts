// Delivering commercetools messages by hand, as a Pub/Sub push subscription would: the sandbox bridge is
// paused so the test decides what arrives, how often, in which order and at which process.
import { randomUUID } from 'node:crypto';
import type { Order, OrderUpdateAction } from '@commercetools/platform-sdk';
import { encodePubSubEnvelope } from '../../src/commercetools/envelope.js';
import type { CommercetoolsApi } from '../../src/commercetools/order-access.js';
import { updateWithRetry } from '../../src/commercetools/update-with-retry.js';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import type { SandboxMessage } from '../../src/sandbox/commercetools/create-sandbox.js';
import type { TestConnector } from './connector.js';

export type IntakeStatus = 'recorded' | 'duplicate' | 'unhandled';

/** Pushes one message to a connector's event endpoint in a fresh Pub/Sub envelope; returns the intake outcome. */
export async function deliver(connectorUrl: string, message: SandboxMessage | object): Promise<IntakeStatus> {
  const response = await fetch(`${connectorUrl}/events/commercetools`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_EVENTS_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(encodePubSubEnvelope(message, randomUUID())),
  });
  const body = (await response.json()) as { status: IntakeStatus };
  if (response.status !== 200)
    throw new Error(`delivery answered ${response.status}: ${JSON.stringify(body)}`);
  return body.status;
}

/** The messages the sandbox commercetools published about one resource, in sequence order. */
export function publishedAbout(world: TestConnector, resourceId: string): SandboxMessage[] {
  return world.sandbox.commercetools.bridge
    .published()
    .filter((message) => message.resource.id === resourceId)
    .sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}

/** Applies update actions to an order as the merchant's back office would (one request, one version). */
export async function updateOrder(
  api: CommercetoolsApi,
  order: Order,
  actions: OrderUpdateAction[],
): Promise<Order> {
  // The connector writes its own fields onto orders meanwhile; re-read on a version conflict, as a merchant's
  // system should.
  return updateWithRetry<Order, OrderUpdateAction>({
    load: async () => (await api.orders().withId({ ID: order.id }).get().execute()).body,
    buildActions: () => actions,
    apply: async (current, toApply) =>
      (
        await api
          .orders()
          .withId({ ID: current.id })
          .post({ body: { version: current.version, actions: toApply } })
          .execute()
      ).body,
  });
}

/** The id Friendbuy knows an order by (the purchase's `orderId`). */
export const friendbuyOrderId = (order: Order): string => order.orderNumber ?? order.id;
