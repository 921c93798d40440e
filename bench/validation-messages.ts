// Bodies for the reward validation callback bench: Friendbuy's purchase-shaped request for each purchase in
// turn, signed over its exact bytes as Friendbuy signs them.
import { SIGNATURE_HEADER, signBody } from '../src/friendbuy/signature.js';
import type { ValidationBodies } from './load-generator.js';

export function signedValidationRequests({ purchaseIds, secretKey }: ValidationBodies) {
  return (sequence: number): { body: string; headers: Record<string, string> } => {
    const purchaseId = purchaseIds[sequence % purchaseIds.length]!;
    const body = JSON.stringify({
      eventType: 'purchase',
      campaignId: 'sandbox-us-referral',
      purchase: { id: purchaseId, amount: 45, currency: 'USD' },
      advocate: { customerId: 'bench-advocate', email: 'bench.advocate@example.com' },
    });
    return { body, headers: { [SIGNATURE_HEADER]: signBody(body, secretKey) } };
  };
}
