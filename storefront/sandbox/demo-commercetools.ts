// SANDBOX ONLY: the demo shop's calls to the sandbox commercetools API, as a storefront (or its backend) makes
// them: an anonymous session token, product projections, an in-store cart with the session's anonymous id,
// an order from the cart, and a customer sign-in with the password flow.

export interface Session {
  token: string;
  anonymousId: string;
  cartId?: string | undefined;
  customerToken?: string | undefined;
  email?: string | undefined;
}

export interface DemoCart {
  id: string;
  version: number;
  anonymousId?: string;
  lineItems: { id: string; name: Record<string, string>; quantity: number; variant: { sku?: string } }[];
  totalPrice: { centAmount: number; currencyCode: string };
  discountCodes: { discountCode: { obj?: { code: string } }; state?: string }[];
  custom?: { fields: Record<string, unknown> };
}

export interface Market {
  projectKey: string;
  storeKey: string;
  locale: string;
  currency: string;
  country: string;
}

const CT = '/sandbox/commercetools';
const AUTH = `Basic ${btoa('demo-store:demo-store')}`;
const EXPAND = 'expand=discountCodes%5B*%5D.discountCode';

async function json<T>(response: Response): Promise<T> {
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || `commercetools answered ${response.status}`);
  return body as T;
}

export async function anonymousSession(projectKey: string): Promise<Session> {
  const url = `${CT}/oauth/${projectKey}/anonymous/token?grant_type=client_credentials`;
  const token = await json<{ access_token: string; scope: string }>(
    await fetch(url, { method: 'POST', headers: { authorization: AUTH } }),
  );
  const anonymousId = /anonymous_id:(\S+)/.exec(token.scope)?.[1] || crypto.randomUUID();
  return { token: token.access_token, anonymousId };
}

export function createShop(market: Market, session: () => Session) {
  const { projectKey, storeKey } = market;
  const call = <T>(path: string, body?: unknown) =>
    fetch(`${CT}/${projectKey}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${session().token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => json<T>(response));
  const carts = `/in-store/key=${storeKey}/carts`;
  const update = (cart: DemoCart, actions: unknown[]) =>
    call<DemoCart>(`${carts}/${cart.id}?${EXPAND}`, { version: cart.version, actions });

  return {
    products: () =>
      call<{ results: ProductProjection[] }>('/product-projections?limit=20').then((r) => r.results),
    cart: (id: string) => call<DemoCart>(`${carts}/${id}?${EXPAND}`),
    createCart: (sku: string) =>
      call<DemoCart>(`${carts}?${EXPAND}`, {
        currency: market.currency,
        country: market.country,
        locale: market.locale,
        anonymousId: session().anonymousId,
        shippingAddress: { country: market.country, firstName: 'Demo', lastName: 'Friend' },
        lineItems: [{ sku, quantity: 1 }],
      }),
    addItem: (cart: DemoCart, sku: string) => update(cart, [{ action: 'addLineItem', sku, quantity: 1 }]),
    placeOrder: async (cart: DemoCart, email: string) => {
      const withEmail = await update(cart, [{ action: 'setCustomerEmail', email }]);
      return call<{ id: string; orderNumber?: string }>(`/in-store/key=${storeKey}/orders`, {
        cart: { typeId: 'cart', id: withEmail.id },
        version: withEmail.version,
      });
    },
    /** Signs up (if new) and signs in; returns the customer's access token. */
    signIn: async (email: string, password: string) => {
      await fetch(`${CT}/${projectKey}/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session().token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      }); // an existing account answers 400 DuplicateField: sign in anyway
      const form = new URLSearchParams({ grant_type: 'password', username: email, password });
      const token = await json<{ access_token: string }>(
        await fetch(`${CT}/oauth/${projectKey}/customers/token`, {
          method: 'POST',
          headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        }),
      );
      return token.access_token;
    },
  };
}

export interface ProductProjection {
  key?: string;
  name: Record<string, string>;
  masterVariant: { sku?: string; prices?: { value: { centAmount: number; currencyCode: string } }[] };
}
