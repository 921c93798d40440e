// The demo shop's HTML. Deliberately plain: what matters is the kit's script tag, exactly as a merchant adds it.
import type { SANDBOX_MARKETS } from '../commercetools/seed.js';

type Market = (typeof SANDBOX_MARKETS)[keyof typeof SANDBOX_MARKETS];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function demoStorePage(projectKey: string, market: Market): string {
  const m = {
    projectKey: escapeHtml(projectKey),
    storeKey: escapeHtml(market.storeKey),
    locale: escapeHtml(market.locale),
    currency: escapeHtml(market.currency),
    country: escapeHtml(market.country),
  };
  return `<!doctype html>
<html lang="${m.locale}">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>ct-friendbuy demo shop (sandbox) — store ${m.storeKey}</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem 4rem; }
    nav a { margin-right: 1rem; } dt { font-weight: 600; } section { margin: 1.5rem 0; }
    .note { color: #555; font-size: 13px; } pre { background: #f4f4f4; padding: .5rem; overflow: auto; }
  </style>
</head>
<body data-project-key="${m.projectKey}" data-store-key="${m.storeKey}" data-locale="${m.locale}"
      data-currency="${m.currency}" data-country="${m.country}">
  <h1>Demo shop <small>(sandbox, store “${m.storeKey}”)</small></h1>
  <p class="note">commercetools and Friendbuy are emulated. Follow a referral link such as
    <code>/sandbox/friendbuy/r/anna?store=${m.storeKey}</code> to land here as a referred friend.
    Stores: <a href="?store=us">us</a> · <a href="?store=eu">eu</a></p>
  <nav><a href="/sandbox/store?store=${m.storeKey}" data-route>Products</a>
    <a href="/sandbox/store/cart?store=${m.storeKey}" data-route>Cart</a></nav>

  <section id="products-view"><h2>Products</h2><ul id="products"></ul></section>

  <section id="cart" hidden>
    <h2>Cart</h2>
    <dl>
      <dt>Items</dt><dd id="cart-items">empty</dd>
      <dt>Total</dt><dd id="cart-total">—</dd>
      <dt>Discount codes</dt><dd id="cart-codes">—</dd>
      <dt>Friendbuy attribution id</dt><dd id="cart-attribution">—</dd>
      <dt>Referral code</dt><dd id="cart-referral-code">—</dd>
    </dl>
    <form id="order-form">
      <label>Email <input id="email" type="email" required value="friend-${Date.now()}@example.com"></label>
      <button id="place-order">Place order</button>
    </form>
  </section>

  <section id="order" hidden>
    <h2>Order <span id="order-number"></span></h2>
    <p>What the emulated Friendbuy received:</p><pre id="order-friendbuy"></pre>
  </section>

  <section>
    <h2>Account</h2>
    <p id="signed-in" class="note">not signed in</p>
    <form id="signin-form">
      <input id="signin-email" type="email" placeholder="email" required>
      <input id="signin-password" type="password" placeholder="password" required>
      <button>Sign up / sign in</button>
    </form>
  </section>

  <script src="/sandbox/store/demo.js"></script>
  <!-- The kit, as a merchant adds it: -->
  <script src="/storefront/ct-friendbuy.js" data-store="${m.storeKey}" data-locale="${m.locale}" async></script>
</body>
</html>
`;
}
