import type { CartDiscount, DiscountCode } from '@commercetools/platform-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_FIELDS } from '../../src/commercetools/custom-fields.js';
import type { Connector } from '../../src/connector.js';
import { CodeFlowError } from '../../src/flows/code-errors.js';
import type { FlowDeps } from '../../src/flows/deps.js';
import { ensureRewardCoupon, type RewardCouponInput } from '../../src/flows/reward-coupons.js';
import { findCode } from '../../src/store/codes.js';
import { findReferralCode } from '../../src/store/referral-codes.js';
import { flowDepsOf } from '../helpers/code-deps.js';
import {
  eventually,
  startLiveConnector,
  startTestConnector,
  type TestConnector,
} from '../helpers/connector.js';

const ADMIN = { authorization: 'Bearer sandbox-admin-token', 'content-type': 'application/json' };

describe('promo codes: ownership, reward coupons and referral codes', () => {
  let world: TestConnector;
  let deps: FlowDeps;
  beforeAll(async () => {
    world = await startTestConnector();
    deps = await flowDepsOf(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const codesSpelled = async (...spellings: string[]): Promise<DiscountCode[]> =>
    (
      await world.api
        .discountCodes()
        .get({ queryArgs: { where: `code in (${spellings.map((s) => `"${s}"`).join(', ')})`, limit: 100 } })
        .execute()
    ).body.results;
  const cartDiscount = async (id: string): Promise<CartDiscount> =>
    (await world.api.cartDiscounts().withId({ ID: id }).get().execute()).body;
  const reward = (overrides: Partial<RewardCouponInput> = {}): RewardCouponInput => ({
    rewardId: `reward-${Math.random().toString(36).slice(2)}`,
    kind: 'friendIncentive',
    couponCode: `fb-${Math.random().toString(36).slice(2, 10)}`,
    recipient: { email: 'friend@example.com' },
    amount: '20.00',
    unit: 'USD',
    occurredAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  });

  it('reports a collision with a merchant code that differs only in case, and never overwrites it', async () => {
    const merchantDiscount = await world.api
      .cartDiscounts()
      .post({
        body: {
          name: { en: 'merchant' },
          value: { type: 'relative', permyriad: 500 },
          cartPredicate: '1 = 1',
          target: { type: 'lineItems', predicate: '1 = 1' },
          sortOrder: '0.77',
          requiresDiscountCode: true,
        },
      })
      .execute();
    await world.api
      .discountCodes()
      .post({
        body: {
          code: 'FRIEND10',
          cartDiscounts: [{ typeId: 'cart-discount', id: merchantDiscount.body.id }],
        },
      })
      .execute();

    const attempt = ensureRewardCoupon(deps, reward({ couponCode: 'friend10' }));
    await expect(attempt).rejects.toBeInstanceOf(CodeFlowError);
    await expect(attempt).rejects.toMatchObject({
      code: 'CodeCollision',
      details: { owner: { channel: 'merchant' } },
    });
    expect(await codesSpelled('FRIEND10', 'friend10')).toHaveLength(1);
    expect(await findCode(world.db, 'Friend10')).toMatchObject({
      channel: 'merchant',
      commercetoolsCode: 'FRIEND10',
    });
  });

  it("reports a collision with another reward's code, naming that reward", async () => {
    const first = reward({ couponCode: 'shared-code' });
    await ensureRewardCoupon(deps, first);
    await expect(ensureRewardCoupon(deps, reward({ couponCode: 'SHARED-CODE' }))).rejects.toMatchObject({
      code: 'CodeCollision',
      message: expect.stringContaining(first.rewardId),
    });
  });

  it('creates a single-use coupon for the recipient, with the webhook value, and is idempotent', async () => {
    const input = reward({ recipient: { customerId: 'ct-customer-1', email: 'x@example.com' } });
    const first = await ensureRewardCoupon(deps, input);
    const again = await ensureRewardCoupon(deps, input);
    expect(first.created).toBe(true);
    expect(again).toEqual({ discountCodeId: first.discountCodeId, created: false });

    const [code] = await codesSpelled(input.couponCode);
    expect(code).toMatchObject({ maxApplications: 1, cartPredicate: 'customerId = "ct-customer-1"' });
    const discount = await cartDiscount(code!.cartDiscounts[0]!.id);
    expect(discount).toMatchObject({
      requiresDiscountCode: true,
      isActive: true,
      value: {
        type: 'absolute',
        money: [expect.objectContaining({ currencyCode: 'USD', centAmount: 2000 })],
      },
      stores: [{ typeId: 'store', key: 'us' }],
      cartPredicate: '(totalPrice.currencyCode = "USD" and totalPrice >= "20.00 USD")',
    });
    expect(discount.key).toMatch(/^ct-friendbuy-usd2000-/);
  });

  it('shares one cart discount between codes of the same value, and lets the campaign override advocate rewards', async () => {
    const a = await ensureRewardCoupon(deps, reward({ kind: 'advocateReward', amount: '55', unit: 'USD' }));
    const b = await ensureRewardCoupon(
      deps,
      reward({ kind: 'advocateReward', amount: '5', unit: '%', campaignId: 'sandbox-us-referral' }),
    );
    const [codeA, codeB] = await Promise.all(
      [a, b].map(
        async ({ discountCodeId }) =>
          (await world.api.discountCodes().withId({ ID: discountCodeId }).get().execute()).body,
      ),
    );
    expect(codeA!.cartDiscounts[0]!.id).toBe(codeB!.cartDiscounts[0]!.id);
    // The sandbox's US campaign pays advocates $10 whatever the webhook says.
    expect((await cartDiscount(codeA!.cartDiscounts[0]!.id)).value).toMatchObject({
      type: 'absolute',
      money: [expect.objectContaining({ centAmount: 1000, currencyCode: 'USD' })],
    });
    expect(codeA!.validUntil).toBe('2027-02-18T10:00:00.000Z');
  });

  it('applies defaults with no campaign: 10 % off in every store, restricted to the email', async () => {
    const input = reward({
      kind: 'advocateReward',
      amount: undefined,
      unit: 'SKU-1',
      recipient: { customerId: 'guest_abc', email: 'Jo@Example.com' },
    });
    const { discountCodeId } = await ensureRewardCoupon(deps, input);
    const code = (await world.api.discountCodes().withId({ ID: discountCodeId }).get().execute()).body;
    expect(code.cartPredicate).toBe('customerEmail = "Jo@Example.com"');
    const discount = await cartDiscount(code.cartDiscounts[0]!.id);
    expect(discount).toMatchObject({
      value: { type: 'relative', permyriad: 1000 },
      stores: [],
      cartPredicate: '1 = 1',
    });
  });

  it('creates one commercetools code when two connector processes ensure the same coupon at once', async () => {
    const other: Connector = await startLiveConnector(world, world.store);
    try {
      const otherDeps = await flowDepsOf(other, deps.campaigns);
      const input = reward();
      const results = await Promise.all([
        ensureRewardCoupon(deps, input),
        ensureRewardCoupon(otherDeps, input),
        ensureRewardCoupon(deps, input),
      ]);
      expect(new Set(results.map((r) => r.discountCodeId)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await codesSpelled(input.couponCode)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  describe('POST /admin/api/advocates/:id/referral-code', () => {
    const post = (customerId: string, headers: Record<string, string> = ADMIN) =>
      fetch(`${world.url}/admin/api/advocates/${customerId}/referral-code`, {
        method: 'POST',
        headers,
        body: '{}',
      });

    it('gives the advocate a Friendbuy referral code, a friends code in commercetools and customer fields, idempotently', async () => {
      const { body: signUp } = await world.api
        .customers()
        .post({
          body: {
            email: 'ada@example.com',
            firstName: 'Ada',
            password: 'x',
            stores: [{ typeId: 'store', key: 'eu' }],
          },
        })
        .execute();
      const customerId = signUp.customer.id;
      const first = await post(customerId);
      expect(first.status).toBe(200);
      const answer = (await first.json()) as {
        referralCode: string;
        link: string;
        discountCode: { id: string; code: string };
      };
      const second = await (await post(customerId)).json();
      expect(second).toEqual({ ...answer, discountCode: { ...answer.discountCode, created: false } });
      expect(answer).toMatchObject({
        referralCode: 'ada',
        campaignId: 'sandbox-eu-referral',
        discountCode: { code: 'ada' },
      });
      expect(answer.link).toContain('/r/ada');

      const [code] = await codesSpelled('ada');
      expect(code).toMatchObject({ id: answer.discountCode.id, maxApplicationsPerCustomer: 1 });
      expect(await codesSpelled('ada', 'ADA')).toHaveLength(1);
      expect(await cartDiscount(code!.cartDiscounts[0]!.id)).toMatchObject({
        value: { type: 'relative', permyriad: 1000 },
        stores: [{ typeId: 'store', key: 'eu' }],
        cartPredicate: '(totalPrice.currencyCode = "EUR" and totalPrice >= "20.00 EUR")',
      });
      expect(await findReferralCode(world.db, 'ADA')).toMatchObject({
        advocateCustomerId: customerId,
        link: answer.link,
      });
      const customer = await eventually(
        async () => {
          const current = (await world.api.customers().withId({ ID: customerId }).get().execute()).body;
          return current.custom?.fields[CUSTOMER_FIELDS.advocateReferralCode] ? current : undefined;
        },
        15_000,
        'the referral code on the customer',
      );
      expect(customer.custom?.fields).toMatchObject({
        [CUSTOMER_FIELDS.advocateReferralCode]: 'ada',
        [CUSTOMER_FIELDS.advocateReferralLink]: answer.link,
      });
    });

    it('answers 401 without the admin token and 404 for an unknown customer', async () => {
      expect((await post('nobody', { 'content-type': 'application/json' })).status).toBe(401);
      const missing = await post('00000000-0000-4000-8000-00000000dead');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'CustomerNotFound' });
    });
  });
});
