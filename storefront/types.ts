// The kit's public types: what a storefront passes to `init` and what it gets back.

/** The shopper's commercetools cart; `anonymousId` proves an anonymous cart is theirs. */
export interface CartRef {
  id: string;
  anonymousId?: string | undefined;
}

/** Produced by the connector (`POST /storefront/customer-auth`), never in the browser. */
export interface CustomerAuth {
  authString: string;
  signature: string;
  customer: { id: string; email: string; firstName?: string | undefined; lastName?: string | undefined };
}

type Maybe<T> = T | undefined | Promise<T | undefined>;

export interface InitOptions {
  /** Where the connector runs, e.g. `https://connector.example.com`. */
  connectorUrl: string;
  /** The commercetools store key, e.g. `us`. */
  storeKey: string;
  locale?: string | undefined;
  cart?: CartRef | undefined;
  /** Asked whenever the kit has something to write to the cart; return undefined while there is none. */
  getCart?: (() => Maybe<CartRef>) | undefined;
  /** A commercetools customer access token of the signed-in shopper; the connector checks it. */
  customerToken?: string | undefined;
  getCustomerToken?: (() => Maybe<string>) | undefined;
  /** For shops whose backend signs with the server key instead of passing a customer token. */
  getCustomerAuth?: (() => Maybe<CustomerAuth>) | undefined;
  /** Name sent with `track page` on every route change; default: the path. */
  pageName?: ((location: Location) => string) | undefined;
}

export type StorefrontConfig =
  | {
      enabled: true;
      storeKey: string;
      locale?: string;
      merchantId: string;
      campaignId: string;
      friendbuyScriptUrl: string;
      campaignsScriptUrl: string;
      referralCodeParam: string;
    }
  | { enabled: false; storeKey: string; locale?: string; reason: string };

/** What Friendbuy's `getVisitorStatus` hands to its callback. */
export interface VisitorStatus {
  status?: string;
  payload?: Record<string, unknown>;
  signature?: string;
  base64Payload?: string;
}

export interface CtFriendbuy {
  /** Settles once the kit is set up: the store's config, or undefined when the connector could not be reached. */
  ready: Promise<StorefrontConfig | undefined>;
  /** Tell the kit about the cart (e.g. right after creating it); pending attribution and coupons follow. */
  setCart(cart: CartRef | undefined): Promise<void>;
  /** Tell the kit the shopper signed in (or out, with undefined). */
  setCustomerToken(token: string | undefined): Promise<void>;
  /** Track a page view by hand; route changes are tracked already. */
  trackPage(name?: string): void;
}

declare global {
  interface Window {
    /** The script tag's kit, once it started (see also the `ct-friendbuy:ready` event). */
    ctFriendbuy?: CtFriendbuy;
    /** Set before the script tag loads to add what data-* attributes cannot say (`getCart`, …). */
    ctFriendbuyOptions?: Partial<InitOptions>;
  }
}
