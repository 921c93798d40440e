// Reads and writes of commercetools discount codes and cart discounts, in one place so flows stay declarative.
import type {
  CartDiscount,
  CartDiscountDraft,
  DiscountCode,
  DiscountCodeDraft,
} from '@commercetools/platform-sdk';
import { predicateString } from '../domain/code-predicates.js';
import type { CommercetoolsApi } from './order-access.js';
import { readOrUndefined } from './read-or-undefined.js';

// Keeps query strings well under commercetools' URL limits.
const PAGE = 50;

function errorCodes(error: unknown): string[] {
  const body = (error as { body?: { errors?: Array<{ code?: unknown }> } })?.body;
  return (body?.errors ?? []).map((e) => String(e.code));
}

/** commercetools' answer when a unique field (a code, a key, a sortOrder) is already taken. */
export function isDuplicateField(error: unknown): boolean {
  return errorCodes(error).includes('DuplicateField');
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += PAGE) result.push(items.slice(i, i + PAGE));
  return result;
}

/** Discount codes whose `code` is exactly one of `spellings` (commercetools compares case-sensitively). */
export async function findDiscountCodesSpelled(
  api: CommercetoolsApi,
  spellings: readonly string[],
  options: { expandCartDiscounts?: boolean } = {},
): Promise<DiscountCode[]> {
  const found: DiscountCode[] = [];
  for (const page of chunks([...new Set(spellings)])) {
    const response = await api
      .discountCodes()
      .get({
        queryArgs: {
          where: `code in (${page.map(predicateString).join(', ')})`,
          limit: page.length,
          withTotal: false,
          ...(options.expandCartDiscounts ? { expand: ['cartDiscounts[*]'] } : {}),
        },
      })
      .execute();
    found.push(...response.body.results);
  }
  return found;
}

/** Discount codes by id with their cart discounts expanded; missing ids are simply absent. */
export async function getDiscountCodesWithDiscounts(
  api: CommercetoolsApi,
  ids: readonly string[],
): Promise<DiscountCode[]> {
  const found: DiscountCode[] = [];
  for (const page of chunks(ids)) {
    const response = await api
      .discountCodes()
      .get({
        queryArgs: {
          where: `id in (${page.map(predicateString).join(', ')})`,
          limit: page.length,
          withTotal: false,
          expand: ['cartDiscounts[*]'],
        },
      })
      .execute();
    found.push(...response.body.results);
  }
  return found;
}

export async function getDiscountCode(api: CommercetoolsApi, id: string): Promise<DiscountCode | undefined> {
  return readOrUndefined(api.discountCodes().withId({ ID: id }).get());
}

export async function createDiscountCode(
  api: CommercetoolsApi,
  draft: DiscountCodeDraft,
): Promise<DiscountCode> {
  return (await api.discountCodes().post({ body: draft }).execute()).body;
}

export async function getCartDiscountByKey(
  api: CommercetoolsApi,
  key: string,
): Promise<CartDiscount | undefined> {
  return readOrUndefined(api.cartDiscounts().withKey({ key }).get());
}

export async function createCartDiscount(
  api: CommercetoolsApi,
  draft: CartDiscountDraft,
): Promise<CartDiscount> {
  return (await api.cartDiscounts().post({ body: draft }).execute()).body;
}

/** Active discount codes whose validity ended before `now`, in id order (page with `after`). */
export async function expiredActiveDiscountCodes(
  api: CommercetoolsApi,
  page: { now: Date; after?: string | undefined; limit: number },
): Promise<DiscountCode[]> {
  const response = await api
    .discountCodes()
    .get({
      queryArgs: {
        where: ['isActive = true and validUntil < :now', ...(page.after ? ['id > :after'] : [])],
        'var.now': page.now.toISOString(),
        ...(page.after ? { 'var.after': page.after } : {}),
        sort: 'id asc',
        limit: page.limit,
        withTotal: false,
      },
    })
    .execute();
  return response.body.results;
}
