// Policy settings that cannot work together, found at start rather than when the first reward goes wrong. The
// main one: with `friendbuyHolds`, Friendbuy asks our validation callback after its reward delay and then
// retries a pending answer for 72 h at most (friendbuy-api.md §3.5); a decision due later is never heard.
import type { RewardPolicy } from './policy.js';

export type PolicyProblemCode = 'pending-outlasts-friendbuy-retries' | 'score-thresholds-inverted';

export interface PolicyProblem {
  code: PolicyProblemCode;
  message: string;
}

/**
 * The longest an order can stay pending after it is placed, in hours: the return window plus the time to reach
 * its counting state and the window's start, which only `countingDeadlineDays` bounds. Undefined when unbounded.
 * @example longestPendingHours({ ...policy, returnWindow: { days: 30, from: 'order' }, countsWhen: 'none' }) // 720
 */
export function longestPendingHours(policy: RewardPolicy): number | undefined {
  const { returnWindow, countsWhen, countingDeadlineDays } = policy;
  const waitsForEvent = countsWhen !== 'none' || returnWindow.from !== 'order';
  if (waitsForEvent && countingDeadlineDays === undefined) return undefined;
  const deadline = countingDeadlineDays ?? 0;
  const days =
    returnWindow.from === 'order' ? Math.max(returnWindow.days, deadline) : deadline + returnWindow.days;
  return days * 24;
}

/**
 * Every problem with the policy, for the connector to report as a configuration error at start.
 * @example
 * policyProblems({ ...policy, rewardHold: { mode: 'friendbuyHolds', rewardDelayDays: 0, friendbuyRetryHours: 72 } })
 * // [{ code: 'pending-outlasts-friendbuy-retries', message: 'an order can stay pending for up to 720 h …' }]
 */
export function policyProblems(policy: RewardPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { mode, rewardDelayDays, friendbuyRetryHours } = policy.rewardHold;
  const pending = longestPendingHours(policy);
  const asksFor = rewardDelayDays * 24 + friendbuyRetryHours;
  if (mode === 'friendbuyHolds' && (pending === undefined || pending > asksFor)) {
    const howLong =
      pending === undefined
        ? 'an order can stay pending without limit (set countingDeadlineDays)'
        : `an order can stay pending for up to ${pending} h`;
    problems.push({
      code: 'pending-outlasts-friendbuy-retries',
      message:
        `${howLong}, but with friendbuyHolds Friendbuy asks for at most ${asksFor} h after the purchase ` +
        `(reward delay ${rewardDelayDays} days + ${friendbuyRetryHours} h of retries); lengthen the reward delay ` +
        'in Friendbuy and in rewardHold.rewardDelayDays, shorten the return window, or use connectorHolds',
    });
  }
  const { hold, reject } = policy.fraud.scoreThresholds;
  if (hold > reject) {
    problems.push({
      code: 'score-thresholds-inverted',
      message: `fraud.scoreThresholds.hold (${hold}) is above fraud.scoreThresholds.reject (${reject})`,
    });
  }
  return problems;
}
