// The coded error of the code flows; the HTTP error handler maps its code to a status (http/errors.ts).

import type { CodeOwner } from '../domain/code-ownership.js';
import { CodedError, type CodeErrorCode } from '../domain/coded-error.js';

export class CodeFlowError extends CodedError<CodeErrorCode> {
  override readonly name = 'CodeFlowError';
}

export function collisionError(code: string, owner: CodeOwner, description: string): CodeFlowError {
  return new CodeFlowError('CodeCollision', `code "${code}" is already taken: ${description}`, {
    code,
    owner: {
      channel: owner.channel,
      campaignId: owner.campaignId ?? undefined,
      rewardId: owner.rewardId ?? undefined,
    },
  });
}
