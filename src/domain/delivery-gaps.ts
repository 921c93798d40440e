// When deliveries may have been lost, and which window to reconcile for it: a Subscription that was not Healthy
// (from the last time it was seen healthy until it is again), or a hole in a resource's message sequence numbers
// that did not fill within the hour. Pure: the gap check (flows/reconciliation/detect-gaps.ts) reads and acts.
import { DAY_MS, HOUR_MS } from './durations.js';

/** What the check remembers between runs about the Subscription's health. */
export interface HealthMemory {
  lastHealthyAt?: string | undefined;
  unhealthySince?: string | undefined;
}

export interface Window {
  from: Date;
  to: Date;
}

/**
 * The memory after seeing `status` now, and the window to reconcile once an unhealthy spell is over (from the
 * last time it was seen healthy, less an hour for messages already in flight, until now).
 * @example observeSubscriptionHealth({ unhealthySince: '…T10:00Z', lastHealthyAt: '…T09:45Z' }, 'Healthy', now)
 *   // { memory: { lastHealthyAt: now }, reconcile: { from: …T08:45Z, to: now } }
 */
export function observeSubscriptionHealth(
  memory: HealthMemory,
  status: string,
  now: Date,
): { memory: HealthMemory; reconcile?: Window | undefined } {
  if (status !== 'Healthy') {
    const since = memory.unhealthySince ?? memory.lastHealthyAt ?? now.toISOString();
    return { memory: { ...memory, unhealthySince: since } };
  }
  const memoryNow = { lastHealthyAt: now.toISOString() };
  if (!memory.unhealthySince) return { memory: memoryNow };
  const from = new Date(new Date(memory.unhealthySince).getTime() - HOUR_MS);
  return { memory: memoryNow, reconcile: { from, to: now } };
}

/**
 * The window a sequence hole calls for: around the messages on either side; a leading hole (the order's first
 * message missing) reaches a day back, as the order may have been placed well before its next message.
 */
export function holeWindow(hole: { before: Date | null; after: Date }): Window {
  const from = hole.before ? hole.before.getTime() - HOUR_MS : hole.after.getTime() - DAY_MS;
  return { from: new Date(from), to: new Date(hole.after.getTime() + HOUR_MS) };
}

/** Overlapping windows as one, widened to whole hours so that repeated checks name the same windows. */
export function mergeWindows(windows: readonly Window[]): Window[] {
  const hours = windows
    .map((w) => ({
      from: Math.floor(w.from.getTime() / HOUR_MS) * HOUR_MS,
      to: Math.ceil(w.to.getTime() / HOUR_MS) * HOUR_MS,
    }))
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const window of hours) {
    const last = merged.at(-1);
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else merged.push({ ...window });
  }
  return merged.map((w) => ({ from: new Date(w.from), to: new Date(w.to) }));
}
