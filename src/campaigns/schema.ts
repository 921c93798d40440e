// The campaign file's schema (CONNECTOR_CAMPAIGNS_FILE, JSON). Errors name the path of every bad field.
import { z } from 'zod';
import { rewardPolicySchema } from './policy-schema.js';

const currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code such as USD');
const minorAmounts = z.record(currency, z.number().int().nonnegative());

export const discountValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), percent: z.number().gt(0).max(100) }),
  z.object({ type: z.literal('amount'), amounts: minorAmounts.refine((v) => Object.keys(v).length > 0) }),
]);

export const campaignSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  merchantId: z.uuid().optional(),
  stores: z.array(z.string().min(1)).min(1),
  currencies: z.array(currency).min(1),
  locales: z.array(z.string().min(2)).default([]),
  /**
   * Orders a commercetools Recurring Order creates (message OrderCreatedFromRecurringOrder): reported as
   * purchases marked `recurring` in additionalProperties (Friendbuy's reward rules then see a repeat purchase
   * by a known customer), or skipped, which the order's timeline records.
   */
  recurringOrders: z.enum(['purchase', 'skip']).default('purchase'),
  codes: z
    .object({
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, - and _ only')
        .max(20)
        .default(''),
      randomLength: z.number().int().min(6).max(32).default(10),
    })
    .default({ prefix: '', randomLength: 10 }),
  friendIncentive: z
    .object({
      value: discountValueSchema.default({ type: 'percent', percent: 10 }),
      minimumOrder: minorAmounts.default({}),
      newCustomersOnly: z.boolean().default(true),
      validForDays: z.number().int().positive().optional(),
    })
    .default({ value: { type: 'percent', percent: 10 }, minimumOrder: {}, newCustomersOnly: true }),
  advocateReward: z
    .object({
      value: discountValueSchema.optional(),
      validForDays: z.number().int().positive().optional(),
    })
    .default({}),
  /** Reward rules and fraud policy (domain/policy.ts); without it, the fraud check alone (FRAUD_CHECK_ONLY_POLICY). */
  policy: rewardPolicySchema.optional(),
  /** `"off"` switches the fraud check off: the campaign's only way to run without it. */
  fraud: z.enum(['on', 'off']).default('on'),
});

export const campaignsFileSchema = z.object({
  campaigns: z.array(campaignSchema).min(1),
});

export type CampaignsFile = z.infer<typeof campaignsFileSchema>;
/** The file as written: defaults may be left out. */
export type CampaignsFileInput = z.input<typeof campaignsFileSchema>;
