// POST /storefront/attribution and /storefront/coupon against a sandbox connector: the referral evidence a
// landing brings is verified and written onto the shopper's cart, and only onto a cart the caller owns.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { hashIdentifier } from '../../src/domain/identity.js';
import { SANDBOX_FRIEND_COUPON } from '../../src/sandbox/demo-coupon.js';
import { startTestConnector, type TestConnector } from '../helpers/connector.js';
import { createCart, followReferralLink, postJson, signedInCustomer } from '../helpers/storefront.js';

describe('storefront attribution and coupon routes', () => {
  let connector: TestConnector;
  beforeAll(async () => {
    connector = await startTestConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  const cartFields = async (id: string) =>
    (await connector.api.carts().withId({ ID: id }).get().execute()).body.custom?.fields ?? {};

  it('verifies the landing and writes attribution id, referral code, IP, user agent and landing time', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(connector, { anonymousId });
    const landing = await followReferralLink(connector, 'anna');
    const body = { cart: { id: cart.id, anonymousId }, ...landing, landedAt: new Date().toISOString() };
    const response = await postJson(connector, '/storefront/attribution', body, {
      'user-agent': 'TestBrowser/1.0',
    });
    expect(response).toMatchObject({
      status: 200,
      body: { referralCode: 'anna', changed: true, ignored: [] },
    });
    const attributionId = landing.visitorStatus.payload.attributionId;
    expect(response.body.attributionId).toBe(attributionId);
    expect(await cartFields(cart.id)).toMatchObject({
      [ORDER_FIELDS.attributionId]: attributionId,
      [ORDER_FIELDS.referralCode]: 'anna',
      [ORDER_FIELDS.ipAddress]: '127.0.0.1',
      [ORDER_FIELDS.userAgent]: 'TestBrowser/1.0',
      [ORDER_FIELDS.landingAt]: body.landedAt,
    });

    const again = await postJson(connector, '/storefront/attribution', body);
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
  });

  it('stores the device the storefront names as a keyed hash, never the id itself', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(connector, { anonymousId });
    const deviceId = `device-${randomUUID()}`;
    const response = await postJson(connector, '/storefront/attribution', {
      cart: { id: cart.id, anonymousId },
      referralCode: 'dora',
      deviceId,
    });
    expect(response.status).toBe(200);
    const fields = await cartFields(cart.id);
    expect(fields[ORDER_FIELDS.deviceHash]).toBe(
      hashIdentifier('device', deviceId, connector.config.hashKey),
    );
    expect(JSON.stringify(fields)).not.toContain(deviceId);
  });

  it('accepts a referral code alone, and a signed visitor status alone', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(connector, { anonymousId });
    const code = await postJson(connector, '/storefront/attribution', {
      cart: { id: cart.id, anonymousId },
      referralCode: 'bert',
    });
    expect(code).toMatchObject({ status: 200, body: { referralCode: 'bert', changed: true } });
    const { visitorStatus } = await followReferralLink(connector, 'carla');
    const status = await postJson(connector, '/storefront/attribution', {
      cart: { id: cart.id, anonymousId },
      visitorStatus,
    });
    expect(status).toMatchObject({ status: 200, body: { referralCode: 'carla', changed: true } });
    expect((await cartFields(cart.id))[ORDER_FIELDS.referralCode]).toBe('carla');
  });

  it('refuses (403) a cart the caller does not own, or that does not exist, and changes nothing', async () => {
    const cart = await createCart(connector, { anonymousId: randomUUID() });
    for (const claim of [
      { id: cart.id, anonymousId: randomUUID() },
      { id: randomUUID(), anonymousId: randomUUID() },
    ]) {
      const response = await postJson(connector, '/storefront/attribution', {
        cart: claim,
        referralCode: 'x',
      });
      expect(response).toMatchObject({ status: 403, body: { code: 'CartNotOwned' } });
    }
    expect(await cartFields(cart.id)).toEqual({});
  });

  it('lets a signed-in customer write to their own cart, not to someone else’s', async () => {
    const { customerId, token } = await signedInCustomer(connector, `owner-${randomUUID()}@example.com`);
    const own = await createCart(connector, { customerId });
    const someoneElse = await signedInCustomer(connector, `other-${randomUUID()}@example.com`);
    const other = await createCart(connector, { customerId: someoneElse.customerId });
    const body = (id: string) => ({ cart: { id }, customerToken: token, referralCode: 'dora' });
    expect((await postJson(connector, '/storefront/attribution', body(own.id))).status).toBe(200);
    expect((await postJson(connector, '/storefront/attribution', body(other.id))).status).toBe(403);
    const forged = await postJson(connector, '/storefront/attribution', {
      ...body(own.id),
      customerToken: 'forged',
    });
    expect(forged).toMatchObject({ status: 401, body: { code: 'InvalidCustomerToken' } });
  });

  it('refuses a forged fbuy token and a forged visitor status (400 naming the field)', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(connector, { anonymousId });
    const landing = await followReferralLink(connector, 'erin');
    const [header, , signature] = landing.fbuy.split('.');
    const payload = Buffer.from('00000000-0000-4000-8000-000000000001:p:g:forged:d:1::').toString(
      'base64url',
    );
    const fbuy = await postJson(connector, '/storefront/attribution', {
      cart: { id: cart.id, anonymousId },
      fbuy: `${header}.${payload}.${signature}`,
    });
    expect(fbuy).toMatchObject({
      status: 400,
      body: { code: 'InvalidFbuy', message: 'fbuy: signature does not verify' },
    });
    const status = await postJson(connector, '/storefront/attribution', {
      cart: { id: cart.id, anonymousId },
      visitorStatus: {
        ...landing.visitorStatus,
        payload: { ...landing.visitorStatus.payload, referralCode: 'mallory' },
      },
    });
    expect(status).toMatchObject({
      status: 400,
      body: { code: 'InvalidVisitorStatus', message: 'visitorStatus.signature: does not match the payload' },
    });
    expect(await cartFields(cart.id)).toEqual({});
  });

  it('answers 400 naming missing or malformed fields, and 413 for a body over 16 kB', async () => {
    const missingCart = await postJson(connector, '/storefront/attribution', { referralCode: 'x' });
    expect(missingCart).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^cart: /) } });
    const noProof = await postJson(connector, '/storefront/attribution', {
      cart: { id: 'c' },
      referralCode: 'x',
    });
    expect(noProof.body.message).toMatch(/^cart\.anonymousId: /);
    const nothing = await postJson(connector, '/storefront/attribution', {
      cart: { id: 'c', anonymousId: 'a' },
    });
    expect(nothing).toMatchObject({
      status: 400,
      body: { message: 'fbuy, referralCode or visitorStatus is required' },
    });
    const badCode = await postJson(connector, '/storefront/coupon', {
      cart: { id: 'c', anonymousId: 'a' },
      code: 'a b',
    });
    expect(badCode.body.message).toMatch(/^code: /);
    const huge = await postJson(connector, '/storefront/attribution', {
      cart: { id: 'c', anonymousId: 'a' },
      referralCode: 'x',
      padding: 'x'.repeat(17 * 1024),
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 'PayloadTooLarge' } });
  });

  it('adds the friend coupon to the cart and records it; an unknown code gets commercetools’ reason', async () => {
    const anonymousId = randomUUID();
    const cart = await createCart(connector, { anonymousId });
    const body = { cart: { id: cart.id, anonymousId }, code: SANDBOX_FRIEND_COUPON };
    const applied = await postJson(connector, '/storefront/coupon', body);
    expect(applied).toMatchObject({
      status: 200,
      body: { changed: true, discountCodes: [SANDBOX_FRIEND_COUPON] },
    });
    expect((await cartFields(cart.id))[ORDER_FIELDS.friendIncentiveCode]).toBe(SANDBOX_FRIEND_COUPON);
    expect(await postJson(connector, '/storefront/coupon', body)).toMatchObject({
      status: 200,
      body: { changed: false },
    });

    const unknown = await postJson(connector, '/storefront/coupon', { ...body, code: 'no-such-code' });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 'DiscountCodeNonApplicable', message: expect.stringContaining('reason: DoesNotExist') },
    });
    const notOwned = await postJson(connector, '/storefront/coupon', {
      ...body,
      cart: { id: cart.id, anonymousId: 'x' },
    });
    expect(notOwned.status).toBe(403);
  });
});
