// The identifiers one sighting of a shopper carries, turned into the keys the identity store links. Identifiers
// that name one person (ids, email, session) link and merge people; traits many people can share (IP address,
// user agent, device, Friendbuy's browser-wide global id) are attached to a person but never merge two.
// Values only ever compared are keyed hashes, so the store never holds a raw email, IP or user agent.
import { type AddressParts, normaliseAddress } from './fraud/address.js';
import { type EmailRules, friendbuyCustomerIdFor, hashEmail, hashIdentifier } from './identity.js';

export type LinkKind =
  | 'customerId'
  | 'anonymousId'
  | 'email'
  | 'friendbuyCustomerId'
  | 'friendbuyProfileId'
  | 'session';
export type TraitKind = 'device' | 'friendbuyGlobalId' | 'ip' | 'userAgent' | 'address' | 'payment';

export interface IdentityKey<Kind extends string = LinkKind | TraitKind> {
  kind: Kind;
  value: string;
}

/** Raw identifiers as a storefront, cart, order or Friendbuy event gives them; all optional. */
export interface IdentifiersSeen {
  customerId?: string | undefined;
  anonymousId?: string | undefined;
  email?: string | undefined;
  /** The id we send Friendbuy when it differs from the commercetools customer id (a guest pseudonym). */
  friendbuyCustomerId?: string | undefined;
  /** From the `fbuy` token (`merchantId:profileId:globalId:…`). */
  friendbuyProfileId?: string | undefined;
  friendbuyGlobalId?: string | undefined;
  deviceId?: string | undefined;
  sessionId?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  /** A device already hashed (`hashIdentifier('device', …)`), as the order's device field carries it. */
  deviceHash?: string | undefined;
  /** Shipping or account addresses, hashed once normalised (for the same-address fraud signals). */
  addresses?: readonly AddressParts[] | undefined;
  /** Payment instrument fingerprints from the PSP (CONNECTOR_PAYMENT_FINGERPRINT_FIELD). */
  paymentFingerprints?: readonly string[] | undefined;
}

export interface IdentityKeys {
  links: IdentityKey<LinkKind>[];
  traits: IdentityKey<TraitKind>[];
}

/**
 * @example identityKeysFor({ anonymousId: 'a1', email: 'Jane@x.com' }, { hashKey }).links
 * // [{kind:'anonymousId',value:'a1'}, {kind:'email',value:<hash>}, {kind:'friendbuyCustomerId',value:'guest_…'}]
 */
export function identityKeysFor(
  seen: IdentifiersSeen,
  options: { hashKey: string; emailRules?: EmailRules | undefined },
): IdentityKeys {
  const { hashKey, emailRules } = options;
  const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const email = present(seen.email);
  const friendbuyIds = new Set(
    [
      present(seen.friendbuyCustomerId),
      friendbuyCustomerIdFor({ customerId: present(seen.customerId), email }, hashKey, emailRules),
    ].filter((id): id is string => id !== undefined),
  );
  const links: Array<IdentityKey<LinkKind> | undefined> = [
    key('customerId', present(seen.customerId)),
    key('anonymousId', present(seen.anonymousId)),
    key('email', email && hashEmail(email, hashKey, emailRules)),
    ...[...friendbuyIds].map((id) => key('friendbuyCustomerId', id)),
    key('friendbuyProfileId', present(seen.friendbuyProfileId)),
    key('session', hashed('session', present(seen.sessionId), hashKey)),
  ];
  const traits: Array<IdentityKey<TraitKind> | undefined> = [
    key('device', hashed('device', present(seen.deviceId), hashKey)),
    key('device', present(seen.deviceHash)),
    key('friendbuyGlobalId', present(seen.friendbuyGlobalId)),
    key('ip', hashed('ip', present(seen.ipAddress), hashKey)),
    key('userAgent', hashed('userAgent', present(seen.userAgent), hashKey)),
    ...(seen.addresses ?? []).map((address) => key('address', addressHash(address, hashKey))),
    ...(seen.paymentFingerprints ?? []).map((print) =>
      key('payment', hashed('payment', present(print), hashKey)),
    ),
  ];
  return { links: links.filter(isKey), traits: traits.filter(isKey) };
}

function key<Kind extends string>(kind: Kind, value: string | undefined): IdentityKey<Kind> | undefined {
  return value ? { kind, value } : undefined;
}

/**
 * The keyed hash of a postal address once normalised; undefined when it names no place (no street or postcode).
 * @example addressHash({ streetName: 'Hauptstraße', streetNumber: '5', postalCode: '10115', country: 'DE' }, key)
 */
export function addressHash(address: AddressParts, hashKey: string): string | undefined {
  if (!address.streetName?.trim() && !address.postalCode?.trim()) return undefined;
  return hashIdentifier('address', normaliseAddress(address), hashKey);
}

function hashed(
  kind: 'session' | 'device' | 'ip' | 'userAgent' | 'payment',
  value: string | undefined,
  hashKey: string,
): string | undefined {
  return value === undefined ? undefined : hashIdentifier(kind, value, hashKey);
}

function isKey<T>(value: T | undefined): value is T {
  return value !== undefined;
}
