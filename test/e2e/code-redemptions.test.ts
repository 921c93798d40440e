import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codesCommand, EXIT_ATTENTION } from '../../src/cli/codes.js';
import { createCliContext } from '../../src/cli/context.js';
import { CUSTOMER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { REWARD_EVENT, rewardStream } from '../../src/domain/reward-events.js';
import type { CodeCheckReport } from '../../src/flows/check-codes.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { ensureRewardCoupon, type RewardCouponInput } from '../../src/flows/reward-coupons.js';
import { recordRewardEvent } from '../../src/flows/reward-ledger.js';
import { createCancelledCodeReissuer } from '../../src/flows/track-code-redemptions.js';
import { placeDemoOrder } from '../../src/sandbox/demo-order.js';
import { findCode } from '../../src/store/codes.js';
import { readStream } from '../../src/store/ledger.js';
import { flowDepsOf } from '../helpers/code-deps.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';
import { updateOrder } from '../helpers/deliveries.js';

const ADMIN = { authorization: 'Bearer sandbox-admin-token' };

describe('redemption tracking, reissue on cancel, referral codes on sign-up and the codes check', () => {
  let world: TestConnector;
  let deps: FlowDeps;
  beforeAll(async () => {
    world = await startTestConnector({
      CONNECTOR_REISSUE_ON_CANCEL: 'true',
      CONNECTOR_REFERRAL_CODE_ON_SIGNUP: 'true',
    });
    deps = await flowDepsOf(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const coupon = async (code: string, overrides: Partial<RewardCouponInput> = {}) => {
    const input: RewardCouponInput = {
      rewardId: `reward-${code}`,
      kind: 'advocateReward',
      couponCode: code,
      recipient: { email: 'advocate@example.com' },
      amount: '10.00',
      unit: 'USD',
      occurredAt: world.clock.now(),
      ...overrides,
    };
    // As the webhook flow does: the reward is issued on the ledger before its coupon exists.
    await world.db.transaction((tx) =>
      recordRewardEvent(
        tx,
        input.rewardId,
        REWARD_EVENT.issued,
        { couponCode: code },
        {
          dedupKey: `test-issued:${input.rewardId}`,
          occurredAt: input.occurredAt,
          now: world.clock.now(),
        },
      ),
    );
    return { input, ...(await ensureRewardCoupon(deps, input)) };
  };
  const eventsOf = async (stream: string, type: string) =>
    (await readStream(world.db, stream)).filter((event) => event.type === type);

  it('records the redemption on the reward, and reissues the code when the order is cancelled', async () => {
    const { input } = await coupon('ADV-REDEEM-1');
    const order = await placeDemoOrder(world.api, {
      email: 'advocate@example.com',
      discountCodes: ['ADV-REDEEM-1'],
    });
    const [redeemed] = await eventually(
      () => eventsOf(rewardStream(input.rewardId), REWARD_EVENT.redeemed).then((e) => e.length > 0 && e),
      15_000,
      'reward.redeemed',
    );
    expect(redeemed?.data).toMatchObject({
      orderId: order.id,
      code: 'ADV-REDEEM-1',
      storeKey: 'us',
      amount: { currencyCode: 'USD', centAmount: order.totalPrice.centAmount },
    });
    expect(await findCode(world.db, 'adv-redeem-1')).toMatchObject({ status: 'exhausted' });

    await updateOrder(world.api, order, [{ action: 'changeOrderState', orderState: 'Cancelled' }]);
    const [reissued] = await eventually(
      () => eventsOf(rewardStream(input.rewardId), REWARD_EVENT.reissued).then((e) => e.length > 0 && e),
      15_000,
      'reward.reissued',
    );
    expect(await eventsOf(rewardStream(input.rewardId), REWARD_EVENT.reissueRequested)).toHaveLength(1);
    const replacement = reissued?.data as { code: string; discountCodeId: string; replaces: string };
    expect(replacement.replaces).toBe('ADV-REDEEM-1');
    expect(await findCode(world.db, replacement.code)).toMatchObject({
      rewardId: input.rewardId,
      replaces: 'adv-redeem-1',
      status: 'active',
      batchId: null,
    });
    const inCommercetools = (
      await world.api.discountCodes().withId({ ID: replacement.discountCodeId }).get().execute()
    ).body;
    expect(inCommercetools).toMatchObject({
      code: replacement.code,
      maxApplications: 1,
      cartPredicate: 'customerEmail = "advocate@example.com"',
    });
  });

  it('only marks the reward for reissue when replacements are not configured', async () => {
    const { input } = await coupon('ADV-REDEEM-2');
    const order = await placeDemoOrder(world.api, {
      email: 'advocate@example.com',
      discountCodes: ['ADV-REDEEM-2'],
    });
    const reissuer = createCancelledCodeReissuer({
      ...deps,
      config: { ...deps.config, codes: { ...deps.config.codes, reissueOnCancel: false } },
    });
    const job = { correlationId: 'test', id: 0 } as never;
    await reissuer({ orderId: order.id }, { job, logger: world.logger });
    await reissuer({ orderId: order.id }, { job, logger: world.logger });
    const types = (await readStream(world.db, rewardStream(input.rewardId))).map((event) => event.type);
    expect(types.filter((type) => type === REWARD_EVENT.reissueRequested)).toHaveLength(1);
    expect(types).not.toContain(REWARD_EVENT.reissued);
  });

  it("gives a new customer a referral code, and records a friend's use of it on the advocate", async () => {
    const { body } = await world.api
      .customers()
      .post({ body: { email: 'grace@example.com', password: 'x', stores: [{ typeId: 'store', key: 'us' }] } })
      .execute();
    const advocateId = body.customer.id;
    const customer = await eventually(
      async () => {
        const current = (await world.api.customers().withId({ ID: advocateId }).get().execute()).body;
        return current.custom?.fields[CUSTOMER_FIELDS.advocateReferralCode] ? current : undefined;
      },
      15_000,
      'the referral code on the new customer',
    );
    const referralCode = String(customer.custom?.fields[CUSTOMER_FIELDS.advocateReferralCode]);
    expect(referralCode).toBe('grace');
    const order = await placeDemoOrder(world.api, {
      email: 'friend-of-grace@example.com',
      discountCodes: ['grace'],
    });
    const [used] = await eventually(
      () =>
        eventsOf(`customer:${advocateId}`, 'advocate.referral-code-redeemed').then((e) => e.length > 0 && e),
      15_000,
      'the redemption on the advocate',
    );
    expect(used?.data).toMatchObject({ orderId: order.id, code: 'grace', storeKey: 'us' });
    expect(await findCode(world.db, 'grace')).toMatchObject({
      status: 'active',
      channel: 'advocateReferral',
    });
  });

  it('lists the codes that would not apply, with the reason', async () => {
    const expired = await coupon('CHECK-EXPIRED');
    const inactive = await coupon('CHECK-INACTIVE');
    const otherStore = await coupon('CHECK-STORE', {
      kind: 'friendIncentive',
      amount: '7.77',
      campaignId: 'sandbox-us-referral',
    });
    const healthy = await coupon('CHECK-HEALTHY');
    const update = async (id: string, actions: object[]) => {
      const { body } = await world.api.discountCodes().withId({ ID: id }).get().execute();
      await world.api
        .discountCodes()
        .withId({ ID: id })
        .post({ body: { version: body.version, actions: actions as never } })
        .execute();
      return body;
    };
    await update(expired.discountCodeId, [
      { action: 'setValidUntil', validUntil: '2020-01-01T00:00:00.000Z' },
    ]);
    await update(inactive.discountCodeId, [{ action: 'changeIsActive', isActive: false }]);
    const storeCode = await update(otherStore.discountCodeId, []);
    const cartDiscountId = storeCode.cartDiscounts[0]!.id;
    const discount = (await world.api.cartDiscounts().withId({ ID: cartDiscountId }).get().execute()).body;
    await world.api
      .cartDiscounts()
      .withId({ ID: cartDiscountId })
      .post({
        body: {
          version: discount.version,
          actions: [{ action: 'setStores', stores: [{ typeId: 'store', key: 'eu' }] }],
        },
      })
      .execute();

    const response = await fetch(`${world.url}/admin/api/codes/check?campaign=sandbox-us-referral`, {
      headers: ADMIN,
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as CodeCheckReport;
    const reasons = (code: string) =>
      report.findings.find((finding) => finding.code === code)?.problems.map((problem) => problem.reason);
    expect(reasons('CHECK-EXPIRED')).toEqual(['expired']);
    expect(reasons('CHECK-INACTIVE')).toEqual(['inactive']);
    expect(reasons('CHECK-STORE')).toEqual(['wrong-store']);
    expect(reasons('ADV-REDEEM-1')).toEqual(['exhausted']);
    expect(reasons('CHECK-HEALTHY')).toBeUndefined();
    expect(healthy.created).toBe(true);

    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const status = await codesCommand(
        createCliContext(world.config),
        ['check', '--channel', 'advocateReward'],
        world.url,
      );
      expect(status).toBe(EXIT_ATTENTION);
      const printed = stdout.mock.calls.map((call) => String(call[0])).join('');
      expect(printed).toContain('CHECK-INACTIVE');
      expect(printed).toContain('inactive: the discount code is inactive');
      expect(printed).not.toContain('CHECK-STORE');
    } finally {
      stdout.mockRestore();
    }
  });
});
