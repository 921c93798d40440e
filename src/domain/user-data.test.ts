import { describe, expect, it } from 'vitest';
import { userDataErased } from './user-data.js';

describe('userDataErased', () => {
  it('is done when the export holds no data about the person', () => {
    expect(userDataErased({})).toBe(true);
    expect(userDataErased(null)).toBe(true);
    expect(userDataErased({ email: 'a@x.com', customers: [], referralLinks: [], events: [] })).toBe(true);
  });

  it('is not done while any list still names the person', () => {
    expect(userDataErased({ customers: [{ customerId: 'c-1', email: 'a@x.com' }] })).toBe(false);
    expect(userDataErased({ profile: { name: 'Ada' } })).toBe(false);
  });

  it('trusts a status that says the erasure finished', () => {
    expect(userDataErased({ status: 'Completed', customers: [{ customerId: 'c-1' }] })).toBe(true);
    expect(userDataErased({ status: 'pending', customers: [{ customerId: 'c-1' }] })).toBe(false);
  });
});
