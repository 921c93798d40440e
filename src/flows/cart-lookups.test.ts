import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers/store.js';
import { activateCode, claimCode } from '../store/codes.js';
import type { Db } from '../store/db.js';
import { rememberReferralCode } from '../store/referral-codes.js';
import { registryCodeOwner } from './cart-lookups.js';

describe('the code owner the cart extension asks', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.close();
  });

  const register = async (code: string, channel: 'friendIncentive' | 'advocateReferral') => {
    const now = new Date();
    const lease = { owner: 'test', until: new Date(now.getTime() + 60_000) };
    const owner = { channel, campaignId: 'c-us', storeKeys: ['us'], currencies: ['USD'] };
    await claimCode(db, { commercetoolsCode: code, owner }, lease, now);
    await activateCode(db, code, 'test', { discountCodeId: 'dc-1', cartDiscountId: 'cd-1' }, now);
  };

  it('knows friend incentives from the code registry, whatever case the shopper typed', async () => {
    await register('us-friend01', 'friendIncentive');
    expect(await registryCodeOwner(db)('US-FRIEND01')).toEqual({
      campaignId: 'c-us',
      channel: 'friendIncentive',
      advocate: undefined,
    });
  });

  it('takes the advocate of a referral code from the referral codes, and falls back to them', async () => {
    await rememberReferralCode(
      db,
      { code: 'janefriend', source: 'test', advocateCustomerId: 'cust-jane', campaignId: 'c-us' },
      new Date(),
    );
    await register('janefriend', 'advocateReferral');
    expect(await registryCodeOwner(db)('janefriend')).toMatchObject({
      channel: 'advocateReferral',
      advocate: { customerId: 'cust-jane' },
    });
    await rememberReferralCode(
      db,
      { code: 'onlyknown', source: 'test', advocateCustomerId: 'cust-x' },
      new Date(),
    );
    expect(await registryCodeOwner(db)('onlyknown')).toMatchObject({ channel: 'advocateReferral' });
    expect(await registryCodeOwner(db)('nobody')).toBeUndefined();
  });
});
