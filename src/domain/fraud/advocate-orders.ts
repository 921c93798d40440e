// Which of the advocate's own orders used what a fired signal found the friend sharing with them (the address,
// card, IP…), so the case can say "ships to an address the advocate used on order 1042". The orders' raw values
// are hashed exactly as the fraud check hashed them and compared with the hash the signal kept as evidence;
// nothing raw is returned or kept.
import { hashIdentifier } from '../identity.js';
import { addressHash } from '../identity-keys.js';
import type { AddressParts } from './address.js';
import type { SharedIdentifierSignal } from './match-signals.js';
import { sameKnown } from './signal.js';

/** One of the advocate's orders, as commercetools has it: raw values, only ever hashed here. */
export interface AdvocateOrder {
  id: string;
  /** The order number, else its id: how an operator finds the order. */
  orderNumber: string;
  shippingAddress?: AddressParts | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  /** The order's device field: already a keyed hash. */
  deviceHash?: string | undefined;
  paymentFingerprints?: readonly string[] | undefined;
}

/** The hashes one order is known by for a signal, as the fraud check computes them (referral-facts). */
const HASHES: Readonly<Record<SharedIdentifierSignal, (order: AdvocateOrder, key: string) => string[]>> = {
  sameShippingAddress: (o, key) => present(o.shippingAddress && addressHash(o.shippingAddress, key)),
  samePaymentFingerprint: (o, key) =>
    (o.paymentFingerprints ?? []).flatMap((print) => present(hashed('payment', print, key))),
  sameIp: (o, key) => present(hashed('ip', o.ipAddress, key)),
  sameIpAndUserAgent: (o, key) => {
    const ip = hashed('ip', o.ipAddress, key);
    const userAgent = hashed('userAgent', o.userAgent, key);
    return ip && userAgent ? [`${ip}:${userAgent}`] : [];
  },
  sameDevice: (o) => present(o.deviceHash?.trim()),
};

export const ADVOCATE_ORDER_SIGNALS = Object.keys(HASHES) as SharedIdentifierSignal[];

/**
 * For each fired signal that compared the friend with the advocate, the numbers of the advocate's orders that
 * carry the very value it found shared (in the orders' order). A signal whose evidence has no hash, or that no
 * order matches, is left out: the explanation then says "before".
 * @example
 * advocateOrdersSharing([{ signal: 'sameShippingAddress', evidence: { hash: h } }], orders, hashKey)
 * // { sameShippingAddress: ['1042'] }
 */
export function advocateOrdersSharing(
  fired: readonly { signal: string; evidence?: unknown }[],
  orders: readonly AdvocateOrder[],
  hashKey: string,
): Partial<Record<SharedIdentifierSignal, string[]>> {
  const found: Partial<Record<SharedIdentifierSignal, string[]>> = {};
  for (const { signal, evidence } of fired) {
    if (!isAdvocateOrderSignal(signal)) continue;
    const hash = (evidence as { hash?: unknown } | undefined)?.hash;
    if (typeof hash !== 'string') continue;
    const numbers = orders
      .filter((order) => HASHES[signal](order, hashKey).some((value) => sameKnown(hash, value)))
      .map((order) => order.orderNumber);
    if (numbers.length) found[signal] = [...new Set(numbers)];
  }
  return found;
}

export function isAdvocateOrderSignal(signal: string): signal is SharedIdentifierSignal {
  return Object.hasOwn(HASHES, signal);
}

function hashed(kind: 'ip' | 'userAgent' | 'payment', value: string | undefined, key: string) {
  return value?.trim() ? hashIdentifier(kind, value, key) : undefined;
}

function present(value: string | undefined): string[] {
  return value ? [value] : [];
}
