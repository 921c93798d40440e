// Writes what a landing brought onto the shopper's cart through the connector, once a cart exists: the
// attribution (once per cart and evidence) and the friend's coupon. Bad evidence is dropped; a connector that
// cannot be reached leaves everything pending for the next try.
import { type ConnectorApi, ConnectorError } from './connector-api.js';
import { loadPending, type Pending, sentKey, updatePending } from './landing.js';
import type { CartRef } from './types.js';

export const warn = (...args: unknown[]) => console.warn('[ct-friendbuy]', ...args);
const emit = (name: string, detail: unknown) =>
  window.dispatchEvent(new CustomEvent(`ct-friendbuy:${name}`, { detail }));

export interface CartWriterOptions {
  cart: () => Promise<CartRef | undefined>;
  customerToken: () => string | undefined;
}

/** Returns `flush`: one at a time, in call order, each re-reading what is pending. */
export function createCartWriter(api: ConnectorApi, options: CartWriterOptions): () => Promise<void> {
  let flushing: Promise<void> = Promise.resolve();

  async function flushNow(): Promise<void> {
    const target = await options.cart();
    if (!target?.id) return;
    const pending = loadPending();
    const evidence = pending.fbuy || pending.referralCode || pending.visitorStatus;
    if (evidence && sentKey(target.id, pending) !== pending.sent) await postAttribution(target, pending);
    const coupon = loadPending().coupon;
    if (coupon) await postCoupon(target, coupon);
  }

  async function postAttribution(cart: CartRef, pending: Pending): Promise<void> {
    const { fbuy, referralCode, visitorStatus, landedAt } = pending;
    const customerToken = options.customerToken();
    try {
      const result = await api.attribution({
        cart,
        customerToken,
        fbuy,
        referralCode,
        visitorStatus,
        landedAt,
      });
      updatePending({ sent: sentKey(cart.id, pending) });
      emit('attribution', result);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.status >= 500)
        return warn('attribution not saved yet', error);
      warn('attribution refused:', error.message);
      // Bad evidence is dropped; for a cart we may not write to, the evidence is kept for the next cart.
      updatePending(
        error.status === 400
          ? { fbuy: undefined, referralCode: undefined, visitorStatus: undefined }
          : { sent: sentKey(cart.id, pending) },
      );
    }
  }

  async function postCoupon(cart: CartRef, code: string): Promise<void> {
    try {
      emit('coupon', await api.coupon({ cart, customerToken: options.customerToken(), code }));
      updatePending({ coupon: undefined });
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.status >= 500)
        return warn('coupon not applied yet', error);
      warn('coupon refused:', error.message);
      updatePending({ coupon: undefined });
    }
  }

  return () => {
    flushing = flushing.then(flushNow, flushNow);
    return flushing;
  };
}
