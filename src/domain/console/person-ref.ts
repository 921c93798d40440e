// How the console names a person: by the key the ledger knows them by (`customer:<id>`, `email:<hash>`), with
// their name and email as commercetools has them right now, shown in full only to operators allowed to see
// personal data and masked (`a•••@example.com`) for everyone else. Nothing personal is stored to build it.

export interface PersonRef {
  /** As the ledger names them: `customer:<id>` or `email:<keyed hash>`. */
  key: string;
  customerId: string | null;
  /** A full name or email for operators who may see them; masked, or a neutral label, for everyone else. */
  displayName: string;
  /** Null unless the operator may see personal data and commercetools knows the email. */
  email: string | null;
}

/** What commercetools says about the person right now (read live, never cached). */
export interface PersonFound {
  customerId?: string | undefined;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

const MASK = '•••';

/**
 * The email with its mailbox hidden but the domain kept.
 * @example maskEmail('anna.advocate@example.com') // 'a•••@example.com'
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return MASK;
  return `${email[0]}${MASK}${email.slice(at)}`;
}

/** A short, non-personal label for a key: `customer 8400ee25…`, `email a38df8c1…`. */
export function keyLabel(key: string): string {
  const [kind, value = ''] = splitPersonKey(key);
  const short = value.length > 8 ? `${value.slice(0, 8)}…` : value;
  return kind === 'customer' ? `customer ${short}` : `email ${short}`;
}

export function splitPersonKey(key: string): ['customer' | 'email', string] {
  if (key.startsWith('customer:')) return ['customer', key.slice('customer:'.length)];
  if (key.startsWith('email:')) return ['email', key.slice('email:'.length)];
  return ['customer', key];
}

/** `customer:<id>` for a bare customer id; keys pass through. */
export function personKeyOf(value: string): string {
  return value.startsWith('customer:') || value.startsWith('email:') ? value : `customer:${value}`;
}

/**
 * The person as one operator may see them.
 * @example personRef('customer:c1', { customerId: 'c1', email: 'anna@example.com', firstName: 'Anna' }, false)
 * // { key: 'customer:c1', customerId: 'c1', displayName: 'a•••@example.com', email: null }
 */
export function personRef(key: string, found: PersonFound | undefined, seesPersonalData: boolean): PersonRef {
  const [kind, value] = splitPersonKey(key);
  const customerId = found?.customerId ?? (kind === 'customer' ? value : null);
  const name = [found?.firstName, found?.lastName].filter((part) => part?.trim()).join(' ');
  const email = found?.email;
  let displayName: string;
  if (!email && !name) displayName = `${keyLabel(key)} (not found in commercetools)`;
  else if (seesPersonalData) displayName = name && email ? `${name} (${email})` : name || email!;
  else displayName = email ? maskEmail(email) : `${name[0]}${MASK}`;
  return { key, customerId, displayName, email: seesPersonalData ? (email ?? null) : null };
}

/**
 * The key of a friend account as the fraud check records it: a commercetools customer id, else (a guest) the
 * keyed email hash, which is 64 hex digits.
 */
export function friendKeyOf(account: string): string {
  return /^[0-9a-f]{64}$/.test(account) ? `email:${account}` : `customer:${account}`;
}
