// Each fired fraud signal in words an analyst reads at a glance ("clicked and bought within 12 seconds"), from
// the evidence the check stored with the case and, where the case view looked them up, a few more facts
// (how many other referred orders share the device). One function per signal, so a new signal gets its words
// next to its rule.
import type { CapBreach } from '../advocate-caps.js';
import { formatAmountTextForFriendbuy, policyMoney } from '../money.js';
import type { SharedBy } from './repeated-accounts.js';
import type { FraudSignal } from './signal.js';

/** Facts the case view finds around a fired signal; the queue explains without them. */
export interface ExplanationContext {
  /** Other referred orders placed with the same device, IP or shipping address as this one. */
  sharedOrders?: Partial<Record<SharedBy, number>> | undefined;
  /** Order numbers of the advocate's own orders that share what the signal compared (address, payment…). */
  advocateOrderNumbers?: readonly string[] | undefined;
  /** The repeated-accounts window of the campaign's policy, in hours. */
  repeatedAccountsWindowHours?: number | undefined;
}

type Evidence = Record<string, unknown>;
type Explain = (evidence: Evidence, context: ExplanationContext) => string;

const WHAT: Readonly<Record<SharedBy, string>> = {
  device: 'device',
  ip: 'IP address',
  address: 'shipping address',
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Minor units as an amount in the currency's digits (`5000`, `USD` → `50.00 USD`); bare minor units without one. */
function amount(minor: number, currency: string | undefined): string {
  if (!currency) return `${minor} (minor units)`;
  if (!Number.isSafeInteger(minor)) return `${minor} ${currency} (minor units)`;
  return `${formatAmountTextForFriendbuy(policyMoney(minor, currency))} ${currency}`;
}

/** "on order 1042", "on orders 1042 and 1043", or nothing when no order is known. */
function onOrders(numbers: readonly string[] | undefined): string {
  if (!numbers?.length) return '';
  const shown = numbers.slice(0, 3);
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return ` on order${shown.length === 1 ? '' : 's'} ${list}`;
}

/** "and from the same device as 2 other referred orders", when the case view counted them. */
function alsoShared(by: SharedBy, context: ExplanationContext): string {
  const count = context.sharedOrders?.[by];
  return count ? `; ${plural(count, 'other referred order')} came from the same ${WHAT[by]}` : '';
}

/** The friend's order shares one identifier with the advocate. */
const sharedWithAdvocate =
  (what: string, by?: SharedBy): Explain =>
  (_evidence, context) =>
    `${what} the advocate used${onOrders(context.advocateOrderNumbers) || ' before'}${by ? alsoShared(by, context) : ''}`;

export function explainRepeatedAccounts(evidence: Evidence, context: ExplanationContext): string {
  const groups = Array.isArray(evidence.groups)
    ? (evidence.groups as { by?: SharedBy; accounts?: unknown[] }[])
    : [];
  const window = context.repeatedAccountsWindowHours;
  const within = window ? ` within ${plural(window, 'hour')}` : '';
  const parts = groups.map(({ by = 'device', accounts = [] }) => {
    const others = Math.max(0, accounts.length - 1);
    return `placed from the same ${WHAT[by] ?? by} as ${plural(others, 'other referred friend')}' orders${within}`;
  });
  return parts.length ? parts.join('; ') : 'several friend accounts share a device, IP address or address';
}

export function explainFastClickToPurchase(evidence: Evidence): string {
  const seconds = num(evidence.seconds);
  const min = num(evidence.minSeconds);
  if (seconds === undefined) return 'bought very soon after clicking the referral link';
  const under = min !== undefined ? ` (less than the ${min} seconds a real visit takes)` : '';
  return `clicked and bought within ${plural(Math.round(seconds), 'second')}${under}`;
}

export function explainAdvocateVelocity(evidence: Evidence): string {
  const count = num(evidence.count);
  const max = num(evidence.max);
  const hours = num(evidence.windowHours);
  if (count === undefined) return 'the advocate referred unusually many orders in a short time';
  const within = hours !== undefined ? ` within ${plural(hours, 'hour')}` : '';
  return `the advocate's ${plural(count, 'referred order')}${within}${max !== undefined ? ` (more than ${max} is unusual)` : ''}`;
}

export function explainCodeBurst(evidence: Evidence): string {
  const count = num(evidence.count);
  const max = num(evidence.max);
  const minutes = num(evidence.windowMinutes);
  if (count === undefined) return 'the code was used many times from one IP address';
  const within = minutes !== undefined ? ` within ${plural(minutes, 'minute')}` : '';
  return `the code was used ${plural(count, 'time')} from one IP address${within}${max !== undefined ? ` (limit ${max})` : ''}`;
}

export function explainDisposableEmail(evidence: Evidence): string {
  const domain = text(evidence.domain);
  return `the friend's email is at a throwaway-mail domain${domain ? ` (${domain})` : ''}`;
}

export function explainExistingCustomer(evidence: Evidence): string {
  const earlier = num(evidence.earlierOrders);
  return earlier
    ? `the friend is not new: ${plural(earlier, 'earlier order')} before this one`
    : 'the friend is not a new customer';
}

export function explainSimilarEmail(evidence: Evidence): string {
  const friend = text(evidence.friendDomain);
  const advocate = text(evidence.advocateDomain);
  if (evidence.match === 'same-local-part')
    return `the friend's email has the advocate's name at another domain${friend && advocate ? ` (${friend} and ${advocate})` : ''}`;
  const distance = num(evidence.distance);
  return `the friend's email differs from the advocate's by ${distance !== undefined ? plural(distance, 'character') : 'a few characters'}`;
}

export function explainAdvocateOverCap(evidence: Evidence): string {
  const breaches = Array.isArray(evidence.breaches) ? (evidence.breaches as CapBreach[]) : [];
  if (breaches.length === 0) return "rewarding this order takes the advocate past the campaign's cap";
  return breaches
    .map((b) =>
      b.cap === 'maxRewards'
        ? `rewarding this order would be the advocate's reward number ${b.reached} this ${b.period} (cap ${b.max})`
        : `rewarding this order brings the advocate's rewards this ${b.period} to ${amount(b.reached, b.currency)}, past the cap of ${amount(b.max, b.currency)}`,
    )
    .join('; ');
}

const EXPLAIN: Readonly<Record<FraudSignal, Explain>> = {
  sameCustomerId: () => 'the friend is the advocate: the same commercetools customer',
  sameEmail: () => "the friend's email is the advocate's own",
  similarEmail: explainSimilarEmail,
  sameShippingAddress: sharedWithAdvocate('ships to an address', 'address'),
  samePaymentFingerprint: sharedWithAdvocate('paid with a card'),
  sameIp: sharedWithAdvocate('placed from an IP address', 'ip'),
  sameIpAndUserAgent: sharedWithAdvocate('placed from the IP address and browser'),
  sameDevice: sharedWithAdvocate('placed from a device', 'device'),
  repeatedAccounts: explainRepeatedAccounts,
  advocateVelocity: explainAdvocateVelocity,
  codeBurst: explainCodeBurst,
  disposableEmail: explainDisposableEmail,
  fastClickToPurchase: explainFastClickToPurchase,
  existingCustomer: explainExistingCustomer,
  advocateOverCap: explainAdvocateOverCap,
};

/**
 * A fired signal in words.
 * @example explainSignal({ signal: 'fastClickToPurchase', evidence: { seconds: 12, minSeconds: 30 } })
 * // 'clicked and bought within 12 seconds (less than the 30 seconds a real visit takes)'
 */
export function explainSignal(
  fired: { signal: string; evidence?: unknown },
  context: ExplanationContext = {},
): string {
  const explain = EXPLAIN[fired.signal as FraudSignal];
  const evidence = (fired.evidence && typeof fired.evidence === 'object' ? fired.evidence : {}) as Evidence;
  return explain ? explain(evidence, context) : `signal ${fired.signal} fired`;
}
