// How the console writes numbers, money and times: integer minor units to a localized amount in one place,
// times as dates and as "in 3 hours" / "2 days ago".
import type { Money } from './api-types';

const LOCALE = 'en';

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const amount = money.centAmount / 10 ** money.fractionDigits;
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: money.currencyCode,
      minimumFractionDigits: money.fractionDigits,
      maximumFractionDigits: money.fractionDigits,
    }).format(amount);
  } catch {
    return `${amount.toFixed(money.fractionDigits)} ${money.currencyCode}`;
  }
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(LOCALE).format(value);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 5 hours", "3 days ago"; `now` is the browser's clock, which is all a relative label needs. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  const at = iso ? new Date(iso).getTime() : Number.NaN;
  // A missing or unreadable time reads as unknown rather than taking the page down.
  if (!Number.isFinite(at)) return '—';
  const delta = at - now;
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(delta) >= size || unit === 'minute') return format.format(Math.round(delta / size), unit);
  return format.format(0, 'minute');
}

/** A camelCase signal or event name in words: `repeatedAccounts` → "Repeated accounts". */
export function humanize(name: string): string {
  const words = name
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
