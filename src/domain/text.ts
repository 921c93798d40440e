// Custom fields and webhook bodies hold `unknown`: one way to read "a text that says something" from them.

/**
 * The trimmed text, or undefined for anything else (not a string, empty, only spaces).
 * @example nonEmptyText('  abc ') // 'abc'
 * @example nonEmptyText(42) // undefined
 */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
