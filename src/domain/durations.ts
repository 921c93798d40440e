// Durations the policies are written in (hours, days), as milliseconds for Date arithmetic. Days are 24 h:
// windows are measured from an instant, not by a calendar.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** @example plusDays(new Date('2025-03-01T10:00:00Z'), 30) // 2025-03-31T10:00:00Z */
export function plusDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The earliest of the known dates; undefined when none is known. @example earliest([undefined, b, a]) // a when a < b */
export function earliest(dates: readonly (Date | undefined)[]): Date | undefined {
  return dates.reduce<Date | undefined>((a, b) => (!a || (b && b < a) ? b : a), undefined);
}

/** The latest of the known dates; undefined when none is known. @example latest([a, undefined]) // a */
export function latest(dates: readonly (Date | undefined)[]): Date | undefined {
  return dates.reduce<Date | undefined>((a, b) => (!a || (b && b > a) ? b : a), undefined);
}
