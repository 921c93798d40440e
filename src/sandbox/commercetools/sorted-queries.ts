// commercetools sorts a query's results by its `sort` parameters before it pages them; commercetools-mock 4.4
// drops `sort` on most resources (carts, customers, discount codes…) and pages in insertion order. Keyset
// paging (`id > :last` with `sort=id asc`) then skips and repeats resources, so the sandbox applies the sort
// itself: it asks the mock for the whole result, sorts it as commercetools would, and cuts the page.

/** The widest page the sandbox reads to sort; a sandbox project holds far fewer resources of one kind. */
const WHOLE_RESULT = 100_000;

export interface PagedResult {
  limit: number;
  offset: number;
  count: number;
  total?: number;
  results: Record<string, unknown>[];
}

/** The query's `sort` clauses (`path [asc|desc]`), or none when it has no sort. */
export function sortClausesOf(url: string): { path: string[]; descending: boolean }[] {
  const query = new URL(url, 'http://sandbox').searchParams;
  return query.getAll('sort').flatMap((clause) => {
    const [field, direction] = clause.trim().split(/\s+/);
    return field ? [{ path: field.split('.'), descending: direction?.toLowerCase() === 'desc' }] : [];
  });
}

/** The same query without paging, for the whole result. */
export function wholeResultUrl(url: string): string {
  const parsed = new URL(url, 'http://sandbox');
  parsed.searchParams.delete('offset');
  parsed.searchParams.set('limit', String(WHOLE_RESULT));
  return `${parsed.pathname}${parsed.search}`;
}

/** The page commercetools would answer: the whole result sorted, then `offset` and `limit` applied. */
export function sortedPage(url: string, whole: PagedResult): PagedResult {
  const query = new URL(url, 'http://sandbox').searchParams;
  const limit = Number(query.get('limit') ?? 20);
  const offset = Number(query.get('offset') ?? 0);
  const clauses = sortClausesOf(url);
  const sorted = [...whole.results].sort((left, right) => {
    for (const { path, descending } of clauses) {
      const order = compare(valueAt(left, path), valueAt(right, path));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
  const results = sorted.slice(offset, offset + limit);
  const withTotal = query.get('withTotal') !== 'false';
  return {
    limit,
    offset,
    count: results.length,
    ...(withTotal && { total: sorted.length }),
    results,
  };
}

function valueAt(resource: unknown, path: readonly string[]): unknown {
  let current = resource;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

// Missing values sort last, as commercetools sorts them ascending.
function compare(left: unknown, right: unknown): number {
  if (left === undefined || left === null) return right === undefined || right === null ? 0 : 1;
  if (right === undefined || right === null) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  const a = String(left);
  const b = String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}
