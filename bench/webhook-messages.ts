// Bodies for the webhook intake bench: one advocateReward per webhook with a fresh rewardId (so each is recorded,
// none is a redelivery), signed over its exact bytes as Friendbuy signs them.
import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, signBody } from '../src/friendbuy/signature.js';

export const BENCH_SECRET_KEY = 'bench-friendbuy-secret-key';

export function signedRewardWebhook(sequence: number): { body: string; headers: Record<string, string> } {
  const createdOn = new Date().toISOString();
  const body = JSON.stringify({
    id: randomUUID(),
    type: 'advocateReward',
    createdOn,
    data: [
      {
        rewardId: randomUUID(),
        rewardType: 'discount',
        rewardUnit: 'USD',
        rewardAmount: '10.00',
        emailAddress: `advocate-${sequence}@example.com`,
        customerId: randomUUID(),
        couponCode: `adv-${sequence.toString(36)}`,
        createdOn,
        friends: [{ friendEmailAddress: `friend-${sequence}@example.com`, friendCustomerId: randomUUID() }],
      },
    ],
  });
  return { body, headers: { [SIGNATURE_HEADER]: signBody(body, BENCH_SECRET_KEY) } };
}
