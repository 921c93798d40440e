// A campaign's fraud policy: what each signal does when it fires (off, flag, hold for review, reject), its
// thresholds and weight, and the scores at which the weights of the fired signals hold or reject on their own.
import type { FastClickThresholds } from './behaviour-signals.js';
import type { DisposableEmailSettings } from './disposable-email.js';
import type { SimilarEmailThresholds } from './identity-signals.js';
import type { RepeatedAccountsThresholds } from './repeated-accounts.js';
import type { FraudSignal } from './signal.js';
import type { AdvocateVelocityThresholds, CodeBurstThresholds } from './velocity.js';

/** `flag` records the signal and adds its weight but approves; `hold` sends the case to review. */
export type SignalAction = 'off' | 'flag' | 'hold' | 'reject';

export interface SignalSetting {
  action: SignalAction;
  /** Added to the score when the signal fires (and is not off). */
  weight: number;
}

/** One setting per signal; signals with thresholds carry them beside action and weight. */
export interface FraudSignalSettings extends Record<FraudSignal, SignalSetting> {
  similarEmail: SignalSetting & SimilarEmailThresholds;
  repeatedAccounts: SignalSetting & RepeatedAccountsThresholds;
  advocateVelocity: SignalSetting & AdvocateVelocityThresholds;
  codeBurst: SignalSetting & CodeBurstThresholds;
  disposableEmail: SignalSetting & DisposableEmailSettings;
  fastClickToPurchase: SignalSetting & FastClickThresholds;
}

export interface FraudPolicy {
  signals: FraudSignalSettings;
  /** A score at or above `hold` holds for review, at or above `reject` rejects. */
  scoreThresholds: { hold: number; reject: number };
}

/**
 * Defaults after the vendors' practice (peers-and-fraud.md §2.1): the friend being the advocate rejects;
 * shared physical or technical identifiers hold for review; weak signals (IP alone, which offices and dorms
 * share, or a similar email, which Friendbuy warns gives false positives) only flag, but add up.
 */
export const DEFAULT_FRAUD_POLICY: FraudPolicy = {
  signals: {
    sameCustomerId: { action: 'reject', weight: 100 },
    sameEmail: { action: 'reject', weight: 100 },
    similarEmail: { action: 'flag', weight: 30, maxEditDistance: 2 },
    sameShippingAddress: { action: 'hold', weight: 50 },
    samePaymentFingerprint: { action: 'hold', weight: 60 },
    sameIp: { action: 'flag', weight: 20 },
    sameIpAndUserAgent: { action: 'hold', weight: 50 },
    sameDevice: { action: 'hold', weight: 60 },
    repeatedAccounts: { action: 'hold', weight: 50, minAccounts: 3, windowHours: 168 },
    advocateVelocity: { action: 'hold', weight: 40, maxReferrals: 10, windowHours: 24 },
    codeBurst: { action: 'hold', weight: 40, maxRedemptions: 3, windowMinutes: 60 },
    disposableEmail: { action: 'flag', weight: 30, add: [], remove: [] },
    fastClickToPurchase: { action: 'flag', weight: 20, minSeconds: 30 },
    existingCustomer: { action: 'hold', weight: 50 },
    advocateOverCap: { action: 'reject', weight: 100 },
  },
  scoreThresholds: { hold: 50, reject: 100 },
};

/** The policy of a campaign that says `"fraud": "off"`: every signal off, so every referral is approved. */
export function fraudCheckOff(policy: FraudPolicy): FraudPolicy {
  const signals = Object.fromEntries(
    Object.entries(policy.signals).map(([id, setting]) => [id, { ...setting, action: 'off' }]),
  ) as unknown as FraudSignalSettings;
  return { ...policy, signals };
}
