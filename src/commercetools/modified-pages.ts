// Reads the orders or customers created in a window page by page in (lastModifiedAt, id) order, for backfills.
// Keyset paging rather than offsets: commercetools refuses offsets past 10,000, and a cursor survives a restart;
// a resource modified while the run reads moves behind the cursor and is read again, never skipped. withTotal=false
// spares commercetools counting on every page; the total is asked for once, for the progress bar.
import type { Customer, Order } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from './order-access.js';

export interface ModifiedPageQuery {
  resource: 'orders' | 'customers';
  /** Created at or after `since` and strictly before `until`. */
  since: Date;
  until: Date;
  storeKey?: string | undefined;
  /** Continue after this (lastModifiedAt, id). */
  after?: { lastModifiedAt: string; id: string } | undefined;
  limit: number;
}

type Resource = Order | Customer;

function whereOf(query: Omit<ModifiedPageQuery, 'limit'>): { where: string[]; vars: Record<string, string> } {
  const where = ['createdAt >= :since and createdAt < :until'];
  const vars: Record<string, string> = {
    'var.since': query.since.toISOString(),
    'var.until': query.until.toISOString(),
  };
  if (query.after) {
    where.push('(lastModifiedAt > :afterAt or (lastModifiedAt = :afterAt and id > :afterId))');
    vars['var.afterAt'] = query.after.lastModifiedAt;
    vars['var.afterId'] = query.after.id;
  }
  if (query.storeKey) {
    where.push(query.resource === 'orders' ? 'store(key = :storeKey)' : 'stores(key = :storeKey)');
    vars['var.storeKey'] = query.storeKey;
  }
  return { where, vars };
}

function endpoint(api: CommercetoolsApi, resource: ModifiedPageQuery['resource']) {
  return resource === 'orders' ? api.orders() : api.customers();
}

/** One page, oldest modification first. */
export async function readModifiedPage<R extends Resource = Resource>(
  api: CommercetoolsApi,
  query: ModifiedPageQuery,
): Promise<R[]> {
  const { where, vars } = whereOf(query);
  const response = await endpoint(api, query.resource)
    .get({
      queryArgs: {
        where,
        ...vars,
        sort: ['lastModifiedAt asc', 'id asc'],
        limit: query.limit,
        // No expansions: an OrderCreated message carries the order as it is, and the purchase report reads
        // the order again with its discount codes anyway.
        withTotal: false,
      },
    })
    .execute();
  return response.body.results as R[];
}

/** How many resources the window holds (once per run, for progress). */
export async function countModified(
  api: CommercetoolsApi,
  query: Omit<ModifiedPageQuery, 'after' | 'limit'>,
): Promise<number> {
  const { where, vars } = whereOf(query);
  const response = await endpoint(api, query.resource)
    .get({ queryArgs: { where, ...vars, limit: 1, withTotal: true } })
    .execute();
  return response.body.total ?? response.body.count;
}
