// Throwaway mailboxes: friends signing up with a disposable address are rarely real new customers.
import { DEFAULT_DISPOSABLE_DOMAINS } from './disposable-domains.js';
import type { SignalResult } from './signal.js';

export interface DisposableEmailSettings {
  /** Domains to treat as disposable besides the default list. */
  add: readonly string[];
  /** Default-list domains the merchant accepts (e.g. one their customers really use). */
  remove: readonly string[];
}

export interface DisposableEmailEvidence {
  /** The listed domain the address is at (or under). */
  domain?: string;
  listedBy?: 'default' | 'campaign';
}

const DEFAULTS = new Set(DEFAULT_DISPOSABLE_DOMAINS);

/**
 * The email's domain, or a parent domain of it, is on the default list (less `remove`) or on `add`.
 * @example evaluateDisposableEmail({ email: 'x@mail.yopmail.com' }, { add: [], remove: [] }).fired // true
 */
export function evaluateDisposableEmail(
  input: { email?: string | undefined },
  settings: DisposableEmailSettings,
): SignalResult<DisposableEmailEvidence> {
  const email = input.email?.trim().toLowerCase() ?? '';
  const host = email.slice(email.lastIndexOf('@') + 1);
  for (const domain of email.includes('@') ? parentDomains(host) : []) {
    const listedBy = settings.add.some((added) => added.toLowerCase() === domain)
      ? 'campaign'
      : DEFAULTS.has(domain) && !settings.remove.some((removed) => removed.toLowerCase() === domain)
        ? 'default'
        : undefined;
    if (listedBy) return { signal: 'disposableEmail', fired: true, evidence: { domain, listedBy } };
  }
  return { signal: 'disposableEmail', fired: false, evidence: {} };
}

/** `a.b.example.com` → `a.b.example.com`, `b.example.com`, `example.com` (never the bare top-level domain). */
function parentDomains(host: string): string[] {
  const labels = host.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}
