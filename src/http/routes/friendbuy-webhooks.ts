// POST /webhooks/friendbuy: Friendbuy's signed webhooks. Signature first (401), then the envelope (400 naming
// the field), then every item recorded with its processing job before the 200. A store failure answers 503,
// which Friendbuy retries every 15 minutes for 24 hours.
import type { FastifyInstance } from 'fastify';
import type { IntakeDeps } from '../../flows/intake-deps.js';
import { receiveFriendbuyWebhook } from '../../flows/receive-friendbuy-webhook.js';
import { isKnownWebhookType, parseWebhook } from '../../friendbuy/webhooks.js';
import { badRequest } from '../errors.js';
import { parseSignedJson, requireFriendbuySignature } from '../friendbuy-signed-body.js';

export interface FriendbuyWebhookRouteDeps extends IntakeDeps {
  /** The account Secret Key (`FRIENDBUY_SECRET_KEY`), not the MAPI secret. */
  secretKey: string;
}

export function registerFriendbuyWebhookRoute(app: FastifyInstance, deps: FriendbuyWebhookRouteDeps): void {
  // Encapsulated, so the raw-body parser and the signature hook apply to this route only.
  void app.register(async (scope) => {
    requireFriendbuySignature(scope, deps.secretKey);
    scope.post('/webhooks/friendbuy', async (request) => {
      const webhook = parseWebhook(parseSignedJson(request));
      if (!webhook.ok) throw badRequest(webhook.reason);
      const type = isKnownWebhookType(webhook.type) ? webhook.type : 'other';
      deps.metrics.deliveryReceived('friendbuy', type);
      const intake = await receiveFriendbuyWebhook(deps, webhook, request.id);
      const outcome = intake.recorded > 0 ? 'recorded' : intake.unhandled > 0 ? 'unhandled' : 'duplicate';
      deps.metrics.deliveryAcknowledged('friendbuy', type, outcome);
      request.log.info(
        { webhookId: webhook.id, type: webhook.type, ...intake },
        'Friendbuy webhook acknowledged',
      );
      return { status: 'ok', ...intake };
    });
  });
}
