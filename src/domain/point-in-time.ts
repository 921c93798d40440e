// The instants an operator gives a backfill or a reconciliation: a date (`2026-01-31`, UTC midnight), a date
// and time with its offset, or a duration back from now (`7d`, `12h`, `30m`, `2w`, or ISO-8601 `P7D`).
import { parseIsoDuration } from './iso-duration.js';

const SHORT_DURATION = /^(\d+)([mhdw])$/;
const SHORT_UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant `text` names, relative to `now` for durations; undefined when it names none.
 * @example parsePointInTime('7d', new Date('2026-03-08T00:00:00Z')) // 2026-03-01T00:00:00Z
 * @example parsePointInTime('2026-03-01', now) // 2026-03-01T00:00:00Z
 */
export function parsePointInTime(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const short = SHORT_DURATION.exec(value);
  const ago = short ? Number(short[1]) * (SHORT_UNIT_MS[short[2]!] ?? 0) : parseIsoDuration(value);
  if (ago !== undefined) return new Date(now.getTime() - ago);
  if (!DATE_ONLY.test(value) && !DATE_TIME.test(value)) return undefined;
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
