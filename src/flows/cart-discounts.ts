// Finds or creates the one cart discount that carries every code of a given value, currencies, stores and cart
// predicate, by its deterministic key. Creation is serialised per key across processes by a database lock,
// and commercetools' DuplicateField on the key is the backstop against anyone else.
import type { CartDiscount, CartDiscountDraft } from '@commercetools/platform-sdk';
import {
  createCartDiscount,
  getCartDiscountByKey,
  isDuplicateField,
} from '../commercetools/discount-access.js';
import {
  type CartDiscountSpec,
  cartDiscountKey,
  cartDiscountSortOrder,
  cartDiscountValue,
} from '../domain/code-values.js';
import { currencyFractionDigits, formatAmountTextForFriendbuy } from '../domain/money.js';
import { lockUntilCommit } from '../store/locks.js';
import type { FlowDeps } from './deps.js';

export type CartDiscountDeps = Pick<FlowDeps, 'db' | 'commercetools'>;

/** Our cart discounts' keys start with this; a discount code pointing to one of them is ours. */
export const CART_DISCOUNT_KEY_PREFIX = 'ct-friendbuy-';

export async function ensureCartDiscount(
  deps: CartDiscountDeps,
  spec: CartDiscountSpec,
): Promise<CartDiscount> {
  const key = cartDiscountKey(spec);
  const existing = await getCartDiscountByKey(deps.commercetools, key);
  if (existing) return existing;
  // Only `tx` in here: a second pooled connection while this one holds the lock could wait on it.
  return deps.db.transaction(async (tx) => {
    await lockUntilCommit(tx, `cart-discount:${key}`);
    const created = await getCartDiscountByKey(deps.commercetools, key);
    if (created) return created;
    try {
      return await createCartDiscount(deps.commercetools, cartDiscountDraft(spec, key));
    } catch (error) {
      if (!isDuplicateField(error)) throw error;
      const raced = await getCartDiscountByKey(deps.commercetools, key);
      if (!raced) throw error;
      return raced;
    }
  });
}

function cartDiscountDraft(spec: CartDiscountSpec, key: string): CartDiscountDraft {
  return {
    key,
    name: { en: `Friendbuy: ${describeValue(spec)} off` },
    description: {
      en:
        'Created by ct-friendbuy for Friendbuy codes. Shared by every code with this value, currencies, stores ' +
        'and cart predicate; the connector finds it again by its key, so keep the key.',
    },
    value: cartDiscountValue(spec.value, spec.currencies),
    cartPredicate: spec.cartPredicate,
    target: { type: 'totalPrice' },
    sortOrder: cartDiscountSortOrder(spec),
    requiresDiscountCode: true,
    isActive: true,
    stackingMode: 'Stacking',
    ...(spec.storeKeys.length > 0
      ? { stores: spec.storeKeys.map((storeKey) => ({ typeId: 'store' as const, key: storeKey })) }
      : {}),
  };
}

function describeValue(spec: CartDiscountSpec): string {
  if (spec.value.type === 'percent') return `${spec.value.percent}%`;
  return Object.entries(spec.value.amounts)
    .map(
      ([currencyCode, centAmount]) =>
        `${formatAmountTextForFriendbuy({ centAmount, currencyCode, fractionDigits: currencyFractionDigits(currencyCode) })} ${currencyCode}`,
    )
    .join(' / ');
}
