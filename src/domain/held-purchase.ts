// Connector-holds mode: what becomes of a purchase report held for the order's eligibility. Reported once the
// order is eligible, never if it is ineligible, and decided once: a settled hold is left alone.
import type { EligibilityResult } from './eligibility.js';

export type HeldPurchaseAction = 'release' | 'withhold';

/**
 * @example heldPurchaseAction(['order.created', 'purchase.held'], { status: 'eligible' }) // 'release'
 */
export function heldPurchaseAction(
  factTypes: readonly string[],
  result: Pick<EligibilityResult, 'status'>,
): HeldPurchaseAction | undefined {
  const has = (type: string) => factTypes.includes(type);
  if (!has('purchase.held') || has('purchase.reported') || has('purchase.withheld')) return undefined;
  if (result.status === 'eligible') return 'release';
  if (result.status === 'ineligible') return 'withhold';
  return undefined;
}
