// One fraud verdict from many signals: the strictest action among the fired signals wins, and the weights of
// the fired signals add up to a score that can hold or reject on its own (several weak signals together).
import type { FraudPolicy, SignalAction } from './fraud-policy.js';
import type { FraudSignal, SignalResult } from './signal.js';

export type FraudVerdict = 'approve' | 'hold' | 'reject';

/** A fired signal with what the policy made of it, kept with the decision as its explanation. */
export interface FiredSignal {
  signal: FraudSignal;
  action: Exclude<SignalAction, 'off'>;
  weight: number;
  evidence: object;
}

export interface FraudDecision {
  verdict: FraudVerdict;
  /** Sum of the weights of the distinct signals that fired (signals set to `off` count nothing). */
  score: number;
  fired: FiredSignal[];
}

const VERDICT_OF: Readonly<Record<Exclude<SignalAction, 'off'>, FraudVerdict>> = {
  flag: 'approve',
  hold: 'hold',
  reject: 'reject',
};
const RANK: Readonly<Record<FraudVerdict, number>> = { approve: 0, hold: 1, reject: 2 };

/**
 * The verdict for the evaluated signals under the campaign's fraud policy.
 * @example
 * decideFraud([{ signal: 'sameIp', fired: true, evidence: { hash } }, { signal: 'disposableEmail', fired: true,
 *   evidence: { domain: 'yopmail.com' } }], DEFAULT_FRAUD_POLICY)
 * // { verdict: 'hold', score: 50, fired: [{ signal: 'sameIp', action: 'flag', weight: 20, … }, …] } (two flags add up)
 */
export function decideFraud(signals: readonly SignalResult[], policy: FraudPolicy): FraudDecision {
  const fired: FiredSignal[] = [];
  for (const { signal, fired: didFire, evidence } of signals) {
    const { action, weight } = policy.signals[signal];
    if (didFire && action !== 'off') fired.push({ signal, action, weight, evidence });
  }
  const weights = new Map(fired.map(({ signal, weight }) => [signal, weight]));
  const score = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const { hold, reject } = policy.scoreThresholds;
  const byScore: FraudVerdict =
    fired.length === 0 ? 'approve' : score >= reject ? 'reject' : score >= hold ? 'hold' : 'approve';
  const verdict = fired
    .map(({ action }) => VERDICT_OF[action])
    .reduce((strictest, next) => (RANK[next] > RANK[strictest] ? next : strictest), byScore);
  return { verdict, score, fired };
}
