// The referral journey in real headless Chromium: an advocate's sandbox referral link lands a friend on the
// demo shop, whose real kit captures the attribution and the friend coupon onto the commercetools cart; the
// friend orders, and the emulated Friendbuy receives the purchase with that attribution id and referral code.
// Skips only where /usr/bin/chromium is missing AND CI is not set (.ci/run installs Debian's chromium).
import { existsSync } from 'node:fs';
import type { Cart } from '@commercetools/platform-sdk';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../src/commercetools/custom-fields.js';
import { SANDBOX_FRIEND_COUPON } from '../../src/sandbox/demo-coupon.js';
import type { SdkEvent } from '../../src/sandbox/friendbuy-emulator/landing.js';
import { eventually, startTestConnector, type TestConnector } from '../helpers/connector.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) console.warn(`skipping the browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!available)('storefront kit in a real browser', () => {
  let connector: TestConnector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    connector = await startTestConnector();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
  });
  afterAll(async () => {
    await browser?.close();
    await connector?.close();
  });

  const cart = async (id: string): Promise<Cart> =>
    (
      await connector.api
        .carts()
        .withId({ ID: id })
        .get({ queryArgs: { expand: ['discountCodes[*].discountCode'] } })
        .execute()
    ).body;
  const sdkEvents = async (): Promise<SdkEvent[]> =>
    ((await (await fetch(`${connector.url}/sandbox/friendbuy/sdk/events`)).json()) as { events: SdkEvent[] })
      .events;

  it('follows a referral link, carries attribution and coupon onto the cart, and reports the purchase', async () => {
    await page.goto(`${connector.url}/sandbox/friendbuy/r/annafriend`);
    expect(new URL(page.url()).pathname).toBe('/sandbox/store');
    expect(new URL(page.url()).searchParams.get('fbuy')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#fbemu-friend-offer'); // the emulated Friendbuy delivered the coupon

    await page.click('button[data-sku="FB-TEE-001"]');
    await page.click('a[href^="/sandbox/store/cart"]');
    // The cart view shows what the kit wrote through the connector.
    await page.locator('#cart-codes', { hasText: SANDBOX_FRIEND_COUPON }).waitFor();
    await page.locator('#cart-referral-code', { hasText: /^annafriend$/ }).waitFor();

    const cartId = await page.getAttribute('#cart', 'data-cart-id');
    const onCart = await cart(cartId!);
    const fields = onCart.custom?.fields ?? {};
    const attributionId = fields[ORDER_FIELDS.attributionId] as string;
    expect(attributionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fields).toMatchObject({
      [ORDER_FIELDS.referralCode]: 'annafriend',
      [ORDER_FIELDS.friendIncentiveCode]: SANDBOX_FRIEND_COUPON,
      [ORDER_FIELDS.ipAddress]: '127.0.0.1',
      [ORDER_FIELDS.userAgent]: expect.stringContaining('HeadlessChrome'),
      [ORDER_FIELDS.landingAt]: expect.any(String),
    });
    expect(onCart.discountCodes.map((info) => info.discountCode.obj?.code)).toEqual([SANDBOX_FRIEND_COUPON]);

    await page.fill('#email', 'friend.of.anna@example.com');
    await page.click('#place-order');
    const purchase = await eventually(
      () =>
        connector
          .friendbuyCalls('/v1/event/purchase')
          .find((call) => (call.body as { attributionId?: string }).attributionId === attributionId),
      20_000,
      'the purchase at the emulated Friendbuy',
    );
    expect(purchase.body).toMatchObject({
      attributionId,
      referralCode: 'annafriend',
      couponCode: SANDBOX_FRIEND_COUPON,
      email: 'friend.of.anna@example.com',
    });
    await page.locator('#order-friendbuy', { hasText: 'annafriend' }).waitFor();

    // The kit tracked the landing and the client-side route change as page views.
    const pages = (await sdkEvents()).filter((e) => e.command === 'track' && e.args[0] === 'page');
    expect(pages.map((e) => (e.args[1] as { name: string }).name)).toEqual([
      '/sandbox/store',
      '/sandbox/store/cart',
    ]);
  });

  it('identifies a signed-in customer to Friendbuy with a connector-made signature', async () => {
    const email = `anna-${Date.now()}@example.com`;
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', 'demo-password');
    await page.click('#signin-form button');
    await eventually(
      async () => (await sdkEvents()).some((e) => e.command === 'auth' && String(e.args[0]).includes(email)),
      10_000,
      'the auth command at the emulated Friendbuy',
    );
    const events = await sdkEvents();
    const auth = events.findIndex((e) => e.command === 'auth' && String(e.args[0]).includes(email));
    const tracked = events.findIndex(
      (e) =>
        e.command === 'track' &&
        e.args[0] === 'customer' &&
        (e.args[1] as { email?: string }).email === email,
    );
    expect(events[auth]?.verified).toBe(true);
    // Friendbuy wants the customer tracked before `auth` (§4.6).
    expect(tracked).toBeGreaterThanOrEqual(0);
    expect(tracked).toBeLessThan(auth);
  });

  it('warns in the console and loads no Friendbuy for a store without a campaign', async () => {
    const blank = await browser.newPage();
    const warnings: string[] = [];
    blank.on('console', (message) => {
      if (message.type() === 'warning' && message.text().startsWith('[ct-friendbuy]'))
        warnings.push(message.text());
    });
    await blank.setContent(
      `<script src="${connector.url}/storefront/ct-friendbuy.js" data-store="nowhere" async></script>`,
    );
    await eventually(() => warnings.length > 0, 10_000, 'the console warning');
    expect(warnings[0]).toContain('Friendbuy is off for store "nowhere"');
    expect(await blank.evaluate('typeof window.friendbuyAPI')).toBe('undefined');
    await blank.close();
  });
});
