// POST /events/commercetools: subscription deliveries (Pub/Sub push, CloudEvents, or a bare Platform payload).
// A 2xx is an acknowledgement, so it is only sent once the message is durably recorded; a store failure
// answers 503 and the broker redelivers.
import type { FastifyInstance } from 'fastify';
import { classifyPayload, decodeDelivery } from '../../commercetools/envelope.js';
import type { IntakeDeps } from '../../flows/intake-deps.js';
import {
  type Delivery,
  HANDLED_MESSAGE_TYPES,
  receiveCommercetoolsDelivery,
} from '../../flows/receive-commercetools-delivery.js';
import { requireBearer } from '../auth.js';
import { badRequest } from '../errors.js';

export interface EventsRouteDeps extends IntakeDeps {
  /**
   * `token`: the bearer token (or `?token=`) is required. `platform`: no token is asked. A commercetools Connect
   * event application is reached only by the Pub/Sub push subscription Connect configures, which carries no token
   * of ours; the envelope is still validated and every message deduplicated and re-read by id.
   */
  auth: { kind: 'token'; token: string } | { kind: 'platform' };
  /**
   * The largest delivery accepted, in bytes. A Pub/Sub push carries up to 10 MB of message base64-encoded (a
   * third more) in its JSON envelope, so the default leaves room for that; other routes keep small limits.
   */
  bodyLimitBytes?: number | undefined;
}

export const EVENTS_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export function registerEventsRoute(app: FastifyInstance, deps: EventsRouteDeps): void {
  app.post(
    '/events/commercetools',
    {
      ...(deps.auth.kind === 'token'
        ? { onRequest: requireBearer(deps.auth.token, { allowQueryToken: true }) }
        : {}),
      bodyLimit: deps.bodyLimitBytes ?? EVENTS_BODY_LIMIT_BYTES,
    },
    async (request, reply) => {
      const decoded = decodeDelivery(request.body, request.headers['content-type'] ?? '');
      if (!decoded.ok) throw badRequest(decoded.reason);
      const classified = classifyPayload(decoded.payload);
      if (!classified.ok) throw badRequest(classified.reason);
      const delivery = classified.value as Delivery;
      const type = metricType(delivery);
      deps.metrics.deliveryReceived('commercetools', type);
      // Refused for good (400) when it can never be stored, which stops the broker; 503 when the store failed.
      const outcome = await receiveCommercetoolsDelivery(deps, delivery, decoded.payload, request.id, {
        payloadJson: decoded.payloadJson,
      });
      request.log.info(
        {
          outcome,
          type: delivery.kind === 'message' ? delivery.type : delivery.kind,
          ...(delivery.kind === 'message' && delivery.payloadNotIncluded ? { payloadNotIncluded: true } : {}),
        },
        'commercetools delivery acknowledged',
      );
      deps.metrics.deliveryAcknowledged('commercetools', type, outcome);
      return reply.status(outcome === 'subscription-test' ? 202 : 200).send({ status: outcome });
    },
  );
}

const HANDLED = new Set<string>(HANDLED_MESSAGE_TYPES);

/** The message type as a metric label: the types we handle by name, any other as `other` (bounded series). */
function metricType(delivery: Delivery): string {
  if (delivery.kind !== 'message') return delivery.kind;
  return HANDLED.has(delivery.type) ? delivery.type : 'other';
}
