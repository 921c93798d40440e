// Registers the connector's cart API extension in commercetools (reference §1.1), by key and get-then-update:
// a delete-then-create would let carts through unchecked in between. The trigger condition keeps carts with
// no referral data and no discount code away from us; it only uses `is defined` / `is not empty`, because a
// condition comparing a field the cart lacks fails the shopper's call (ExtensionPredicateEvaluationFailed).
import type { Extension, ExtensionDraft, ExtensionUpdateAction } from '@commercetools/platform-sdk';
import { ORDER_FIELDS } from './custom-fields.js';
import { CART_EXTENSION_EXPANSION_PATHS } from './extension-input.js';
import type { CommercetoolsApi } from './order-access.js';
import { readOrUndefined } from './read-or-undefined.js';

export const CART_EXTENSION_KEY = 'ct-friendbuy-cart-extension';
/** Where the connector answers the extension, below its public URL. */
export const CART_EXTENSION_PATH = '/extensions/commercetools';
/** commercetools' default and, for carts, long its maximum: our own budget is well below it. */
export const CART_EXTENSION_TIMEOUT_MS = 2000;

export const CART_EXTENSION_CONDITION = [
  `custom(fields(${ORDER_FIELDS.referralCode} is defined))`,
  `custom(fields(${ORDER_FIELDS.attributionId} is defined))`,
  'discountCodes is not empty',
].join(' or ');

export interface CartExtensionTarget {
  /** e.g. `https://connector.example.com/extensions/commercetools` */
  url: string;
  /** The whole Authorization header value commercetools sends, e.g. `Bearer <secret>`. */
  authorization: string;
}

export function cartExtensionDraft(target: CartExtensionTarget): ExtensionDraft {
  return {
    key: CART_EXTENSION_KEY,
    destination: {
      type: 'HTTP',
      url: target.url,
      authentication: { type: 'AuthorizationHeader', headerValue: target.authorization },
    },
    triggers: [
      { resourceTypeId: 'cart', actions: ['Create', 'Update'], condition: CART_EXTENSION_CONDITION },
    ],
    timeoutInMs: CART_EXTENSION_TIMEOUT_MS,
    expansionPaths: CART_EXTENSION_EXPANSION_PATHS,
  };
}

export async function ensureCartExtension(
  api: CommercetoolsApi,
  target: CartExtensionTarget,
): Promise<{ extension: Extension; created: boolean }> {
  const draft = cartExtensionDraft(target);
  const existing = await findCartExtension(api);
  if (!existing) {
    const created = await api.extensions().post({ body: draft }).execute();
    return { extension: created.body, created: true };
  }
  const actions: ExtensionUpdateAction[] = [
    { action: 'changeDestination', destination: draft.destination },
    { action: 'changeTriggers', triggers: draft.triggers },
    { action: 'setTimeoutInMs', timeoutInMs: draft.timeoutInMs },
    { action: 'setExpansionPaths', expansionPaths: CART_EXTENSION_EXPANSION_PATHS },
  ];
  const updated = await api
    .extensions()
    .withKey({ key: CART_EXTENSION_KEY })
    .post({ body: { version: existing.version, actions } })
    .execute();
  return { extension: updated.body, created: false };
}

/** Deletes the extension (so a connector that is gone does not block every referred cart); false if none. */
export async function removeCartExtension(api: CommercetoolsApi): Promise<boolean> {
  const existing = await findCartExtension(api);
  if (!existing) return false;
  await api
    .extensions()
    .withKey({ key: CART_EXTENSION_KEY })
    .delete({ queryArgs: { version: existing.version } })
    .execute();
  return true;
}

/** The registered extension, if any (the delivery health check reads it). */
export async function findCartExtension(api: CommercetoolsApi): Promise<Extension | undefined> {
  return readOrUndefined(api.extensions().withKey({ key: CART_EXTENSION_KEY }).get());
}
