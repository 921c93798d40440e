// What a code is worth and the cart discount that carries it. Codes with the same value, currencies, stores
// and cart predicate share one cart discount, found again by a key derived from exactly those settings
// (commercetools limits cart discounts; codes are cheap).
import { createHash } from 'node:crypto';
import type { DiscountValue } from './campaign.js';
import { canonicalJson } from './canonical-json.js';
import { minimumOrderPredicate } from './code-predicates.js';
import { currencyFractionDigits, parseFriendbuyAmount } from './money.js';

/** With no webhook value and no campaign setting, as in a fresh sandbox: 10 % off. */
export const DEFAULT_CODE_VALUE: DiscountValue = { type: 'percent', percent: 10 };

/**
 * A Friendbuy reward's value from its webhook (`rewardAmount` "20.00" with `rewardUnit` "USD" or "%"); undefined
 * for units that are not a value we can express (a SKU) or amounts that are not a positive number.
 */
export function parseRewardValue(
  amount: string | number | undefined,
  unit: string | undefined,
): DiscountValue | undefined {
  const number = typeof amount === 'string' ? Number(amount.trim()) : amount;
  if (number === undefined || !Number.isFinite(number) || number <= 0 || !unit) return undefined;
  const trimmed = unit.trim();
  if (trimmed === '%') return number <= 100 ? { type: 'percent', percent: number } : undefined;
  const currency = trimmed.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  try {
    const money = parseFriendbuyAmount(number, currency, currencyFractionDigits(currency));
    return { type: 'amount', amounts: { [currency]: money.centAmount } };
  } catch {
    return undefined;
  }
}

/** Everything that makes two codes' cart discounts interchangeable. */
export interface CartDiscountSpec {
  value: DiscountValue;
  /** Currencies the discount serves; for amounts, those it has an amount in. */
  currencies: readonly string[];
  /** Empty: every store. */
  storeKeys: readonly string[];
  cartPredicate: string;
}

/** The currencies a value can serve among those wanted (an amount only where it names one). */
export function servedCurrencies(value: DiscountValue, wanted: readonly string[]): string[] {
  if (value.type === 'percent') return [...wanted].sort();
  const named = Object.keys(value.amounts);
  const served = wanted.length === 0 ? named : wanted.filter((currency) => named.includes(currency));
  return [...served].sort();
}

/**
 * The cart discount for a value within a scope (a campaign's stores, currencies and minimum cart value).
 * @example cartDiscountSpecFor({ type: 'percent', percent: 10 }, { currencies: ['USD'], storeKeys: ['us'] })
 */
export function cartDiscountSpecFor(
  value: DiscountValue,
  scope: {
    currencies: readonly string[];
    storeKeys: readonly string[];
    minimumOrder?: Readonly<Record<string, number>> | undefined;
  },
): CartDiscountSpec {
  const currencies = servedCurrencies(value, scope.currencies);
  return {
    value,
    currencies,
    storeKeys: [...scope.storeKeys].sort(),
    cartPredicate: minimumOrderPredicate(currencies, scope.minimumOrder ?? {}, currencyFractionDigits),
  };
}

function specHash(spec: CartDiscountSpec): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        value: spec.value,
        currencies: [...spec.currencies].sort(),
        storeKeys: [...spec.storeKeys].sort(),
        cartPredicate: spec.cartPredicate,
      }),
    )
    .digest('hex');
}

/**
 * The deterministic cart-discount key (`^[A-Za-z0-9_-]+$`), readable at a glance in the Merchant Center.
 * @example cartDiscountKey({ value: { type: 'percent', percent: 10 }, ... }) // 'ct-friendbuy-pct10-3f2a…'
 */
export function cartDiscountKey(spec: CartDiscountSpec): string {
  const value =
    spec.value.type === 'percent'
      ? `pct${String(spec.value.percent).replace('.', '_')}`
      : Object.entries(spec.value.amounts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, cents]) => `${currency.toLowerCase()}${cents}`)
          .join('-');
  return `ct-friendbuy-${value}-${specHash(spec).slice(0, 16)}`;
}

/**
 * commercetools wants a unique sortOrder in (0, 1) without a trailing zero; derived from the spec so each
 * distinct discount gets its own, low enough to apply after the merchant's usual discounts.
 */
export function cartDiscountSortOrder(spec: CartDiscountSpec): string {
  const digits = BigInt(`0x${specHash(spec).slice(0, 15)}`)
    .toString()
    .padStart(12, '0')
    .slice(0, 11);
  return `0.0${digits}${(Number(digits.at(-1) ?? '0') % 9) + 1}`;
}

/** The commercetools cart discount value: relative in permyriad, or absolute per currency. */
export function cartDiscountValue(
  value: DiscountValue,
  currencies: readonly string[],
):
  | { type: 'relative'; permyriad: number }
  | { type: 'absolute'; money: { currencyCode: string; centAmount: number }[] } {
  if (value.type === 'percent') return { type: 'relative', permyriad: Math.round(value.percent * 100) };
  return {
    type: 'absolute',
    money: currencies.flatMap((currencyCode) => {
      const centAmount = value.amounts[currencyCode];
      return centAmount === undefined ? [] : [{ currencyCode, centAmount }];
    }),
  };
}

/** Validity from a number of days, starting at `from`; no end when no days are configured. */
export function validityFor(
  from: Date,
  validForDays: number | undefined,
): { validFrom?: string | undefined; validUntil?: string | undefined } {
  if (!validForDays) return {};
  return {
    validFrom: from.toISOString(),
    validUntil: new Date(from.getTime() + validForDays * 86_400_000).toISOString(),
  };
}
