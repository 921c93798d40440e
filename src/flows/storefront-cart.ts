// The shopper behind a storefront call, and the cart they may change. Shared by the attribution and coupon
// flows: both write to a cart only after the caller proved it is theirs (see domain/cart-ownership.ts).

import type { Cart, CartUpdateAction } from '@commercetools/platform-sdk';
import { CommercetoolsRequestError, getCart, updateCart } from '../commercetools/cart-access.js';
import { TokenIntrospectionError } from '../commercetools/customer-token.js';
import { updateWithRetry } from '../commercetools/update-with-retry.js';
import { type OwnershipProof, ownsCart } from '../domain/cart-ownership.js';
import { CodedError } from '../domain/coded-error.js';
import type { StorefrontDeps } from './storefront-deps.js';

export interface CartClaim {
  cart: { id: string; anonymousId?: string | undefined };
  customerToken?: string | undefined;
}

/** The id of the customer a token belongs to, checked with commercetools; refuses an unknown token (401). */
export async function verifiedCustomerId(deps: StorefrontDeps, token: string): Promise<string> {
  let customerId: string | undefined;
  try {
    customerId = await deps.verifyCustomerToken(token);
  } catch (error) {
    if (!(error instanceof TokenIntrospectionError)) throw error;
    deps.logger.warn({ reason: error.message }, 'customer token could not be checked with commercetools');
    throw new CodedError('TokenCheckUnavailable', 'customerToken: could not be checked now');
  }
  if (!customerId)
    throw new CodedError('InvalidCustomerToken', 'customerToken: not an active commercetools customer token');
  return customerId;
}

export async function ownershipProof(deps: StorefrontDeps, claim: CartClaim): Promise<OwnershipProof> {
  if (!claim.customerToken && !claim.cart.anonymousId)
    throw new CodedError(
      'BadRequest',
      'cart.anonymousId: required unless a customerToken proves whose cart it is',
    );
  return {
    anonymousId: claim.cart.anonymousId,
    verifiedCustomerId: claim.customerToken ? await verifiedCustomerId(deps, claim.customerToken) : undefined,
  };
}

/**
 * Re-reads the cart, checks it is the caller's and still active, decides, and writes; a version conflict starts
 * over. A cart that does not exist answers like one that is not the caller's, so ids cannot be probed.
 */
export async function updateOwnedCart(
  deps: StorefrontDeps,
  cartId: string,
  proof: OwnershipProof,
  decide: (cart: Cart) => CartUpdateAction[],
): Promise<{ cart: Cart; changed: boolean }> {
  let changed = false;
  try {
    const cart = await updateWithRetry<Cart, CartUpdateAction>({
      load: async () => {
        const cart = await getCart(deps.commercetools, cartId);
        if (!cart || !ownsCart(cart, proof))
          throw new CodedError('CartNotOwned', 'cart: not found, or not the caller’s cart');
        if (cart.cartState !== 'Active')
          throw new CodedError('CartNotActive', `cart: is ${cart.cartState}, not Active`);
        return cart;
      },
      buildActions: decide,
      apply: async (cart, actions) => {
        const updated = await updateCart(deps.commercetools, cart, actions);
        changed = true;
        return updated;
      },
    });
    return { cart, changed };
  } catch (error) {
    // A 400 from commercetools (a code that does not exist, a cart extension's refusal) is the caller's to fix.
    if (error instanceof CommercetoolsRequestError && error.rejection.statusCode === 400) {
      const { code, message, reason } = error.rejection;
      throw new CodedError(
        'CartRejected',
        reason ? `${message} (reason: ${reason})` : message,
        {},
        {
          shownCode: code,
        },
      );
    }
    throw error;
  }
}
