// Bodies and queries of the public storefront routes. Everything a browser sends is parsed here; a refusal
// names the field (`cart.id: …`) so a storefront developer sees what to fix.
import { z } from 'zod';
import { badRequest } from '../errors.js';

const cart = z.object({
  id: z.string().min(1).max(64),
  anonymousId: z.string().min(1).max(256).optional(),
});
const customerToken = z.string().min(1).max(4096);
// Friendbuy codes are letters and digits; vanity codes and coupon prefixes add `-`, `_` and `.`.
const code = z.string().regex(/^[\w.-]{1,100}$/, 'letters, digits, -, _ and . only (at most 100)');

export const configQuerySchema = z.object({
  store: z.string().min(1).max(256),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale such as en-US')
    .optional(),
});

export const attributionBodySchema = z.object({
  cart,
  customerToken: customerToken.optional(),
  fbuy: z.string().min(1).max(4096).optional(),
  referralCode: code.optional(),
  visitorStatus: z
    .object({
      status: z.string().max(100).optional(),
      // A record keeps the keys in the order they were sent, which the signature check depends on.
      payload: z.record(z.string(), z.unknown()).optional(),
      signature: z.string().min(1).max(200),
      base64Payload: z.string().max(8192).optional(),
    })
    .optional(),
  landedAt: z.iso.datetime({ offset: true }).optional(),
  /** The storefront's device id (hashed before it is stored); used to spot several accounts on one device. */
  deviceId: z.string().min(1).max(256).optional(),
});

export const couponBodySchema = z.object({ cart, customerToken: customerToken.optional(), code });

export const customerTokenBodySchema = z.object({ customerToken });

export const serverCustomerBodySchema = z.object({
  customerId: z.string().min(1).max(256),
  email: z.email(),
});

/** Parses or throws a 400 naming every offending field. */
export function parseOrReject<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw badRequest(
    result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
  );
}
