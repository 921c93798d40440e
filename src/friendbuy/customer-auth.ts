// Friendbuy customer authentication (§4.6): the storefront pushes `["auth", authString, signature]` after
// tracking the customer, and only a server holding the account Secret Key can produce the signature.
import { createHmac } from 'node:crypto';

export interface CustomerAuth {
  /** `<epochSeconds>:<email>:<customerId>` */
  authString: string;
  /** Lowercase hex HMAC-SHA256 of `authString` with the Secret Key (S9's example is 64 hex characters). */
  signature: string;
}

/**
 * @example
 * signCustomerAuth({ epochSeconds: 1700000000, email: 'ann@example.com', customerId: 'c-1' }, secretKey)
 * // { authString: '1700000000:ann@example.com:c-1', signature: '3f…' }
 */
export function signCustomerAuth(
  who: { epochSeconds: number; email: string; customerId: string },
  secretKey: string,
): CustomerAuth {
  // A colon inside a part would make the string mean something else to Friendbuy than to us.
  if (who.email.includes(':') || who.customerId.includes(':'))
    throw new RangeError('email and customer id must not contain ":"');
  if (!secretKey) throw new RangeError('the Friendbuy Secret Key is required');
  const authString = `${Math.floor(who.epochSeconds)}:${who.email}:${who.customerId}`;
  return { authString, signature: createHmac('sha256', secretKey).update(authString).digest('hex') };
}
