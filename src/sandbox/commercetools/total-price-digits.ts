// commercetools gives a cart's and an order's `totalPrice` its currency's minor-unit digits (USD 2, JPY 0);
// commercetools-mock 4.4 creates every cart with `fractionDigits: 0` and keeps it, so a $25.00 order reads as
// 2500 USD. The sandbox corrects the digits on what it answers and on the messages it derives from a write.
import { currencyFractionDigits } from '../../domain/money.js';

interface Priced {
  totalPrice?: { type?: string; currencyCode?: string; fractionDigits?: number };
}

/** The cart or order (or a query page of them) with `totalPrice` in its currency's digits; changed in place. */
export function withCurrencyDigits<T>(body: T): T {
  const page = body as { results?: unknown };
  const resources = Array.isArray(page?.results) ? page.results : [body];
  for (const resource of resources) fix(resource as Priced);
  return body;
}

function fix(resource: Priced | undefined): void {
  const total = resource?.totalPrice;
  if (total?.type !== 'centPrecision' || typeof total.currencyCode !== 'string') return;
  total.fractionDigits = currencyFractionDigits(total.currencyCode);
}

/** Whether a request path reads or writes carts or orders (`/{pk}[/in-store/key=…][/me]/carts|orders…`). */
export function isCartOrOrderPath(url: string, projectKey: string): boolean {
  const path = url.split('?')[0] ?? '';
  return new RegExp(`^/${projectKey}(/in-store/key=[^/]+)?(/me)?/(carts|orders)(/|$)`).test(path);
}
