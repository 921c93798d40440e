// SANDBOX ONLY: the demo shop at /sandbox/store. Plain DOM code around the real kit (loaded by its script tag):
// browse the seeded products, add to an anonymous cart, see the attribution and coupon the kit put on it, sign
// in, place the order, and see what the emulated Friendbuy received.
import type { CtFriendbuy } from '../types.js';
import {
  anonymousSession,
  createShop,
  type DemoCart,
  type Market,
  type Session,
} from './demo-commercetools.js';

const market = { ...document.body.dataset } as unknown as Market;
const SESSION = `ct-friendbuy-demo:${market.storeKey}`;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const money = (cents: number, currency: string) =>
  new Intl.NumberFormat(market.locale, { style: 'currency', currency }).format(cents / 100);

let session: Session = JSON.parse(localStorage.getItem(SESSION) || 'null');
const save = (change: Partial<Session>) => {
  session = { ...session, ...change };
  localStorage.setItem(SESSION, JSON.stringify(session));
};
const shop = createShop(market, () => session);
const cartRef = () =>
  session?.cartId ? { id: session.cartId, anonymousId: session.anonymousId } : undefined;

// Runs before the kit's async tag: the kit asks for the cart whenever it has something to write to it.
window.ctFriendbuyOptions = { getCart: cartRef, getCustomerToken: () => session?.customerToken };

const kit = () =>
  new Promise<CtFriendbuy>((resolve) => {
    if (window.ctFriendbuy) return resolve(window.ctFriendbuy);
    window.addEventListener('ct-friendbuy:ready', () => resolve(window.ctFriendbuy as CtFriendbuy), {
      once: true,
    });
  });

async function renderProducts(): Promise<void> {
  const list = $('products');
  list.replaceChildren();
  for (const product of await shop.products()) {
    const price = product.masterVariant.prices?.find((p) => p.value.currencyCode === market.currency);
    const item = document.createElement('li');
    item.textContent = `${product.name[market.locale]} — ${price ? money(price.value.centAmount, market.currency) : ''} `;
    const add = document.createElement('button');
    add.textContent = 'Add to cart';
    add.dataset.sku = product.masterVariant.sku;
    add.onclick = () => addToCart(product.masterVariant.sku || '');
    item.append(add);
    list.append(item);
  }
}

async function addToCart(sku: string): Promise<void> {
  const cart = session.cartId
    ? await shop.addItem(await shop.cart(session.cartId), sku)
    : await shop.createCart(sku);
  save({ cartId: cart.id });
  renderCart(cart);
  await (await kit()).setCart(cartRef());
  await refreshCart();
}

async function refreshCart(): Promise<void> {
  if (session?.cartId) renderCart(await shop.cart(session.cartId));
}

function renderCart(cart: DemoCart): void {
  const fields = cart.custom?.fields ?? {};
  $('cart-items').textContent =
    cart.lineItems.map((l) => `${l.quantity} × ${l.name[market.locale]}`).join(', ') || 'empty';
  $('cart-total').textContent = money(cart.totalPrice.centAmount, cart.totalPrice.currencyCode);
  $('cart-codes').textContent = cart.discountCodes.map((d) => d.discountCode.obj?.code).join(', ') || '—';
  $('cart-attribution').textContent = String(fields.friendbuyAttributionId ?? '—');
  $('cart-referral-code').textContent = String(fields.friendbuyReferralCode ?? '—');
  $('cart').dataset.cartId = cart.id;
}

async function placeOrder(event: Event): Promise<void> {
  event.preventDefault();
  if (!session.cartId) return;
  const email = ($('email') as HTMLInputElement).value;
  const order = await shop.placeOrder(await shop.cart(session.cartId), email);
  save({ cartId: undefined });
  const orderId = order.orderNumber || order.id;
  $('order').hidden = false;
  $('order-number').textContent = orderId;
  $('order-friendbuy').textContent = 'waiting for the connector to report the purchase…';
  for (let attempt = 0; attempt < 60; attempt++) {
    const { requests } = await (await fetch('/sandbox/friendbuy/requests?path=/v1/event/purchase')).json();
    const purchase = requests.find((r: { body: { orderId: string } }) => r.body?.orderId === orderId);
    if (purchase) {
      $('order-friendbuy').textContent = JSON.stringify(purchase.body, null, 2);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function signIn(event: Event): Promise<void> {
  event.preventDefault();
  const email = ($('signin-email') as HTMLInputElement).value;
  const token = await shop.signIn(email, ($('signin-password') as HTMLInputElement).value);
  save({ customerToken: token, email });
  $('signed-in').textContent = `signed in as ${email}`;
  await (await kit()).setCustomerToken(token);
}

function show(path: string): void {
  const onCart = path.endsWith('/cart');
  $('products-view').hidden = onCart;
  $('cart').hidden = !onCart;
}

function navigate(event: Event): void {
  const link = (event.target as HTMLElement).closest('a[data-route]') as HTMLAnchorElement | null;
  if (!link) return;
  event.preventDefault();
  history.pushState({}, '', link.href); // a single-page route change: the kit tracks it as a page view
  show(location.pathname);
  void refreshCart();
}

async function start(): Promise<void> {
  session ??= await anonymousSession(market.projectKey);
  save({});
  document.addEventListener('click', navigate);
  window.addEventListener('popstate', () => show(location.pathname));
  window.addEventListener('ct-friendbuy:attribution', () => void refreshCart());
  window.addEventListener('ct-friendbuy:coupon', () => void refreshCart());
  $('order-form').addEventListener('submit', (event) => void placeOrder(event));
  $('signin-form').addEventListener('submit', (event) => void signIn(event));
  if (session.email) $('signed-in').textContent = `signed in as ${session.email}`;
  show(location.pathname);
  await Promise.all([renderProducts(), refreshCart()]);
  document.body.dataset.ready = 'true';
}

void start();
