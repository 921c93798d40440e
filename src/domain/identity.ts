// Identifiers normalised in one place: emails, codes, keyed hashes of compared-only values, and the customer id
// we give Friendbuy (the commercetools id, or a stable pseudonym for guests).
import { createHmac } from 'node:crypto';

export interface EmailRules {
  /** Domains whose mailboxes ignore dots in the local part. */
  dotInsensitiveDomains?: readonly string[];
  /** Domains where `local+tag@` delivers to `local@`. */
  plusTagDomains?: readonly string[];
  /** Domains that are the same mailbox under another name, e.g. `googlemail.com` → `gmail.com`. */
  domainAliases?: Readonly<Record<string, string>>;
}

export const DEFAULT_EMAIL_RULES: Required<EmailRules> = {
  dotInsensitiveDomains: ['gmail.com'],
  // yahoo.com is left out on purpose: it uses `-` for disposable addresses, and `+` is a real character there.
  plusTagDomains: [
    'gmail.com',
    'outlook.com',
    'hotmail.com',
    'live.com',
    'icloud.com',
    'fastmail.com',
    'protonmail.com',
    'proton.me',
  ],
  domainAliases: { 'googlemail.com': 'gmail.com' },
};

// Deliberately loose: one `@`, no whitespace, a dot in the domain. Deliverability is not ours to judge.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/**
 * The mailbox an email address delivers to, so that one person is one identity; undefined if not an email.
 * Each rule replaces its default when given.
 * @example normaliseEmail(' Jane.Doe+fb@GoogleMail.com ') // 'janedoe@gmail.com'
 */
export function normaliseEmail(email: string, options: EmailRules = {}): string | undefined {
  const aliases = options.domainAliases ?? DEFAULT_EMAIL_RULES.domainAliases;
  const plusTagDomains = options.plusTagDomains ?? DEFAULT_EMAIL_RULES.plusTagDomains;
  const dotInsensitiveDomains = options.dotInsensitiveDomains ?? DEFAULT_EMAIL_RULES.dotInsensitiveDomains;
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL_SHAPE.test(trimmed)) return undefined;
  const at = trimmed.lastIndexOf('@');
  let local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1);
  const domain = Object.hasOwn(aliases, rawDomain) ? (aliases[rawDomain] ?? rawDomain) : rawDomain;
  if (plusTagDomains.includes(domain)) local = local.split('+')[0] ?? '';
  if (dotInsensitiveDomains.includes(domain)) local = local.replaceAll('.', '');
  return local ? `${local}@${domain}` : undefined;
}

function hmacHex(key: string, value: string): string {
  // An empty key would make every pseudonym guessable from the email alone.
  if (!key) throw new RangeError('an HMAC key is required');
  return createHmac('sha256', key).update(value).digest('hex');
}

/** Stable pseudonymous Friendbuy customer id for a guest; pass an already normalised email. */
export function guestCustomerId(normalisedEmail: string, key: string): string {
  return `guest_${hmacHex(key, normalisedEmail).slice(0, 32)}`;
}

export type IdentifierKind = 'ip' | 'userAgent' | 'device' | 'session' | 'address' | 'payment';

// How each kind is tidied before hashing, so that equal values hash equal (IPv6 hex and addresses ignore case).
const TIDY: Record<IdentifierKind, (value: string) => string> = {
  ip: (value) => value.trim().toLowerCase(),
  userAgent: (value) => value.trim(),
  device: (value) => value.trim(),
  session: (value) => value.trim(),
  address: (value) => value.trim().toLowerCase().replace(/\s+/g, ' '),
  payment: (value) => value.trim(),
};

/**
 * Keyed hash (hex) of a value we only ever compare, so the raw value is never stored. The kind is part of the
 * hashed text: the same string as an ip and as a session id gives different hashes.
 */
export function hashIdentifier(kind: IdentifierKind, value: string, key: string): string {
  return hmacHex(key, `${kind}:${TIDY[kind](value)}`);
}

/**
 * Keyed hash of the mailbox an email delivers to: how emails are stored and compared (ledger, identity links,
 * referral codes). Undefined when it is not an email.
 * @example hashEmail('Jane.Doe+fb@gmail.com', key) === hashEmail('janedoe@gmail.com', key)
 */
export function hashEmail(email: string, key: string, rules?: EmailRules): string | undefined {
  const normalised = normaliseEmail(email, rules);
  return normalised === undefined ? undefined : hashIdentifier('address', `email:${normalised}`, key);
}

/**
 * The keyed hash of whatever a message says the email is: emails are only compared, so the ledger (which can
 * never be edited) keeps this, not the address. Undefined for a missing or non-text value.
 * @example emailHashOf(config, order.customerEmail)
 */
export function emailHashOf(
  keys: { hashKey: string; emailRules?: EmailRules | undefined },
  email: unknown,
): string | undefined {
  return typeof email === 'string' ? hashEmail(email, keys.hashKey, keys.emailRules) : undefined;
}

/** Friendbuy lowercases code-bank codes, so codes match case-insensitively. */
export function normaliseCode(code: string): string {
  return code.trim().toLowerCase();
}

/** The commercetools customer id, else a guest pseudonym from the normalised email, else undefined. */
export function friendbuyCustomerIdFor(
  person: { customerId?: string | undefined; email?: string | undefined },
  key: string,
  emailRules?: EmailRules,
): string | undefined {
  const customerId = person.customerId?.trim();
  if (customerId) return customerId;
  const email = person.email === undefined ? undefined : normaliseEmail(person.email, emailRules);
  return email === undefined ? undefined : guestCustomerId(email, key);
}
