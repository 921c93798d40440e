// POST /events/commercetools: subscription deliveries (Pub/Sub push, CloudEvents, or a bare Platform payload).
// A 2xx is an acknowledgement, so it is only sent once the message is durably recorded; a store failure
// answers 503 and the broker redelivers.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock.js';
import { classifyPayload, decodeDelivery } from '../../commercetools/envelope.js';
import { UnstorableError } from '../../domain/storable-text.js';
import { type Delivery, receiveCommercetoolsDelivery } from '../../flows/receive-commercetools-delivery.js';
import type { Db } from '../../store/db.js';
import { requireBearer } from '../auth.js';
import { badRequest, HttpError } from '../errors.js';

export interface EventsRouteDeps {
  db: Db;
  clock: Clock;
  eventsToken: string;
  onRecorded?: () => void;
}

export function registerEventsRoute(app: FastifyInstance, deps: EventsRouteDeps): void {
  app.post(
    '/events/commercetools',
    { onRequest: requireBearer(deps.eventsToken, { allowQueryToken: true }) },
    async (request, reply) => {
      const decoded = decodeDelivery(request.body, request.headers['content-type'] ?? '');
      if (!decoded.ok) throw badRequest(decoded.reason);
      const classified = classifyPayload(decoded.payload);
      if (!classified.ok) throw badRequest(classified.reason);
      const delivery = classified.value as Delivery;
      let outcome: Awaited<ReturnType<typeof receiveCommercetoolsDelivery>>;
      try {
        outcome = await receiveCommercetoolsDelivery(deps, delivery, decoded.payload, request.id);
      } catch (error) {
        // Refused for good: a 4xx stops the broker from redelivering what can never be stored.
        if (error instanceof UnstorableError) throw badRequest(`cannot be stored: ${error.message}`);
        request.log.error({ err: error }, 'could not record the delivery; the broker will redeliver');
        throw new HttpError(503, 'StoreUnavailable', 'the message could not be recorded; retry later');
      }
      request.log.info(
        { outcome, type: delivery.kind === 'message' ? delivery.type : delivery.kind },
        'commercetools delivery acknowledged',
      );
      return reply.status(outcome === 'subscription-test' ? 202 : 200).send({ status: outcome });
    },
  );
}
