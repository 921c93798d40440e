// When Friendbuy stops asking about a held reward: it asks the validation callback once its reward delay has
// passed after the purchase, then retries a pending answer every 15 minutes for `friendbuyRetryHours`
// (friendbuy-api.md §3.5). A review still open then is decided too late for Friendbuy to hear it.
import { DAY_MS, HOUR_MS } from './durations.js';
import type { RewardHold } from './policy.js';

/**
 * The last moment the callback can still answer for a purchase reported at `reportedAt`; undefined when the
 * connector holds the purchase itself (it reports it once decided, so there is no deadline).
 * @example friendbuyAsksUntil({ mode: 'friendbuyHolds', rewardDelayDays: 30, friendbuyRetryHours: 72 }, reportedAt)
 * // reportedAt + 30 days + 72 h
 */
export function friendbuyAsksUntil(hold: RewardHold, reportedAt: Date | undefined): Date | undefined {
  if (hold.mode !== 'friendbuyHolds' || !reportedAt) return undefined;
  return new Date(reportedAt.getTime() + hold.rewardDelayDays * DAY_MS + hold.friendbuyRetryHours * HOUR_MS);
}
