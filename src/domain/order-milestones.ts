// When an order reached the points a policy waits for: its counting state, the start and end of its return
// window, and the deadline for reaching both. Derived from the first time each state was reached.
import { earliest, latest, plusDays } from './durations.js';
import type { OrderFacts } from './order-facts.js';
import type { CountingState, RewardPolicy } from './policy.js';

export interface OrderMilestones {
  /** When the order reached `countsWhen` (the latest of the fields' first matching states). */
  countedAt?: Date | undefined;
  windowStart?: Date | undefined;
  windowEnd?: Date | undefined;
  /** `placedAt + countingDeadlineDays`, when the policy bounds it. */
  deadline?: Date | undefined;
}

/**
 * The order's milestones under `policy`; each is undefined until it happened (or cannot be known yet).
 * @example orderMilestones(facts, { ...policy, returnWindow: { days: 30, from: 'delivery' } }).windowEnd
 * // 30 days after shipmentState first became Delivered
 */
export function orderMilestones(facts: OrderFacts, policy: RewardPolicy): OrderMilestones {
  const { placedAt } = facts;
  if (!placedAt) return {};
  const shipment = facts.reached.shipmentState;
  const windowStart = {
    order: placedAt,
    shipment: earliest([shipment.Shipped, shipment.Delivered]),
    delivery: shipment.Delivered,
  }[policy.returnWindow.from];
  return {
    countedAt: countedAt(facts, policy.countsWhen, placedAt),
    windowStart,
    windowEnd: windowStart && plusDays(windowStart, policy.returnWindow.days),
    deadline:
      policy.countingDeadlineDays === undefined ? undefined : plusDays(placedAt, policy.countingDeadlineDays),
  };
}

function countedAt(facts: OrderFacts, countsWhen: CountingState, placedAt: Date): Date | undefined {
  if (countsWhen === 'none') return placedAt;
  const fields = [
    firstOf(facts.reached.orderState, countsWhen.orderState),
    firstOf(facts.reached.shipmentState, countsWhen.shipmentState),
    firstOf(facts.reached.paymentState, countsWhen.paymentState),
  ].filter((field) => field !== 'unset');
  if (fields.some((field) => field === undefined)) return undefined;
  return latest([placedAt, ...(fields as Date[])]);
}

/** The first time one of `wanted` was reached; 'unset' when the policy does not ask for this field. */
function firstOf<S extends string>(
  reached: Partial<Record<S, Date>>,
  wanted: readonly S[] | undefined,
): Date | undefined | 'unset' {
  if (wanted === undefined) return 'unset';
  return earliest(wanted.map((state) => reached[state]));
}
