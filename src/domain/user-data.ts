// Reading Friendbuy's answer to GET /v1/user-data. Its shape is not documented (reference §2.3 only names the
// endpoint), so an erasure counts as done when the export holds nothing about the person any more: every list
// is empty and no field carries a value, or a status says the erasure finished.

const FINISHED = new Set(['done', 'complete', 'completed', 'finished', 'succeeded', 'success', 'erased']);

/**
 * @example userDataErased({ customers: [], events: [] }) // true
 * @example userDataErased({ customers: [{ email: 'a@x.com' }] }) // false
 */
export function userDataErased(answer: unknown): boolean {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return holdsNothing(answer);
  const record = answer as Record<string, unknown>;
  const status = record.status ?? record.state;
  if (typeof status === 'string' && FINISHED.has(status.toLowerCase())) return true;
  // Top-level fields that describe the request rather than the person do not count as data about them.
  return Object.entries(record)
    .filter(([key]) => !REQUEST_FIELDS.has(key))
    .every(([, value]) => holdsNothing(value));
}

const REQUEST_FIELDS = new Set(['status', 'state', 'jobId', 'erasureJobId', 'query', 'email', 'customerId']);

function holdsNothing(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.every(holdsNothing);
  if (typeof value === 'object') return Object.values(value).every(holdsNothing);
  return false;
}
