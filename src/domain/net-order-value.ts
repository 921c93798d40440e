// The order's net value once returns and refunds are taken off. Returns reduce it by the returned share of
// the lines' value (so order-level discounts shrink with it), refunds by the refunded share of what was paid.
// A return and its refund usually describe the same money twice, so the larger reduction applies, not both.
import { compareMoney, type Money, subtractMoney, sumMoney, toFractionDigits } from './money.js';
import type { OrderFacts } from './order-facts.js';

export interface NetOrderValue {
  /** After returns and refunds, never below zero. */
  netOrderValue: Money;
  /** Every line with a value was returned in full. */
  fullyReturned: boolean;
  /** Successful refunds add up to what the customer paid. */
  fullyRefunded: boolean;
}

/**
 * The net order value counting returns and refunds that happened up to `until` (all of them when undefined).
 * @example
 * netOrderValueOf({ netOrderValue: eur(10000), lineItems: [{ id: 'l1', quantity: 2, value: eur(10000) }],
 *   returns: [{ lineItemId: 'l1', quantity: 1, … }], refunds: [], … }) // netOrderValue eur(5000)
 */
export function netOrderValueOf(facts: OrderFacts, until?: Date): NetOrderValue {
  const happened = ({ at }: { at: Date }) => until === undefined || at.getTime() <= until.getTime();
  const net = facts.netOrderValue;
  const returned = new Map<string, number>();
  for (const item of facts.returns.filter(happened)) {
    if (item.lineItemId) returned.set(item.lineItemId, (returned.get(item.lineItemId) ?? 0) + item.quantity);
  }
  // An order has one currency; anything in another (a payment in a second currency) cannot be weighed against it.
  const lines = facts.lineItems.filter(
    (line) => line.quantity > 0 && line.value.currencyCode === net.currencyCode,
  );
  const digits = Math.max(net.fractionDigits, ...lines.map((line) => line.value.fractionDigits));
  const minor = (m: Money) => BigInt(toFractionDigits(m, digits).centAmount);
  let linesValue = 0n;
  let returnedValue = 0n;
  for (const line of lines) {
    const quantity = Math.min(returned.get(line.id) ?? 0, line.quantity);
    linesValue += minor(line.value);
    returnedValue += (minor(line.value) * BigInt(quantity)) / BigInt(line.quantity);
  }
  const paidLines = lines.filter((line) => line.value.centAmount > 0);
  const judged = paidLines.length > 0 ? paidLines : lines;
  const fullyReturned =
    judged.length > 0 && judged.every((line) => (returned.get(line.id) ?? 0) >= line.quantity);

  const paid = facts.orderTotal;
  const refunds = facts.refunds.filter(happened).filter((r) => r.amount.currencyCode === paid.currencyCode);
  const refunded = sumMoney(
    refunds.map((r) => r.amount),
    paid.currencyCode,
    paid.fractionDigits,
  );
  const fullyRefunded = paid.centAmount > 0 && compareMoney(refunded, paid) >= 0;

  const byReturns = shareOf(net, returnedValue, linesValue);
  const byRefunds = shareOf(
    net,
    BigInt(refunded.centAmount),
    BigInt(toFractionDigits(paid, refunded.fractionDigits).centAmount),
  );
  const reduction = compareMoney(byReturns, byRefunds) >= 0 ? byReturns : byRefunds;
  const after = subtractMoney(net, reduction);
  return {
    netOrderValue: after.centAmount < 0 ? { ...after, centAmount: 0 } : after,
    fullyReturned,
    fullyRefunded,
  };
}

/** `amount × part / whole`, rounded half up, capped at `amount`; zero when `whole` is not positive. */
function shareOf(amount: Money, part: bigint, whole: bigint): Money {
  if (whole <= 0n || part <= 0n) return { ...amount, centAmount: 0 };
  const capped = part > whole ? whole : part;
  const scaled = (BigInt(amount.centAmount) * capped * 2n + whole) / (2n * whole);
  return { ...amount, centAmount: Number(scaled) };
}
