// Who may change a cart through the public storefront routes. The browser is not trusted, so it must prove the
// cart is its own: the anonymous id commercetools holds for the session, or a verified customer's id.

export interface CartOwners {
  anonymousId?: string | undefined;
  customerId?: string | undefined;
}

export interface OwnershipProof {
  /** Sent by the caller; a secret of the shopper's session, like the cart id itself. */
  anonymousId?: string | undefined;
  /** Established by the connector (a customer token checked with commercetools), never taken from the body. */
  verifiedCustomerId?: string | undefined;
}

/** True when the proof matches the cart: equal non-empty anonymous ids, or the verified customer's cart. */
export function ownsCart(cart: CartOwners, proof: OwnershipProof): boolean {
  if (proof.verifiedCustomerId && cart.customerId === proof.verifiedCustomerId) return true;
  return Boolean(proof.anonymousId && cart.anonymousId && cart.anonymousId === proof.anonymousId);
}
