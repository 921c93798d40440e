import { describe, expect, it } from 'vitest';
import {
  currenciesNamedIn,
  minimumOrderPredicate,
  predicateString,
  recipientPredicate,
} from './code-predicates.js';

const digits = (currency: string) => (currency === 'JPY' ? 0 : 2);

describe('code predicates', () => {
  it('admits each currency with its minimum cart value', () => {
    expect(minimumOrderPredicate(['USD', 'JPY'], { USD: 5000, JPY: 3000 }, digits)).toBe(
      '(totalPrice.currencyCode = "JPY" and totalPrice >= "3000 JPY") or ' +
        '(totalPrice.currencyCode = "USD" and totalPrice >= "50.00 USD")',
    );
    expect(minimumOrderPredicate(['EUR'], {}, digits)).toBe('(totalPrice.currencyCode = "EUR")');
    expect(minimumOrderPredicate([], {}, digits)).toBe('1 = 1');
  });

  it('restricts to the commercetools customer, or to the email for guests', () => {
    expect(recipientPredicate({ customerId: 'c-1', email: 'a@b.c' })).toBe('customerId = "c-1"');
    expect(recipientPredicate({ customerId: 'guest_0a1b', email: 'a@b.c' })).toBe('customerEmail = "a@b.c"');
    expect(recipientPredicate({})).toBeUndefined();
  });

  it('escapes quotes and backslashes in literals', () => {
    expect(predicateString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('finds the currencies a predicate admits', () => {
    expect(currenciesNamedIn(minimumOrderPredicate(['USD', 'EUR'], { EUR: 100 }, digits))).toEqual([
      'EUR',
      'USD',
    ]);
    expect(currenciesNamedIn('1 = 1')).toEqual([]);
  });
});
