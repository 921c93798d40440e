import { describe, expect, it } from 'vitest';
import { hashEmail } from '../identity.js';
import { evaluateSameCustomerId, evaluateSameEmail, evaluateSimilarEmail } from './identity-signals.js';

const KEY = 'test-key';
const h = (email: string) => hashEmail(email, KEY);

describe('evaluateSameCustomerId', () => {
  it.each([
    [{ customerId: 'c1' }, { customerId: 'c1' }, true],
    [{ customerId: 'c1' }, { customerId: 'c2' }, false],
    [{}, {}, false],
    [{ customerId: '' }, { customerId: '' }, false],
  ])('friend %o, advocate %o → %s', (friend, advocate, fired) => {
    const result = evaluateSameCustomerId({ friend, advocate });
    expect(result).toMatchObject({ signal: 'sameCustomerId', fired });
    if (fired) expect(result.evidence).toEqual({ customerId: 'c1' });
  });
});

describe('evaluateSameEmail', () => {
  it.each([
    ['Jane.Doe+ref@googlemail.com', 'janedoe@gmail.com', true],
    ['jane@example.com', 'JANE@example.com ', true],
    ['jane@example.com', 'jane@example.org', false],
  ])('%s and %s → %s', (friend, advocate, fired) => {
    expect(
      evaluateSameEmail({ friend: { emailHash: h(friend) }, advocate: { emailHash: h(advocate) } }).fired,
    ).toBe(fired);
  });

  it('does not match two people without an email', () => {
    expect(evaluateSameEmail({ friend: {}, advocate: {} }).fired).toBe(false);
  });
});

describe('evaluateSimilarEmail', () => {
  const thresholds = { maxEditDistance: 2 };
  it.each<[string, string | undefined, string | undefined, object | undefined]>([
    [
      'the same local part at another domain',
      'jane.doe@yahoo.com',
      'jane.doe@gmail.com',
      { match: 'same-local-part', friendDomain: 'yahoo.com', advocateDomain: 'gmail.com' },
    ],
    [
      'one character apart',
      'jane.doe1@example.com',
      'jane.doe@example.com',
      { match: 'edit-distance', distance: 1 },
    ],
    [
      'two characters apart',
      'jame.do@example.com',
      'jane.doe@example.com',
      { match: 'edit-distance', distance: 2 },
    ],
    ['three characters apart', 'jim.doe1@example.com', 'jane.doe@example.com', undefined],
    ['the same mailbox (that is sameEmail)', 'jane.doe+x@gmail.com', 'janedoe@gmail.com', undefined],
    ['a missing email', undefined, 'jane@example.com', undefined],
    ['something that is not an email', 'jane', 'jane@example.com', undefined],
  ])('%s', (_name, friendEmail, advocateEmail, evidence) => {
    const result = evaluateSimilarEmail({ friendEmail, advocateEmail }, thresholds);
    expect(result.fired).toBe(evidence !== undefined);
    if (evidence) expect(result.evidence).toMatchObject(evidence);
  });

  it('follows the edit distance threshold', () => {
    const input = { friendEmail: 'jame.do@example.com', advocateEmail: 'jane.doe@example.com' };
    expect(evaluateSimilarEmail(input, { maxEditDistance: 1 }).fired).toBe(false);
  });

  it('uses the merchant email rules to normalise first', () => {
    const input = { friendEmail: 'j.a.n.e@corp.example', advocateEmail: 'jane@corp.example' };
    // Where dots matter these are two mailboxes with the same name: similar.
    expect(evaluateSimilarEmail(input, { maxEditDistance: 0 }).evidence).toMatchObject({
      match: 'same-local-part',
    });
    // Where the merchant says dots do not matter they are one mailbox, which is not "similar".
    const rules = { dotInsensitiveDomains: ['corp.example'] };
    expect(evaluateSimilarEmail({ ...input, emailRules: rules }, { maxEditDistance: 5 }).fired).toBe(false);
  });
});
