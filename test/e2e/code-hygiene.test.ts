// Code hygiene: a reward coupon whose validity has passed is deactivated in commercetools by the maintenance
// job and marked so in the registry; a code still valid, and a merchant's own expired code, are left alone.
import type { DiscountCode } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../src/config.js';
import { maintainCodes } from '../../src/flows/code-hygiene.js';
import { findCode } from '../../src/store/codes.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { flowDepsOf } from '../helpers/flow-deps.js';

describe('code hygiene', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  const discountCode = async (code: string): Promise<DiscountCode | undefined> => {
    const { body } = await connector.api
      .discountCodes()
      .get({ queryArgs: { where: 'code = :code', 'var.code': code } })
      .execute();
    return body.results[0];
  };

  it('deactivates the connector’s expired reward coupon, and nothing else', async () => {
    const reward = {
      rewardId: 'hygiene-reward-1',
      campaignId: 'sandbox-us-referral',
      customerId: 'hygiene-advocate',
      emailAddress: 'hygiene.advocate@example.com',
      couponCode: 'EXPIRES-SOON-1',
    };
    const trigger = await fetch(`${connector.url}/sandbox/friendbuy/webhooks/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'advocateReward', data: [reward] }),
    });
    expect(trigger.status).toBe(202);
    const coupon = await eventually(() => discountCode(reward.couponCode), 20_000, 'the reward coupon');
    expect(coupon).toMatchObject({ isActive: true, validUntil: expect.any(String) });
    // A merchant's own code, expired too: not the connector's to touch.
    const { body: cartDiscount } = await connector.api
      .cartDiscounts()
      .get({ queryArgs: { limit: 1 } })
      .execute();
    await connector.api
      .discountCodes()
      .post({
        body: {
          code: 'MERCHANT-OLD',
          cartDiscounts: [{ typeId: 'cart-discount', id: cartDiscount.results[0]!.id }],
          isActive: true,
          validUntil: '2020-01-01T00:00:00.000Z',
        },
      })
      .execute();
    const deps = await flowDepsOf(connector);

    // Still valid: nothing to do.
    expect((await maintainCodes(deps)).deactivated).toEqual([]);
    expect(await discountCode(reward.couponCode)).toMatchObject({ isActive: true });

    connector.sandbox.clock.advance(
      new Date(coupon.validUntil!).getTime() - connector.clock.now().getTime() + 60_000,
    );
    const report = await maintainCodes(deps);
    expect(report.deactivated).toEqual(['expires-soon-1']);
    expect(await discountCode(reward.couponCode)).toMatchObject({ isActive: false });
    expect(await findCode(connector.db, reward.couponCode)).toMatchObject({ status: 'deactivated' });
    expect(await discountCode('MERCHANT-OLD')).toMatchObject({ isActive: true });
    // Done once: a second run finds nothing more.
    expect((await maintainCodes(deps)).deactivated).toEqual([]);
  });

  it('reports a code bank running low', async () => {
    const headers = {
      authorization: `Bearer ${SANDBOX_DEFAULTS.CONNECTOR_ADMIN_TOKEN}`,
      'content-type': 'application/json',
    };
    const started = await fetch(`${connector.url}/admin/api/code-batches`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ campaignId: 'sandbox-us-referral', count: 5 }),
    });
    const { batch } = (await started.json()) as { batch: { id: string } };
    await eventually(
      async () => {
        const response = await fetch(`${connector.url}/admin/api/code-batches/${batch.id}`, { headers });
        return ((await response.json()) as { batch: { status: string } }).batch.status === 'completed';
      },
      20_000,
      'the code batch',
    );
    const report = await maintainCodes(await flowDepsOf(connector));
    expect(report.lowBanks).toEqual([
      expect.objectContaining({ campaignId: 'sandbox-us-referral', unused: 5 }),
    ]);
  });
});
