// Money as commercetools sends it (integer minor units + fractionDigits), integer maths on it, and the one place
// it becomes a decimal number in major units for Friendbuy. No floats in between.

export interface Money {
  centAmount: number;
  currencyCode: string;
  fractionDigits: number;
}

// commercetools high-precision money allows up to 20 fraction digits.
const MAX_FRACTION_DIGITS = 20;

function assertMoney(m: Money): void {
  if (!Number.isSafeInteger(m.centAmount))
    throw new RangeError(`centAmount ${m.centAmount} is not a safe integer`);
  if (!Number.isInteger(m.fractionDigits) || m.fractionDigits < 0 || m.fractionDigits > MAX_FRACTION_DIGITS) {
    throw new RangeError(
      `fractionDigits ${m.fractionDigits} must be an integer from 0 to ${MAX_FRACTION_DIGITS}`,
    );
  }
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} is beyond safe integer range`);
  return n;
}

const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

/** Re-expresses `m` with `digits` fraction digits; throws when reducing would drop a non-zero digit. */
export function toFractionDigits(m: Money, digits: number): Money {
  assertMoney(m);
  assertMoney({ ...m, fractionDigits: digits });
  if (digits === m.fractionDigits) return m;
  const amount = BigInt(m.centAmount);
  if (digits > m.fractionDigits) {
    return {
      ...m,
      centAmount: toSafeNumber(amount * pow10(digits - m.fractionDigits)),
      fractionDigits: digits,
    };
  }
  const divisor = pow10(m.fractionDigits - digits);
  if (amount % divisor !== 0n) {
    throw new RangeError(
      `${m.centAmount}/${m.fractionDigits} ${m.currencyCode} cannot be expressed in ${digits} digits`,
    );
  }
  return { ...m, centAmount: toSafeNumber(amount / divisor), fractionDigits: digits };
}

/** Both amounts in the same currency, aligned to the larger number of fraction digits (always exact). */
function align(a: Money, b: Money): [Money, Money] {
  if (a.currencyCode !== b.currencyCode) {
    throw new RangeError(`currency mismatch: ${a.currencyCode} and ${b.currencyCode}`);
  }
  const digits = Math.max(a.fractionDigits, b.fractionDigits);
  return [toFractionDigits(a, digits), toFractionDigits(b, digits)];
}

export function addMoney(a: Money, b: Money): Money {
  const [x, y] = align(a, b);
  return { ...x, centAmount: toSafeNumber(BigInt(x.centAmount) + BigInt(y.centAmount)) };
}

export function subtractMoney(a: Money, b: Money): Money {
  const [x, y] = align(a, b);
  return { ...x, centAmount: toSafeNumber(BigInt(x.centAmount) - BigInt(y.centAmount)) };
}

/** Sum starting from zero in `currency`/`digits`; the result has more digits if an item has more. */
export function sumMoney(list: readonly Money[], currencyCode: string, fractionDigits: number): Money {
  return list.reduce(addMoney, { centAmount: 0, currencyCode, fractionDigits });
}

export function isZero(m: Money): boolean {
  return m.centAmount === 0;
}

/** -1, 0 or 1; throws on different currencies. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const [x, y] = align(a, b);
  return x.centAmount < y.centAmount ? -1 : x.centAmount > y.centAmount ? 1 : 0;
}

/**
 * Divides in `m`'s own minor units, rounding half away from zero (half-up on the magnitude).
 * @example divideMoneyHalfUp({ centAmount: 1000, currencyCode: 'EUR', fractionDigits: 2 }, 3) // 333 cents
 */
export function divideMoneyHalfUp(m: Money, divisor: number): Money {
  assertMoney(m);
  if (!Number.isSafeInteger(divisor) || divisor < 1)
    throw new RangeError(`divisor ${divisor} must be a positive integer`);
  const magnitude = BigInt(Math.abs(m.centAmount));
  const d = BigInt(divisor);
  const rounded = (magnitude * 2n + d) / (2n * d);
  return { ...m, centAmount: toSafeNumber(m.centAmount < 0 ? -rounded : rounded) };
}

/**
 * The amount in major units as decimal text, built from the integer's digits so it is exact; for Friendbuy's
 * string-only fields (additionalProperties).
 * @example formatAmountTextForFriendbuy({ centAmount: -5, currencyCode: 'EUR', fractionDigits: 2 }) // '-0.05'
 */
export function formatAmountTextForFriendbuy(m: Money): string {
  assertMoney(m);
  const digits = String(Math.abs(m.centAmount)).padStart(m.fractionDigits + 1, '0');
  const whole = digits.slice(0, digits.length - m.fractionDigits);
  const fraction = digits.slice(digits.length - m.fractionDigits);
  return `${m.centAmount < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The amount in major units as the number Friendbuy expects. Negative amounts format too (refunds). Throws
 * rather than send a different amount when a number cannot carry every digit (beyond 15 significant digits).
 * @example formatAmountForFriendbuy({ centAmount: 12345, currencyCode: 'USD', fractionDigits: 2 }) // 123.45
 */
export function formatAmountForFriendbuy(m: Money): number {
  const amount = Number(formatAmountTextForFriendbuy(m));
  if (minorUnitsOf(amount, m.fractionDigits) !== BigInt(m.centAmount)) {
    throw new RangeError(
      `${m.centAmount}/${m.fractionDigits} ${m.currencyCode} is too large to send exactly`,
    );
  }
  return amount;
}

/** The inverse of `formatAmountForFriendbuy`: a decimal amount back to minor units; throws on extra decimals. */
export function parseFriendbuyAmount(amount: number, currencyCode: string, fractionDigits: number): Money {
  assertMoney({ centAmount: 0, currencyCode, fractionDigits });
  return { centAmount: toSafeNumber(minorUnitsOf(amount, fractionDigits)), currencyCode, fractionDigits };
}

function minorUnitsOf(amount: number, fractionDigits: number): bigint {
  // String(number) is the shortest text that reads back as the same number, possibly in exponent form (1e-7).
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(amount));
  if (!match) throw new RangeError(`${amount} is not a finite amount`);
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length + fractionDigits;
  const mantissa = BigInt(whole + fraction);
  const divisor = pow10(Math.max(0, -shift));
  if (mantissa % divisor !== 0n) throw new RangeError(`${amount} has more than ${fractionDigits} decimals`);
  const minor = (mantissa * pow10(Math.max(0, shift))) / divisor;
  return sign === '-' ? -minor : minor;
}

// Building an Intl.NumberFormat costs ~10 µs, and an advocate's reward history asks once per reward: the answer
// per currency never changes within a process, so it is worked out once.
const fractionDigitsByCurrency = new Map<string, number>();

/** Minor-unit digits of a currency (USD 2, JPY 0), as ISO 4217 and the runtime's Intl data define them. */
export function currencyFractionDigits(currency: string): number {
  const known = fractionDigitsByCurrency.get(currency);
  if (known !== undefined) return known;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // Not a currency Intl knows: two digits, the common case. Not remembered, so odd input cannot fill the map.
    return digits;
  }
  fractionDigitsByCurrency.set(currency, digits);
  return digits;
}

/**
 * An amount as the policy writes it (minor units of the currency: cents for USD, yen for JPY) as Money.
 * @example policyMoney(5000, 'USD') // { centAmount: 5000, currencyCode: 'USD', fractionDigits: 2 }
 */
export function policyMoney(amount: number, currency: string): Money {
  return { centAmount: amount, currencyCode: currency, fractionDigits: currencyFractionDigits(currency) };
}
