import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../durations.js';
import { type AccountSighting, evaluateRepeatedAccounts } from './repeated-accounts.js';

const at = new Date('2025-03-01T12:00:00Z');
const hoursAgo = (hours: number) => new Date(at.getTime() - hours * HOUR_MS);
const seen = (account: string, hours: number): AccountSighting => ({ account, seenAt: hoursAgo(hours) });
const thresholds = { minAccounts: 3, windowHours: 24 };

describe('evaluateRepeatedAccounts', () => {
  it.each<[string, AccountSighting[], boolean]>([
    ['three accounts on one device within a day', [seen('c1', 2), seen('c2', 20)], true],
    ['two accounts', [seen('c1', 2)], false],
    ['the same other account seen twice', [seen('c1', 2), seen('c1', 3)], false],
    ["the friend's own earlier sightings", [seen('friend', 2), seen('c1', 3)], false],
    ['an account seen before the window', [seen('c1', 2), seen('c2', 25)], false],
    ['an account seen exactly at the window edge', [seen('c1', 2), seen('c2', 24)], true],
    ['an account seen after the moment judged', [seen('c1', 2), seen('c2', -1)], false],
  ])('%s → %s', (_name, accounts, fired) => {
    const result = evaluateRepeatedAccounts(
      { at, friendAccount: 'friend', shared: [{ by: 'device', accounts }] },
      thresholds,
    );
    expect(result.fired).toBe(fired);
  });

  it('names each identifier that reached the threshold, with its accounts', () => {
    const result = evaluateRepeatedAccounts(
      {
        at,
        friendAccount: 'friend',
        shared: [
          { by: 'device', accounts: [seen('c1', 1), seen('c2', 1)] },
          { by: 'ip', accounts: [seen('c3', 1)] },
          { by: 'address', accounts: [seen('c1', 5), seen('c4', 6), seen('c5', 7)] },
        ],
      },
      thresholds,
    );
    expect(result).toEqual({
      signal: 'repeatedAccounts',
      fired: true,
      evidence: {
        groups: [
          { by: 'device', accounts: ['c1', 'c2', 'friend'] },
          { by: 'address', accounts: ['c1', 'c4', 'c5', 'friend'] },
        ],
      },
    });
  });
});
