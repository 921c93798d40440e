// Levenshtein edit distance with a limit, for "similar email": comparing two addresses must stay cheap even
// when one is long, so the work is bounded by the limit and stops as soon as the limit is exceeded.

/**
 * The number of single-character insertions, deletions and substitutions that turn `a` into `b`, counted in
 * Unicode code points; or `limit + 1` as soon as it is certain to exceed `limit`. O(length × limit).
 * @example editDistance('jane.doe', 'jane.do3') // 1
 * @example editDistance('kitten', 'sitting', 1) // 2 (more than the limit)
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const over = Math.min(limit + 1, Math.max(s.length, t.length) + 1);
  if (Math.abs(s.length - t.length) >= over) return over;
  // Only cells within `band` of the diagonal can hold a distance under `over`.
  const band = Math.min(over, Math.max(s.length, t.length));
  let previous = Array.from({ length: t.length + 1 }, (_, j) => (j <= band ? j : over));
  for (let i = 1; i <= s.length; i++) {
    const current = new Array<number>(t.length + 1).fill(over);
    if (i <= band) current[0] = i;
    let rowMin = current[0] ?? over;
    for (let j = Math.max(1, i - band); j <= Math.min(t.length, i + band); j++) {
      const substitution = (previous[j - 1] ?? over) + (s[i - 1] === t[j - 1] ? 0 : 1);
      const cell = Math.min(substitution, (previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, over);
      current[j] = cell;
      rowMin = Math.min(rowMin, cell);
    }
    if (rowMin >= over) return over;
    previous = current;
  }
  return Math.min(previous[t.length] ?? over, over);
}
