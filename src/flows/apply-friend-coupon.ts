// POST /storefront/coupon: the code Friendbuy's `couponReceived` gave the friend, added to their commercetools
// cart so they never retype it, and remembered as the friend incentive code (the cart extension reads it).
import type { Cart, CartUpdateAction } from '@commercetools/platform-sdk';
import { customFieldActions } from '../commercetools/custom-field-actions.js';
import { ORDER_FIELDS } from '../commercetools/custom-fields.js';
import { type CartClaim, ownershipProof, updateOwnedCart } from './storefront-cart.js';
import type { StorefrontDeps } from './storefront-deps.js';

export interface CouponRequest extends CartClaim {
  code: string;
}

export interface CouponResult {
  cartId: string;
  code: string;
  changed: boolean;
  /** Codes on the cart afterwards, as shoppers type them. */
  discountCodes: string[];
}

export async function applyFriendCoupon(deps: StorefrontDeps, request: CouponRequest): Promise<CouponResult> {
  const proof = await ownershipProof(deps, request);
  const types = deps.customTypes.order;
  const { cart, changed } = await updateOwnedCart(deps, request.cart.id, proof, (current) => {
    const onCart = codesOf(current).some((code) => code.toLowerCase() === request.code.toLowerCase());
    return [
      ...(onCart ? [] : [{ action: 'addDiscountCode' as const, code: request.code }]),
      ...(customFieldActions(current, types.key, types.id, {
        [ORDER_FIELDS.friendIncentiveCode]: request.code,
      }) as CartUpdateAction[]),
    ];
  });
  deps.logger.info({ cartId: cart.id, changed }, 'friend coupon applied to the cart');
  return { cartId: cart.id, code: request.code, changed, discountCodes: codesOf(cart) };
}

function codesOf(cart: Cart): string[] {
  return (cart.discountCodes ?? []).flatMap((info) =>
    info.discountCode.obj ? [info.discountCode.obj.code] : [],
  );
}
