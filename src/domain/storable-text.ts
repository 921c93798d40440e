// What PostgreSQL cannot store, found before we try: a NUL character (text and jsonb refuse it, including the
// `\u0000` escape inside JSON text) and a lone UTF-16 surrogate (not valid UTF-8). A message carrying either
// would fail its whole group commit on every redelivery, so it is refused alone, up front, naming the field.
import { CodedError } from './coded-error.js';

export interface UnstorableField {
  /** Where, in the sender's terms: `resource.id`, `data[0].email`, `params.id`. */
  field: string;
  reason: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or undefined when it can. */
export function textProblem(text: string, maxLength?: number): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  if (maxLength !== undefined && text.length > maxLength) return `is longer than ${maxLength} characters`;
  return undefined;
}

/** Nested deeper than this, a payload is not a commercetools message or a Friendbuy webhook, and costs stack. */
export const MAX_DEPTH = 64;

/**
 * The first string (value or key) anywhere in `value` that cannot be stored. Walks without recursion, so a
 * hostile, deeply nested body cannot overflow the stack.
 *
 * @example
 * findUnstorable({ order: { id: 'a\u0000' } }) // { field: 'order.id', reason: 'contains a NUL character' }
 */
export function findUnstorable(value: unknown, root = ''): UnstorableField | undefined {
  // Nearly every body is storable: a first walk only answers yes or no, and the walk that names the field
  // (a path string and a record per node: most of the cost on a 3 kB order) runs only for the rare refusal.
  if (isStorable(value)) return undefined;
  return locateUnstorable(value, root);
}

function isStorable(value: unknown): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const next = values.pop();
    const depth = depths.pop()!;
    if (typeof next === 'string') {
      if (textProblem(next)) return false;
      continue;
    }
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(next)) {
      for (const item of next) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(next)) {
      if (textProblem(key)) return false;
      values.push((next as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return true;
}

function locateUnstorable(value: unknown, root: string): UnstorableField | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      const reason = textProblem(next.value);
      if (reason) return { field: shorten(next.path) || '(body)', reason };
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_DEPTH)
      return { field: shorten(next.path) || '(body)', reason: `is nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => {
        pending.push({ value: item, path: `${next.path}[${index}]`, depth: next.depth + 1 });
      });
      continue;
    }
    for (const [key, item] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      const reason = textProblem(key);
      if (reason) return { field: shorten(path), reason: `has a key that ${reason}` };
      pending.push({ value: item, path, depth: next.depth + 1 });
    }
  }
  return undefined;
}

/** A message the store can never record: refused alone with a 4xx, never retried, never failing its batch. */
export class UnstorableError extends CodedError<'Unstorable'> {
  override name = 'UnstorableError';
  constructor(readonly problem: UnstorableField) {
    super('Unstorable', `${problem.field} ${problem.reason}`);
  }
}

/** Throws UnstorableError for the first field of `value` that cannot be stored. */
export function assertStorable(value: unknown, root = ''): void {
  const problem = findUnstorable(value, root);
  if (problem) throw new UnstorableError(problem);
}

// Field paths come from the sender's keys, which may be long or hostile: keep the message readable.
function shorten(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
