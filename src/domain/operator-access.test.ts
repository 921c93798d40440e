import { describe, expect, it } from 'vitest';
import { refusalMessage, roleFromClaim } from './operator-access.js';

describe('operator access', () => {
  it('says what a role cannot do', () => {
    expect(refusalMessage('viewer', 'decide-reviews')).toBe('a viewer cannot decide review cases');
    expect(refusalMessage('agent', 'manage-operators')).toBe('an agent cannot manage operators');
  });

  it('maps identity-provider groups to the most powerful console role they grant', () => {
    const map = { 'ct-fraud': 'reviewer', 'ct-cs': 'agent', 'ct-ops': 'admin' } as const;
    expect(roleFromClaim(['staff', 'ct-cs', 'ct-fraud'], map)).toBe('reviewer');
    expect(roleFromClaim('ct-ops', map)).toBe('admin');
    expect(roleFromClaim('ct-cs ct-ops', map)).toBe('admin');
    expect(roleFromClaim(['staff'], map)).toBeUndefined();
    expect(roleFromClaim(undefined, map)).toBeUndefined();
    expect(roleFromClaim([{ name: 'ct-ops' }], map)).toBeUndefined();
    // Without a map, a value that is a role name is that role; anything else grants nothing.
    expect(roleFromClaim(['agent', 'admin-ish'], {})).toBe('agent');
  });
});
