// Friendbuy webhooks (friendbuy-api.md §3): the envelope `{id, type, createdOn, data[]}`, the items we act on,
// and each item's natural dedup key. `id` names the webhook *call*, not the event: a redelivery or a batch
// carries new ids, so items are deduplicated by `rewardId` / `eventId` (S1), or by a hash of their content.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical-json.js';

const text = z.string().trim().min(1).max(500);
const optionalText = z.string().max(500).optional();
// The example sends "20.00"; the table calls it a number (S1). Both are kept as decimal text.
const amount = z.union([z.string().max(50), z.number()]).optional();

/**
 * Friendbuy's reward webhook names the value `rewardAmount` in its example and `amount` in its field table, and
 * its unit `rewardUnit` (a currency code, `%` or a SKU); incentives elsewhere carry `amount` with `currency`.
 * Every spelling is accepted and read as `rewardAmount` / `rewardUnit`.
 */
function withRewardValue<T extends RewardValueFields>(item: T): T {
  return {
    ...item,
    rewardAmount: item.rewardAmount ?? item.amount,
    rewardUnit: item.rewardUnit ?? item.currency,
  };
}

interface RewardValueFields {
  rewardAmount?: string | number | undefined;
  amount?: string | number | undefined;
  rewardUnit?: string | undefined;
  currency?: string | undefined;
}

export const webhookEnvelopeSchema = z.object({
  id: text,
  type: text,
  createdOn: z.string().max(100),
  data: z.array(z.unknown()).min(1).max(1000),
});

/** The fields of advocateReward and friendIncentive items that we use; anything else is kept as sent. */
const rewardFields = {
  rewardId: text,
  rewardType: optionalText,
  rewardUnit: optionalText,
  rewardAmount: amount,
  amount,
  currency: optionalText,
  emailAddress: optionalText,
  customerId: optionalText,
  couponCode: optionalText,
  createdOn: optionalText,
  campaignId: optionalText,
};

export const advocateRewardSchema = z
  .looseObject({
    ...rewardFields,
    // S8/S5: the friends whose conversions earned it.
    friends: z
      .array(z.looseObject({ friendEmailAddress: optionalText, friendCustomerId: optionalText }))
      .optional(),
  })
  .transform(withRewardValue);

export const friendIncentiveSchema = z
  .looseObject({ ...rewardFields, advocateEmailAddress: optionalText, advocateCustomerId: optionalText })
  .transform(withRewardValue);

export const emailCaptureSchema = z.looseObject({ eventId: text, emailAddress: optionalText });

export const emailOptOutSchema = z.looseObject({
  emailAddress: text,
  campaignId: optionalText,
  campaignName: optionalText,
});

export type AdvocateRewardItem = z.infer<typeof advocateRewardSchema>;
export type FriendIncentiveItem = z.infer<typeof friendIncentiveSchema>;
export type EmailOptOutItem = z.infer<typeof emailOptOutSchema>;

/** The webhook types the connector understands; others are recorded, acknowledged and counted. */
export const ITEM_SCHEMAS = {
  advocateReward: advocateRewardSchema,
  friendIncentive: friendIncentiveSchema,
  emailCapture: emailCaptureSchema,
  emailOptOut: emailOptOutSchema,
} as const;

export type KnownWebhookType = keyof typeof ITEM_SCHEMAS;

export function isKnownWebhookType(type: string): type is KnownWebhookType {
  return Object.hasOwn(ITEM_SCHEMAS, type);
}

/** One item of a webhook, ready for the inbox. */
export interface WebhookItem {
  type: string;
  dedupKey: string;
  /** `rewardId` or `eventId` when the item has one. */
  naturalId?: string | undefined;
  item: Record<string, unknown>;
}

export type ParsedWebhook =
  | { ok: true; id: string; type: string; createdOn: string; items: WebhookItem[] }
  | { ok: false; reason: string };

/**
 * Parses a webhook body: the envelope, then each item of a known type. The reason names every bad field
 * (`data.1.rewardId: …`), so the merchant sees in Friendbuy's delivery log what we refused.
 */
export function parseWebhook(body: unknown): ParsedWebhook {
  const envelope = webhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: describe(envelope.error.issues) };
  const { id, type, createdOn, data } = envelope.data;
  const schema = isKnownWebhookType(type) ? ITEM_SCHEMAS[type] : z.record(z.string(), z.unknown());
  const items: WebhookItem[] = [];
  const problems: z.core.$ZodIssue[] = [];
  data.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((issue) => ({ ...issue, path: ['data', index, ...issue.path] })),
      );
      return;
    }
    const item = parsed.data as Record<string, unknown>;
    items.push({ type, item, ...dedupOf(type, item) });
  });
  if (problems.length > 0) return { ok: false, reason: describe(problems) };
  return { ok: true, id, type, createdOn, items };
}

function dedupOf(type: string, item: Record<string, unknown>): { dedupKey: string; naturalId?: string } {
  if ((type === 'advocateReward' || type === 'friendIncentive') && typeof item.rewardId === 'string')
    return { dedupKey: `reward:${item.rewardId}`, naturalId: item.rewardId };
  if (type === 'emailCapture' && typeof item.eventId === 'string')
    return { dedupKey: `emailCapture:${item.eventId}`, naturalId: item.eventId };
  // No natural key (emailOptOut, unknown types): the same content of the same type is the same event.
  const hash = createHash('sha256').update(canonicalJson({ type, item })).digest('hex');
  return { dedupKey: `${type}:${hash}` };
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
