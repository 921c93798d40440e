import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  currencyFractionDigits,
  divideMoneyHalfUp,
  formatAmountForFriendbuy,
  formatAmountTextForFriendbuy,
  isZero,
  type Money,
  parseFriendbuyAmount,
  subtractMoney,
  sumMoney,
  toFractionDigits,
} from './money.js';

const eur = (centAmount: number, fractionDigits = 2): Money => ({
  centAmount,
  currencyCode: 'EUR',
  fractionDigits,
});
const jpy = (centAmount: number): Money => ({ centAmount, currencyCode: 'JPY', fractionDigits: 0 });

describe('toFractionDigits', () => {
  it.each([
    { from: eur(1234), digits: 4, expected: eur(123400, 4) },
    { from: eur(123400, 4), digits: 2, expected: eur(1234) },
    { from: eur(1200), digits: 0, expected: eur(12, 0) },
    { from: eur(-500), digits: 0, expected: eur(-5, 0) },
    { from: eur(1234), digits: 2, expected: eur(1234) },
  ])('re-expresses $from.centAmount/$from.fractionDigits in $digits digits', ({ from, digits, expected }) => {
    expect(toFractionDigits(from, digits)).toEqual(expected);
  });

  it('refuses to drop a non-zero digit when reducing', () => {
    expect(() => toFractionDigits(eur(123456, 4), 2)).toThrow(RangeError);
  });

  it('refuses amounts that would leave the safe integer range', () => {
    expect(() => toFractionDigits(eur(Number.MAX_SAFE_INTEGER), 4)).toThrow(RangeError);
  });

  it('refuses a non-integer amount', () => {
    expect(() => toFractionDigits(eur(12.5), 2)).toThrow(RangeError);
  });
});

describe('adding and subtracting', () => {
  it('aligns different fraction digits to the larger', () => {
    expect(addMoney(eur(100), eur(5, 3))).toEqual(eur(1005, 3));
    expect(subtractMoney(eur(100), eur(5, 3))).toEqual(eur(995, 3));
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(eur(100, 0), jpy(100))).toThrow(/currency mismatch/);
    expect(() => compareMoney(eur(100, 0), jpy(100))).toThrow(/currency mismatch/);
  });

  it('sums to zero in the given currency when the list is empty', () => {
    expect(sumMoney([], 'JPY', 0)).toEqual(jpy(0));
  });

  it('sums a list, keeping the most precise digits', () => {
    expect(sumMoney([eur(100), eur(250), eur(1, 3)], 'EUR', 2)).toEqual(eur(3501, 3));
  });
});

describe('comparing', () => {
  it.each([
    { a: eur(100), b: eur(1, 0), expected: 0 },
    { a: eur(99), b: eur(1, 0), expected: -1 },
    { a: eur(1001, 3), b: eur(100), expected: 1 },
  ])(
    'compares $a.centAmount/$a.fractionDigits with $b.centAmount/$b.fractionDigits',
    ({ a, b, expected }) => {
      expect(compareMoney(a, b)).toBe(expected);
    },
  );

  it('knows zero in any digits', () => {
    expect(isZero(eur(0, 4))).toBe(true);
    expect(isZero(eur(1, 4))).toBe(false);
  });
});

describe('divideMoneyHalfUp', () => {
  it.each([
    { amount: 1000, divisor: 4, expected: 250 },
    { amount: 1000, divisor: 3, expected: 333 },
    { amount: 2000, divisor: 3, expected: 667 },
    { amount: 1001, divisor: 2, expected: 501 },
    { amount: -1001, divisor: 2, expected: -501 },
  ])('divides $amount by $divisor into $expected', ({ amount, divisor, expected }) => {
    expect(divideMoneyHalfUp(eur(amount), divisor)).toEqual(eur(expected));
  });

  it('refuses a divisor that is not a positive integer', () => {
    expect(() => divideMoneyHalfUp(eur(100), 0)).toThrow(RangeError);
    expect(() => divideMoneyHalfUp(eur(100), 1.5)).toThrow(RangeError);
  });
});

describe('formatAmountForFriendbuy', () => {
  it.each([
    { money: eur(12345), expected: 123.45, text: '123.45' },
    { money: jpy(100), expected: 100, text: '100' },
    { money: eur(5), expected: 0.05, text: '0.05' },
    { money: eur(-5), expected: -0.05, text: '-0.05' },
    { money: eur(0), expected: 0, text: '0.00' },
    { money: eur(1, 7), expected: 1e-7, text: '0.0000001' },
    { money: eur(1999, 3), expected: 1.999, text: '1.999' },
  ])('formats $money.centAmount/$money.fractionDigits as $expected', ({ money, expected, text }) => {
    expect(formatAmountForFriendbuy(money)).toBe(expected);
    expect(formatAmountTextForFriendbuy(money)).toBe(text);
  });

  it('throws rather than send an amount a number cannot carry exactly', () => {
    expect(() => formatAmountForFriendbuy(eur(Number.MAX_SAFE_INTEGER))).toThrow(/too large/);
  });

  it('round-trips: the decimal parses back to the same minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 20 }),
        (centAmount, fractionDigits) => {
          const money = eur(centAmount, fractionDigits);
          const parsed = parseFriendbuyAmount(formatAmountForFriendbuy(money), 'EUR', fractionDigits);
          expect(parsed.centAmount).toBe(centAmount);
        },
      ),
    );
  });
});

describe('parseFriendbuyAmount', () => {
  it('reads a decimal amount into minor units', () => {
    expect(parseFriendbuyAmount(123.45, 'EUR', 2)).toEqual(eur(12345));
    expect(parseFriendbuyAmount(10, 'EUR', 2)).toEqual(eur(1000));
  });

  it('refuses an amount with more decimals than the currency has', () => {
    expect(() => parseFriendbuyAmount(1.234, 'EUR', 2)).toThrow(/more than 2 decimals/);
  });

  it('refuses a non-finite amount', () => {
    expect(() => parseFriendbuyAmount(Number.NaN, 'EUR', 2)).toThrow(RangeError);
  });
});

describe('currencyFractionDigits', () => {
  it('gives each currency its minor-unit digits, the same on every call', () => {
    for (let call = 0; call < 2; call++) {
      expect(currencyFractionDigits('USD')).toBe(2);
      expect(currencyFractionDigits('JPY')).toBe(0);
      expect(currencyFractionDigits('BHD')).toBe(3);
    }
  });

  it('falls back to two digits for what is not a currency code', () => {
    expect(currencyFractionDigits('not a currency')).toBe(2);
    expect(currencyFractionDigits('not a currency')).toBe(2);
  });
});
