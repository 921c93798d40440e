// Multi-account abuse: several friend accounts behind one device, IP or address within a short time, the
// pattern of one person farming their own referral link. The flow looks the accounts up by hash (indexed).
import { HOUR_MS } from '../durations.js';
import { isWithin, type SignalResult } from './signal.js';

export type SharedBy = 'device' | 'ip' | 'address';

export interface AccountSighting {
  /** The account: a commercetools customer id, or the email hash of a guest. */
  account: string;
  seenAt: Date;
}

export interface RepeatedAccountsInput {
  at: Date;
  /** The friend account being evaluated; it counts as one of the accounts. */
  friendAccount: string;
  /** For each identifier the friend has, the other accounts recently seen with the same hash. */
  shared: readonly { by: SharedBy; accounts: readonly AccountSighting[] }[];
}

export interface RepeatedAccountsThresholds {
  /** Fire at this many distinct accounts (the friend included) sharing one identifier, e.g. 3. */
  minAccounts: number;
  /** Within this many hours before `at`. */
  windowHours: number;
}

export interface RepeatedAccountsEvidence {
  groups: { by: SharedBy; accounts: string[] }[];
}

/**
 * Fires when `minAccounts` or more distinct accounts share a device, IP or address within `windowHours`.
 * @example
 * evaluateRepeatedAccounts(
 *   { at, friendAccount: 'c3', shared: [{ by: 'device', accounts: [{ account: 'c1', seenAt }, { account: 'c2', seenAt }] }] },
 *   { minAccounts: 3, windowHours: 24 },
 * ) // fired, groups [{ by: 'device', accounts: ['c1', 'c2', 'c3'] }]
 */
export function evaluateRepeatedAccounts(
  input: RepeatedAccountsInput,
  thresholds: RepeatedAccountsThresholds,
): SignalResult<RepeatedAccountsEvidence> {
  const windowMs = thresholds.windowHours * HOUR_MS;
  const groups = input.shared
    .map(({ by, accounts }) => {
      const recent = accounts.filter(({ seenAt }) => isWithin(seenAt, input.at, windowMs));
      const distinct = new Set([...recent.map(({ account }) => account), input.friendAccount]);
      return { by, accounts: [...distinct].sort() };
    })
    .filter(({ accounts }) => accounts.length >= thresholds.minAccounts);
  return { signal: 'repeatedAccounts', fired: groups.length > 0, evidence: { groups } };
}
