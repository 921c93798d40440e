// commercetools cart predicates for our codes: who may use a code, and in which currency from which cart value.
// Written here, as text, because commercetools evaluates them (the sandbox's mock stores them unevaluated).
import { formatAmountTextForFriendbuy } from './money.js';

/** A predicate string literal; commercetools escapes like JSON inside double quotes. */
export function predicateString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** commercetools' MoneyString literal, e.g. `"50.00 USD"`. */
export function moneyLiteral(centAmount: number, currencyCode: string, fractionDigits: number): string {
  return `"${formatAmountTextForFriendbuy({ centAmount, currencyCode, fractionDigits })} ${currencyCode}"`;
}

/**
 * Carts in one of `currencies`, each with its minimum cart value when the campaign sets one.
 * @example
 * minimumOrderPredicate(['USD'], { USD: 5000 }, () => 2)
 * // '(totalPrice.currencyCode = "USD" and totalPrice >= "50.00 USD")'
 */
export function minimumOrderPredicate(
  currencies: readonly string[],
  minimumOrder: Readonly<Record<string, number>>,
  fractionDigitsOf: (currency: string) => number,
): string {
  if (currencies.length === 0) return '1 = 1';
  const clauses = [...currencies].sort().map((currency) => {
    const inCurrency = `totalPrice.currencyCode = ${predicateString(currency)}`;
    const minimum = minimumOrder[currency];
    if (!minimum) return `(${inCurrency})`;
    return `(${inCurrency} and totalPrice >= ${moneyLiteral(minimum, currency, fractionDigitsOf(currency))})`;
  });
  return clauses.join(' or ');
}

/**
 * Restricts a code to its recipient: the commercetools customer when we know one, else the cart's email.
 * Friendbuy's customerId is ours: a commercetools id, or a `guest_…` pseudonym that no cart carries.
 * commercetools compares emails case-sensitively, so the address is used as Friendbuy sent it.
 */
export function recipientPredicate(recipient: {
  customerId?: string | undefined;
  email?: string | undefined;
}): string | undefined {
  const customerId = recipient.customerId?.trim();
  if (customerId && !customerId.startsWith('guest_')) return `customerId = ${predicateString(customerId)}`;
  const email = recipient.email?.trim();
  return email ? `customerEmail = ${predicateString(email)}` : undefined;
}

/** The currencies a predicate admits (`currencyCode = "USD"` or money literals), empty when it names none. */
export function currenciesNamedIn(predicate: string | undefined): string[] {
  if (!predicate) return [];
  const named = new Set<string>();
  for (const match of predicate.matchAll(/currencyCode\s*=\s*"([A-Z]{3})"/g)) named.add(match[1] ?? '');
  for (const match of predicate.matchAll(/"-?\d+(?:\.\d+)? ([A-Z]{3})"/g)) named.add(match[1] ?? '');
  named.delete('');
  return [...named].sort();
}
