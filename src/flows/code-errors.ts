// The one error class of the code flows; routes and the CLI map `code` once (see http/routes/admin-codes.ts).

import type { CodeOwner } from '../domain/code-ownership.js';
import { CodedError } from '../domain/coded-error.js';

export type CodeErrorCode =
  /** The code belongs to another owner (another channel, campaign or reward, or the merchant). */
  | 'CodeCollision'
  /** Another process is creating the code right now; retry shortly. */
  | 'CodeBusy'
  | 'CustomerNotFound'
  | 'CampaignNotFound'
  | 'BatchNotFound'
  /** Another runner holds the batch. */
  | 'BatchBusy'
  /** Random codes keep colliding: the prefix and length leave too few free codes. */
  | 'CodeSpaceExhausted'
  | 'InvalidRequest';

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
