// The API extension contract (reference §1.2–1.3): what commercetools sends and what it accepts back. Only the
// cart fields the connector reads are checked; the rest of the cart passes untouched.
import type { CartUpdateAction } from '@commercetools/platform-sdk';
import { z } from 'zod';
import type { ExtensionError } from '../domain/cart-rejections.js';

export const extensionInputSchema = z.object({
  action: z.enum(['Create', 'Update']),
  resource: z.object({ typeId: z.string(), id: z.string(), obj: z.unknown() }),
});

const discountCodeInfo = z.looseObject({
  discountCode: z.looseObject({
    id: z.string(),
    // Present when the extension asks for `discountCodes[*].discountCode` in its expansion paths.
    obj: z.looseObject({ code: z.string() }).optional(),
  }),
});

export const extensionCartSchema = z.looseObject({
  id: z.string(),
  customerId: z.string().optional(),
  customerEmail: z.string().optional(),
  anonymousId: z.string().optional(),
  locale: z.string().optional(),
  store: z.looseObject({ key: z.string() }).optional(),
  totalPrice: z.looseObject({ currencyCode: z.string() }).optional(),
  discountCodes: z.array(discountCodeInfo).optional(),
  custom: z.looseObject({ fields: z.record(z.string(), z.unknown()).optional() }).optional(),
});

export type ExtensionInput = z.infer<typeof extensionInputSchema>;
export type ExtensionCart = z.infer<typeof extensionCartSchema>;

/** 200: the update actions commercetools applies before it persists the cart (at most 100). */
export interface ExtensionSuccess {
  actions: CartUpdateAction[];
}

/** 400: commercetools refuses the caller's request and passes these errors on. */
export interface ExtensionFailure {
  errors: ExtensionError[];
}

/** Expansion that puts each discount code's text on the cart the extension receives (at most 3 paths). */
export const CART_EXTENSION_EXPANSION_PATHS = ['discountCodes[*].discountCode'];
