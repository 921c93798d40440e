// ISO-8601 durations of fixed length (weeks, days, hours, minutes, seconds) as milliseconds. Years and months
// have no fixed length, so they are refused rather than guessed.

const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

/**
 * @example parseIsoDuration('P31D') // 2_678_400_000
 * @example parseIsoDuration('PT2H30M') // 9_000_000
 * @example parseIsoDuration('P1M') // undefined (months have no fixed length)
 */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const ms = match
    .slice(1)
    .reduce((sum, part, i) => sum + (part === undefined ? 0 : Number(part) * (UNIT_MS[i] ?? 0)), 0);
  return Number.isSafeInteger(Math.round(ms)) ? Math.round(ms) : undefined;
}
