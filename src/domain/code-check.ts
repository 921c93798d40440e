// Would a code apply? The rules commercetools enforces when a shopper adds a code (DiscountCodeNonApplicable),
// checked against what commercetools returns for the code and its cart discounts. commercetools does not
// expose how often a code was applied, so "exhausted" counts the redemptions we recorded.
import { currenciesNamedIn } from './code-predicates.js';

export type CodeProblemReason =
  | 'missing'
  | 'inactive'
  | 'expired'
  | 'not-yet-valid'
  | 'exhausted'
  | 'cart-discount-missing'
  | 'cart-discount-inactive'
  | 'cart-discount-expired'
  | 'cart-discount-not-yet-valid'
  | 'wrong-store'
  | 'wrong-currency';

export interface CodeProblem {
  reason: CodeProblemReason;
  detail: string;
}

interface Validity {
  validFrom?: string | undefined;
  validUntil?: string | undefined;
}

/** What commercetools says about a cart discount (expanded on the code); undefined when it no longer exists. */
export interface CheckedCartDiscount extends Validity {
  id: string;
  isActive: boolean;
  stores: readonly { key: string }[];
  cartPredicate: string;
  value: { type: string; money?: readonly { currencyCode: string }[] | undefined };
}

export interface CheckedDiscountCode extends Validity {
  isActive: boolean;
  cartPredicate?: string | undefined;
  maxApplications?: number | undefined;
  cartDiscounts: readonly { id: string; obj?: CheckedCartDiscount | undefined }[];
}

export interface CodeExpectations {
  /** Stores and currencies the code must work in (the campaign's); empty: no expectation. */
  storeKeys: readonly string[];
  currencies: readonly string[];
  /** Orders that used the code, as recorded by redemption tracking. */
  redemptions: number;
}

/** Every reason the code would not apply at `now`; empty when it would. */
export function checkCode(
  discountCode: CheckedDiscountCode | undefined,
  expected: CodeExpectations,
  now: Date,
): CodeProblem[] {
  if (!discountCode) return [{ reason: 'missing', detail: 'the discount code is not in commercetools' }];
  const problems: CodeProblem[] = [];
  if (!discountCode.isActive) problems.push({ reason: 'inactive', detail: 'the discount code is inactive' });
  problems.push(...validityProblems(discountCode, now, ''));
  const max = discountCode.maxApplications;
  if (max !== undefined && expected.redemptions >= max)
    problems.push({
      reason: 'exhausted',
      detail: `used by ${expected.redemptions} order(s) of ${max} allowed`,
    });

  for (const { id, obj: cartDiscount } of discountCode.cartDiscounts) {
    if (!cartDiscount) {
      problems.push({ reason: 'cart-discount-missing', detail: `cart discount ${id} does not exist` });
      continue;
    }
    if (!cartDiscount.isActive)
      problems.push({ reason: 'cart-discount-inactive', detail: `cart discount ${id} is inactive` });
    problems.push(...validityProblems(cartDiscount, now, `cart-discount-`, id));
    const stores = cartDiscount.stores.map((store) => store.key);
    const missingStores = expected.storeKeys.filter((key) => stores.length > 0 && !stores.includes(key));
    if (missingStores.length > 0)
      problems.push({
        reason: 'wrong-store',
        detail: `cart discount ${id} is limited to stores ${stores.join(', ')}, not ${missingStores.join(', ')}`,
      });
    const missingCurrencies = unservedCurrencies(discountCode, cartDiscount, expected.currencies);
    if (missingCurrencies.length > 0)
      problems.push({
        reason: 'wrong-currency',
        detail: `cart discount ${id} does not apply in ${missingCurrencies.join(', ')}`,
      });
  }
  return problems;
}

function validityProblems(
  target: Validity,
  now: Date,
  prefix: '' | 'cart-discount-',
  id?: string,
): CodeProblem[] {
  const what = id ? `cart discount ${id}` : 'the discount code';
  if (target.validUntil && Date.parse(target.validUntil) <= now.getTime())
    return [{ reason: `${prefix}expired`, detail: `${what} expired at ${target.validUntil}` }];
  if (target.validFrom && Date.parse(target.validFrom) > now.getTime())
    return [{ reason: `${prefix}not-yet-valid`, detail: `${what} is valid from ${target.validFrom}` }];
  return [];
}

/** Expected currencies that a predicate excludes, or an absolute value has no amount in. */
function unservedCurrencies(
  discountCode: CheckedDiscountCode,
  cartDiscount: CheckedCartDiscount,
  expected: readonly string[],
): string[] {
  const admitted = [discountCode.cartPredicate, cartDiscount.cartPredicate]
    .map(currenciesNamedIn)
    .filter((named) => named.length > 0);
  const money = cartDiscount.value.money?.map((m) => m.currencyCode);
  return expected.filter(
    (currency) =>
      admitted.some((named) => !named.includes(currency)) ||
      (cartDiscount.value.type === 'absolute' && money !== undefined && !money.includes(currency)),
  );
}
