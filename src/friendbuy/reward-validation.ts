// The reward validation callback's payload (friendbuy-api.md §3.5), in both shapes Friendbuy sends: the
// documented purchase shape `{eventType:'purchase', purchase:{id,…}, advocate}` and the newer per-recipient
// shape `{eventType, recipientType, event:{…}, actor, advocate}`. Parsed into what the connector judges by.
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number()]).transform(String);

const purchaseShape = z.looseObject({
  eventType: z.literal('purchase'),
  campaignId: z.string().optional(),
  purchase: z.looseObject({ id }),
});

const eventShape = z.looseObject({
  eventType: z.string().min(1),
  recipientType: z.enum(['advocate', 'friend']).optional(),
  campaignId: z.string().optional(),
  event: z.looseObject({ orderId: id.optional(), id: id.optional(), purchaseId: id.optional() }),
});

export interface RewardValidationRequest {
  eventType: string;
  recipientType?: 'advocate' | 'friend' | undefined;
  campaignId?: string | undefined;
  /** Friendbuy's purchase id (our order number, else the order id), when the event is a purchase. */
  purchaseId?: string | undefined;
}

export type ParsedRewardValidation =
  | { ok: true; value: RewardValidationRequest }
  | { ok: false; reason: string };

/** @example parseRewardValidation({ eventType: 'purchase', purchase: { id: 'ORD-1' } }) */
export function parseRewardValidation(body: unknown): ParsedRewardValidation {
  const event = eventShape.safeParse(body);
  if (event.success && !(body as { purchase?: unknown }).purchase) {
    const { eventType, recipientType, campaignId } = event.data;
    const { orderId, purchaseId, id: eventId } = event.data.event;
    return {
      ok: true,
      value: { eventType, recipientType, campaignId, purchaseId: orderId ?? purchaseId ?? eventId },
    };
  }
  const purchase = purchaseShape.safeParse(body);
  if (!purchase.success) {
    const issue = purchase.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const { eventType, campaignId } = purchase.data;
  return { ok: true, value: { eventType, campaignId, purchaseId: purchase.data.purchase.id } };
}
