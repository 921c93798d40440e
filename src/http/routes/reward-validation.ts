// POST /callbacks/friendbuy/reward-validation: Friendbuy asks whether to fulfil a reward (friendbuy-api.md
// §3.5). Signature first (401, nothing stored), then the payload (either shape), then the order's eligibility
// judged now: 200 approve, 400 reject, 503 with Retry-After while pending so Friendbuy asks again.
import type { FastifyInstance } from 'fastify';
import {
  answerRewardValidation,
  VALIDATION_RETRY_AFTER_SECONDS,
} from '../../flows/answer-reward-validation.js';
import type { FlowDeps } from '../../flows/deps.js';
import { parseRewardValidation } from '../../friendbuy/reward-validation.js';
import { badRequest } from '../errors.js';
import { parseSignedJson, requireFriendbuySignature } from '../friendbuy-signed-body.js';

export function registerRewardValidationRoute(
  app: FastifyInstance,
  deps: { secretKey: string; flows: FlowDeps },
): void {
  void app.register(async (scope) => {
    requireFriendbuySignature(scope, deps.secretKey);
    scope.post('/callbacks/friendbuy/reward-validation', async (request, reply) => {
      const parsed = parseRewardValidation(parseSignedJson(request));
      if (!parsed.ok) throw badRequest(parsed.reason);
      const answer = await answerRewardValidation(deps.flows, parsed.value, request.id);
      request.log.info({ request: parsed.value, answer }, 'reward validation answered');
      if (answer.httpStatus === 503) reply.header('retry-after', String(VALIDATION_RETRY_AFTER_SECONDS));
      return reply.code(answer.httpStatus).send(answer);
    });
  });
}
