import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSABLE_DOMAINS } from './disposable-domains.js';
import { evaluateDisposableEmail } from './disposable-email.js';

const none = { add: [], remove: [] };

describe('evaluateDisposableEmail', () => {
  it.each<[string | undefined, { add: string[]; remove: string[] }, object | undefined]>([
    ['someone@mailinator.com', none, { domain: 'mailinator.com', listedBy: 'default' }],
    ['Someone@YOPMAIL.com ', none, { domain: 'yopmail.com', listedBy: 'default' }],
    ['x@inbox.guerrillamail.com', none, { domain: 'guerrillamail.com', listedBy: 'default' }],
    ['jane@gmail.com', none, undefined],
    ['jane@notmailinator.com.example', none, undefined],
    ['jane@mailinator.com', { add: [], remove: ['mailinator.com'] }, undefined],
    [
      'jane@throwaway.example',
      { add: ['Throwaway.example'], remove: [] },
      { domain: 'throwaway.example', listedBy: 'campaign' },
    ],
    ['not-an-email', none, undefined],
    [undefined, none, undefined],
  ])('%s → %o', (email, settings, evidence) => {
    const result = evaluateDisposableEmail({ email }, settings);
    expect(result).toEqual({
      signal: 'disposableEmail',
      fired: evidence !== undefined,
      evidence: evidence ?? {},
    });
  });

  it('ships a maintained default list of lowercase, unique domains', () => {
    expect(DEFAULT_DISPOSABLE_DOMAINS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(DEFAULT_DISPOSABLE_DOMAINS).size).toBe(DEFAULT_DISPOSABLE_DOMAINS.length);
    for (const domain of DEFAULT_DISPOSABLE_DOMAINS) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    for (const mainstream of ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de'])
      expect(DEFAULT_DISPOSABLE_DOMAINS).not.toContain(mainstream);
  });
});
