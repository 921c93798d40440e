// Friendbuy signs the exact bytes it sends (`X-Friendbuy-Hmac-SHA256`, friendbuy-api.md §3.3). Routes that
// receive its webhooks and callbacks keep the raw body, check the signature before anything else, and only
// then parse JSON: an unsigned or forged request is refused without being parsed, logged in full or stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CodedError } from '../domain/coded-error.js';
import { findUnstorable } from '../domain/storable-text.js';
import { SIGNATURE_HEADER, verifySignature } from '../friendbuy/signature.js';
import { badRequest, unauthorized } from './errors.js';

/**
 * Makes the routes of `scope` (an encapsulated plugin) receive the raw body bytes of any content type, and
 * answer 401 before their handler runs unless the body carries a valid signature. Handlers then call
 * {@link parseSignedJson}.
 *
 * @example
 * await app.register(async (scope) => {
 *   requireFriendbuySignature(scope, config.friendbuy.secretKey);
 *   scope.post('/webhooks/friendbuy', async (request) => handle(parseSignedJson(request)));
 * });
 */
export function requireFriendbuySignature(scope: FastifyInstance, secretKey: string): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    done(null, body);
  });
  scope.addHook('preValidation', async (request) => {
    const raw = request.rawBody ?? Buffer.alloc(0);
    if (!verifySignature(raw, request.headers[SIGNATURE_HEADER], secretKey))
      throw unauthorized(`missing or invalid ${SIGNATURE_HEADER} signature`);
  });
}

/** The signed body as JSON; 400 when it is not JSON or holds text the store cannot keep (naming the field). */
export function parseSignedJson(request: FastifyRequest): unknown {
  let body: unknown;
  try {
    body = JSON.parse((request.rawBody ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    throw new CodedError('InvalidJson', 'request body is not valid JSON');
  }
  const problem = findUnstorable(body);
  if (problem) throw badRequest(`${problem.field} ${problem.reason}`);
  return body;
}
