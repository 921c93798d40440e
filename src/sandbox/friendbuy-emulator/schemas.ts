// Request validation of the emulated Merchant API: required fields and types per reference §2.4–2.6.
// Objects are loose because Friendbuy accepts fields beyond the spec (S2 sends giftCardCodes, loyaltyStatus…).
import { z } from 'zod';
import { EmulatedApiError } from './errors.js';

const text = z.string().min(1);
const optionalText = z.string().optional();
const email = z.email();
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'expected a 3-letter ISO 4217 code');
const birthday = z.object({
  day: z.number().int().min(1).max(31),
  month: z.number().int().min(1).max(12),
  year: z.number().int().optional(),
});

/** Fields every tracked event may carry. Friendbuy silently drops bad additionalProperties, so any object passes. */
const eventExtras = {
  firstName: optionalText,
  lastName: optionalText,
  isNewCustomer: z.boolean().optional(),
  couponCode: optionalText,
  attributionId: optionalText,
  referralCode: optionalText,
  additionalProperties: z.record(z.string(), z.unknown()).optional(),
  ipAddress: optionalText,
  userAgent: optionalText,
};

export const authorizationSchema = z.object({ key: text, secret: text });

export const purchaseSchema = z.looseObject({
  ...eventExtras,
  orderId: text,
  customerId: text,
  amount: z.number().min(0),
  currency,
  email: email.optional(),
  products: z
    .array(
      z.looseObject({
        sku: text,
        name: optionalText,
        quantity: z.number().int().min(0).optional(),
        price: z.number().optional(),
      }),
    )
    .optional(),
});

export const signUpSchema = z.looseObject({
  ...eventExtras,
  email,
  customerId: text,
  timezone: optionalText,
  birthday: birthday.optional(),
});

export const customEventSchema = z.looseObject({
  ...eventExtras,
  email,
  eventType: text,
  customerId: optionalText,
  deduplicationId: optionalText,
  amount: z.number().optional(),
  currency: currency.optional(),
});

export const customerSchema = z.looseObject({
  ...eventExtras,
  email,
  customerId: text,
  birthday: birthday.optional(),
});

export const personalReferralLinkSchema = z.looseObject({
  email,
  // Friendbuy's campaign ids are uuids; any id passes here so sandbox campaigns can have readable names.
  campaignId: text,
  customerId: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  seed: optionalText,
  channel: z
    .enum(['email', 'facebook', 'generic', 'instagram', 'messenger', 'sms', 'snap', 'twitter', 'purl'])
    .optional(),
  destinationUrlQueryParams: z.record(z.string(), z.unknown()).optional(),
  ipAddress: optionalText,
  userAgent: optionalText,
});

export const personalReferralLinkBatchSchema = z.object({
  requests: z.array(personalReferralLinkSchema).min(1).max(10),
});

export const userDataQuerySchema = z
  .object({ email: email.optional(), customerId: text.optional() })
  .refine((query) => query.email !== undefined || query.customerId !== undefined, {
    message: 'email or customerId is required',
    path: ['email'],
  });

export const faultsPatchSchema = z.strictObject({
  rate429: z.number().min(0).max(1).optional(),
  rate500: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  orderIdDeduplication: z.boolean().optional(),
});

/** Parses or throws a 400 whose message names every offending field, as Friendbuy's validation errors do. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw new EmulatedApiError(400, `Invalid request: ${problems.join('; ')}`);
}
