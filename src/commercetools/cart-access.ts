// Reads and writes of carts and customers for the storefront routes, in one place. SDK errors are re-thrown
// without the request they carried: a cart update holds the shopper's IP and user agent, which must not reach
// the logs through an error object.
import type { Cart, CartUpdateAction, Customer } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from './order-access.js';

const EXPAND_CODES = 'discountCodes[*].discountCode';

export interface CommercetoolsRejection {
  statusCode: number;
  code: string;
  message: string;
  /** e.g. `DoesNotExist` on a DiscountCodeNonApplicable error. */
  reason?: string | undefined;
}

/** A commercetools 4xx answer, with the first error's code and message (as the SDK throws it). */
export class CommercetoolsRequestError extends Error {
  override readonly name = 'CommercetoolsRequestError';
  constructor(readonly rejection: CommercetoolsRejection) {
    super(`commercetools answered ${rejection.statusCode} ${rejection.code}: ${rejection.message}`);
  }
}

/** The cart with its discount codes expanded (their `code` is what shoppers and Friendbuy know). */
export async function getCart(api: CommercetoolsApi, id: string): Promise<Cart | undefined> {
  return withoutRequest(
    async () =>
      (
        await api
          .carts()
          .withId({ ID: id })
          .get({ queryArgs: { expand: [EXPAND_CODES] } })
          .execute()
      ).body,
  );
}

export async function updateCart(
  api: CommercetoolsApi,
  cart: Cart,
  actions: CartUpdateAction[],
): Promise<Cart> {
  const updated = await withoutRequest(
    async () =>
      (
        await api
          .carts()
          .withId({ ID: cart.id })
          .post({ body: { version: cart.version, actions }, queryArgs: { expand: [EXPAND_CODES] } })
          .execute()
      ).body,
  );
  if (!updated)
    throw new CommercetoolsRequestError({ statusCode: 404, code: 'ResourceNotFound', message: 'cart' });
  return updated;
}

export async function getCustomer(api: CommercetoolsApi, id: string): Promise<Customer | undefined> {
  return withoutRequest(async () => (await api.customers().withId({ ID: id }).get().execute()).body);
}

/** Runs an SDK call: 404 → undefined, other 4xx → CommercetoolsRequestError, anything else → a plain Error. */
async function withoutRequest<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const e = error as {
      statusCode?: number;
      body?: { message?: string; errors?: { code?: string; message?: string; reason?: string }[] };
    };
    const statusCode = e.statusCode ?? 0;
    if (statusCode === 404) return undefined;
    const first = e.body?.errors?.[0];
    const rejection = {
      statusCode,
      code: first?.code ?? 'Unknown',
      message: first?.message ?? e.body?.message ?? (error as Error).message,
      reason: first?.reason,
    };
    // 409 stays recognisable for updateWithRetry, which reads `statusCode` and `body.errors[0].code`.
    if (statusCode === 409)
      throw Object.assign(new CommercetoolsRequestError(rejection), {
        statusCode,
        body: { errors: [first] },
      });
    if (statusCode >= 400 && statusCode < 500) throw new CommercetoolsRequestError(rejection);
    throw new Error(`commercetools call failed (${statusCode || 'no response'}): ${rejection.message}`);
  }
}

/**
 * Every cart matching `where`, page by page in id order (keyset paging: commercetools refuses offsets past
 * 10,000, and a person can have more carts than one page holds). `visit` sees each page before the next is read.
 */
export async function forEachCartPage(
  api: CommercetoolsApi,
  where: string,
  visit: (carts: Cart[]) => Promise<void>,
  pageSize = 500,
): Promise<number> {
  let afterId: string | undefined;
  let seen = 0;
  for (;;) {
    const page = (
      await api
        .carts()
        .get({
          queryArgs: {
            where: afterId ? [`(${where})`, 'id > :afterId'] : [where],
            ...(afterId && { 'var.afterId': afterId }),
            sort: ['id asc'],
            limit: pageSize,
            withTotal: false,
          },
        })
        .execute()
    ).body.results;
    if (page.length > 0) await visit(page);
    seen += page.length;
    if (page.length < pageSize) return seen;
    afterId = page.at(-1)?.id;
  }
}
