// Script-tag entry: `<script src="https://connector/storefront/ct-friendbuy.js" data-store="us"
// data-locale="en-US" async>`. Reads the tag, calls `init`, and exposes the kit as `window.ctFriendbuy` (and
// announces it with a `ct-friendbuy:ready` event, since the tag loads asynchronously). A shop may define
// `window.ctFriendbuyOptions` beforehand to add `getCart`, `getCustomerToken` and the like.
import { init } from './kit.js';

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const fromSrc = script?.src.replace(/\/storefront\/ct-friendbuy\.js([?#].*)?$/, '');
const storeKey = data.store || window.ctFriendbuyOptions?.storeKey;

if (!storeKey) {
  console.warn('[ct-friendbuy] the script tag has no data-store; Friendbuy stays off');
} else {
  const kit = init({
    connectorUrl: data.connectorUrl || fromSrc || location.origin,
    locale: data.locale,
    cart: data.cartId ? { id: data.cartId, anonymousId: data.anonymousId } : undefined,
    ...window.ctFriendbuyOptions,
    storeKey,
  });
  window.ctFriendbuy = kit;
  window.dispatchEvent(new CustomEvent('ct-friendbuy:ready', { detail: kit }));
}
