import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { identityKeysFor } from '../domain/identity-keys.js';
import type { Db } from './db.js';
import { referralsOfPerson, rememberFriendReferral } from './friend-referrals.js';
import { findPerson, identifiersOf, linkIdentityKeys, siblingIdentifier } from './identity-links.js';

const hashKey = 'test-hash-key';
const keys = (seen: Parameters<typeof identityKeysFor>[0]) => identityKeysFor(seen, { hashKey });

describe('identity links', () => {
  let db: Db;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
  const link = (seen: Parameters<typeof identityKeysFor>[0], minute: number) =>
    db.transaction((tx) => linkIdentityKeys(tx, keys(seen), at(minute)));

  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps hashes, never raw emails, IPs or user agents', async () => {
    const personId = await link(
      { anonymousId: 'anon-raw', email: 'Raw.Person@example.com', ipAddress: '10.0.0.1' },
      0,
    );
    const stored = JSON.stringify(await identifiersOf(db, personId!));
    expect(stored).toContain('anon-raw');
    expect(stored).not.toMatch(/raw\.person|10\.0\.0\.1/i);
  });

  it('merges an anonymous shopper into the customer they become, with their traits and referrals', async () => {
    const anonymous = await link({ anonymousId: 'anon-1', ipAddress: '192.0.2.7', userAgent: 'UA/1' }, 1);
    await rememberFriendReferral(
      db,
      { source: 'cart', sourceKey: 'cart-1', personId: anonymous, referralCode: 'JANE10' },
      at(1),
    );
    const customer = await link({ customerId: 'cust-1', email: 'sam@example.com' }, 2);
    expect(customer).not.toBe(anonymous);

    // The cart gains the customer: one sighting holds both identifiers.
    const merged = await link({ anonymousId: 'anon-1', customerId: 'cust-1', ipAddress: '192.0.2.7' }, 3);
    expect(merged).toBe(anonymous); // the longest-known person survives
    expect(await findPerson(db, keys({ customerId: 'cust-1' }).links)).toBe(anonymous);
    expect(await findPerson(db, keys({ email: 'SAM@example.com' }).links)).toBe(anonymous);
    expect((await referralsOfPerson(db, anonymous!)).map((r) => r.referralCode)).toEqual(['jane10']);
    const kinds = (await identifiersOf(db, anonymous!)).map((identifier) => identifier.kind).sort();
    expect(kinds).toEqual(['anonymousId', 'customerId', 'email', 'friendbuyCustomerId', 'ip', 'userAgent']);
    expect(await identifiersOf(db, customer!)).toEqual([]);
  });

  it('never merges two people over a trait they share (an office IP address)', async () => {
    const one = await link({ customerId: 'cust-a', ipAddress: '198.51.100.1' }, 4);
    const two = await link({ customerId: 'cust-b', ipAddress: '198.51.100.1' }, 5);
    expect(one).not.toBe(two);
  });

  it('links a guest to the pseudonymous Friendbuy id we report them under', async () => {
    const guest = await link({ email: 'guest@gmail.com' }, 6);
    const ids = (await identifiersOf(db, guest!)).filter(
      (identifier) => identifier.kind === 'friendbuyCustomerId',
    );
    expect(ids).toEqual([
      { kind: 'friendbuyCustomerId', value: expect.stringMatching(/^guest_[0-9a-f]{32}$/) },
    ]);
    expect(
      await siblingIdentifier(db, { kind: 'friendbuyCustomerId', value: ids[0]!.value }, 'email'),
    ).toBeDefined();
  });

  it('links nothing from traits alone', async () => {
    expect(await link({ ipAddress: '203.0.113.9' }, 7)).toBeUndefined();
  });
});
