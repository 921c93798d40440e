// The friend coupon of the sandbox's referral demo. The emulated Friendbuy hands this code to every referred
// friend (`couponReceived`), so it must exist as a commercetools discount code: created at sandbox start, with
// a 10 % cart discount behind it. (The connector's own code banks are not used for it; nothing else in the
// sandbox provides a friend coupon.) The mock stores discounts but never applies them to prices.
import type { CommercetoolsApi } from '../commercetools/order-access.js';

export const SANDBOX_FRIEND_COUPON = 'sandbox-friend-10';
const CART_DISCOUNT_KEY = 'sandbox-friend-10';

export async function ensureDemoFriendCoupon(api: CommercetoolsApi): Promise<void> {
  const existing = await api
    .discountCodes()
    .get({ queryArgs: { where: 'code = :code', 'var.code': SANDBOX_FRIEND_COUPON, limit: 1 } })
    .execute();
  if (existing.body.results.length > 0) return;
  const discount = await cartDiscountId(api);
  await api
    .discountCodes()
    .post({
      body: {
        code: SANDBOX_FRIEND_COUPON,
        name: { 'en-US': 'Sandbox friend incentive', 'de-DE': 'Sandbox-Freundesrabatt' },
        cartDiscounts: [{ typeId: 'cart-discount', id: discount }],
        isActive: true,
        groups: ['friendbuy'],
      },
    })
    .execute();
}

async function cartDiscountId(api: CommercetoolsApi): Promise<string> {
  try {
    return (await api.cartDiscounts().withKey({ key: CART_DISCOUNT_KEY }).get().execute()).body.id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  const created = await api
    .cartDiscounts()
    .post({
      body: {
        key: CART_DISCOUNT_KEY,
        name: { 'en-US': 'Friend gets 10 %', 'de-DE': 'Freund erhält 10 %' },
        value: { type: 'relative', permyriad: 1000 },
        cartPredicate: '1 = 1',
        target: { type: 'lineItems', predicate: 'true' },
        sortOrder: '0.42',
        requiresDiscountCode: true,
        isActive: true,
      },
    })
    .execute();
  return created.body.id;
}
