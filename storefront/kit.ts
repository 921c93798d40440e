// The ct-friendbuy storefront kit. `init` asks the connector which Friendbuy merchant serves this store, loads
// Friendbuy, identifies the signed-in customer with a connector-made signature, and carries referral evidence
// and the friend's coupon onto the commercetools cart. Import it as a module, or use the script tag
// (ct-friendbuy.ts), which calls `init` from the tag's data-* attributes.
import { createCartWriter, warn } from './cart-writer.js';
import { createConnectorApi } from './connector-api.js';
import { type Push, setupFriendbuy } from './friendbuy-queue.js';
import { captureLanding, hasAttribution, loadPending, updatePending } from './landing.js';
import { watchRoutes } from './page-tracking.js';
import type { CtFriendbuy, InitOptions, VisitorStatus } from './types.js';

export type { CartRef, CtFriendbuy, CustomerAuth, InitOptions, StorefrontConfig } from './types.js';

/**
 * @example
 * const kit = init({ connectorUrl: 'https://connector.example.com', storeKey: 'us', locale: 'en-US',
 *   getCart: () => (cart ? { id: cart.id, anonymousId: cart.anonymousId } : undefined) });
 * await kit.setCart({ id: newCart.id, anonymousId }); // after creating the cart
 */
export function init(options: InitOptions): CtFriendbuy {
  const baseUrl = options.connectorUrl.replace(/\/+$/, '');
  const api = createConnectorApi(baseUrl);
  let cart = options.cart;
  let customerToken = options.customerToken;
  let push: Push | undefined;
  const flush = createCartWriter(api, {
    // Nothing is written before Friendbuy is set up for this store (it may be off).
    cart: async () => (push ? cart || (await options.getCart?.()) : undefined),
    customerToken: () => customerToken,
  });

  const trackPage = (name?: string) =>
    push?.([
      'track',
      'page',
      { name: name || (options.pageName ? options.pageName(location) : location.pathname) },
    ]);

  async function identify(): Promise<void> {
    if (!push) return;
    customerToken = customerToken || (await options.getCustomerToken?.());
    const auth = customerToken ? await api.customerAuth(customerToken) : await options.getCustomerAuth?.();
    if (!auth) return;
    // Friendbuy wants the customer tracked before `auth` (§4.6).
    const { id, email, firstName, lastName } = auth.customer;
    push(['track', 'customer', { id, email, firstName, lastName }]);
    push(['auth', auth.authString, auth.signature]);
  }

  const ready = (async () => {
    const config = await api.config(options.storeKey, options.locale);
    if (!config.enabled) {
      warn(`Friendbuy is off for store "${options.storeKey}": ${config.reason}`);
      return config;
    }
    push = setupFriendbuy(config, baseUrl);
    captureLanding(location.search, config.referralCodeParam);
    push([
      'getVisitorStatus',
      (status: VisitorStatus) => {
        if (!hasAttribution(status)) return;
        updatePending({
          visitorStatus: status,
          landedAt: loadPending().landedAt || new Date().toISOString(),
        });
        void flush();
      },
    ]);
    push([
      'subscribe',
      'couponReceived',
      (received: unknown) => {
        const code =
          typeof received === 'string' ? received : (received as { couponCode?: string })?.couponCode;
        if (!code) return;
        updatePending({ coupon: code });
        void flush();
      },
    ]);
    watchRoutes(() => trackPage());
    await identify().catch((error) => warn('customer not identified to Friendbuy:', error));
    await flush();
    return config;
  })().catch((error) => {
    warn('could not start', error);
    return undefined;
  });

  return {
    ready,
    trackPage,
    async setCart(next) {
      cart = next;
      await ready;
      await flush();
    },
    async setCustomerToken(token) {
      customerToken = token;
      await ready;
      if (token) await identify().catch((error) => warn('customer not identified to Friendbuy:', error));
      await flush();
    },
  };
}
