// Parsers for configuration values: each turns the raw text of one environment variable into a typed value or a
// problem, and says in a few words what it accepts (the configuration reference prints that).
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

export type Parsed<T> = { value: T } | { problem: string };
const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = (problem: string): { problem: string } => ({ problem });

export interface Parser<T> {
  /** The text after the variable's name in a problem, e.g. `must be true or false (got "maybe")`. */
  parse(raw: string): Parsed<T>;
  /** What the variable accepts, for the configuration reference. */
  accepts: string;
}

const got = (raw: string) => `(got "${raw}")`;
const parser = <T>(accepts: string, parse: (raw: string) => Parsed<T>): Parser<T> => ({ accepts, parse });

/** Any text. A secret's value is never echoed in a problem. */
export const text = parser('text', (raw) => ok(raw));

export const secret = (minLength = 1) =>
  parser(minLength > 1 ? `text, at least ${minLength} characters` : 'text', (raw) =>
    raw.length >= minLength ? ok(raw) : fail(`must be at least ${minLength} characters`),
  );

export const wholeNumber = (min: number, max: number) =>
  parser(`whole number, ${min}–${max}`, (raw) => {
    const parsed = Number(raw);
    return Number.isInteger(parsed) && parsed >= min && parsed <= max
      ? ok(parsed)
      : fail(`must be a whole number from ${min} to ${max} ${got(raw)}`);
  });

/** A duration in milliseconds, at least a second. */
export const milliseconds = (max: number) => wholeNumber(1_000, max);

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

export const flag = parser('`true` or `false`', (raw) => {
  const lower = raw.toLowerCase();
  if (TRUE.includes(lower)) return ok(true);
  if (FALSE.includes(lower)) return ok(false);
  return fail(`must be true or false ${got(raw)}`);
});

export const oneOf = <const T extends string>(...choices: T[]) => {
  const listed = `${choices
    .slice(0, -1)
    .map((choice) => `"${choice}"`)
    .join(', ')} or "${choices.at(-1)}"`;
  return parser(choices.map((choice) => `\`${choice}\``).join(', '), (raw) =>
    (choices as string[]).includes(raw) ? ok(raw as T) : fail(`must be ${listed} ${got(raw)}`),
  );
};

function hasProtocol(raw: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

/** An absolute URL with one of `protocols` (e.g. `https:`), without its trailing slashes. */
export const url = (...protocols: string[]) => {
  const names = protocols.map((protocol) => protocol.replace(':', '')).join(' or ');
  return parser(`${names} URL`, (raw) =>
    hasProtocol(raw, protocols) ? ok(raw.replace(/\/+$/, '')) : fail(`must be a ${names} URL`),
  );
};

/** A script the storefront kit loads: an http(s) URL, or a path on the connector (relative to its URL). */
export const scriptUrl = (mustContain?: string) =>
  parser(mustContain ? `URL or path containing \`${mustContain}\`` : 'URL or path', (raw) => {
    if (mustContain && !raw.includes(mustContain)) return fail(`must contain ${mustContain}`);
    return raw.startsWith('/') || hasProtocol(raw, ['http:', 'https:'])
      ? ok(raw)
      : fail(`must be an http or https URL, or a path starting with / ${got(raw)}`);
  });

export const matching = (pattern: RegExp, accepts: string, problem: string) =>
  parser(accepts, (raw) => (pattern.test(raw) ? ok(raw) : fail(`${problem} ${got(raw)}`)));

export const uuid = parser('UUID', (raw) =>
  z.uuid().safeParse(raw).success
    ? ok(raw)
    : fail('must be the merchant UUID from the Friendbuy Retailer App'),
);

/** A regular expression, matched case-insensitively. */
export const caseInsensitivePattern = parser('regular expression (case-insensitive)', (raw) => {
  try {
    return ok(new RegExp(raw, 'i'));
  } catch {
    return fail(`must be a regular expression ${got(raw)}`);
  }
});

/** An RSA public key in PEM form; environment variables rarely hold newlines well, so `\n` escapes are accepted. */
export const rsaPublicKeyPem = parser('RSA public key (PEM, `\\n` escapes allowed)', (raw) => {
  const pem = raw.replaceAll('\\n', '\n');
  let isRsa: boolean;
  try {
    isRsa = createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    isRsa = false;
  }
  return isRsa ? ok(pem) : fail('must be an RSA public key in PEM form');
});

/** Items separated by `separator`, trimmed, empty ones dropped; `check` names the bad ones. */
export const list = (
  separator: string | RegExp,
  accepts: string,
  check?: { item: (item: string) => boolean; problem: (bad: string[]) => string },
  normalise: (item: string) => string = (item) => item,
) =>
  parser(accepts, (raw) => {
    const items = raw
      .split(separator)
      .map((item) => normalise(item.trim()))
      .filter(Boolean);
    const bad = check ? items.filter((item) => !check.item(item)) : [];
    return bad.length > 0 && check ? fail(check.problem(bad)) : ok(items);
  });

/** `key=value` pairs separated by commas; `entry` rejects a malformed pair by returning undefined. */
export const pairs = <R extends Partial<Record<string, string>>>(
  accepts: string,
  example: string,
  entry: (key: string, value: string) => [keyof R & string, string] | undefined,
  normalise: (part: string) => string = (part) => part,
) =>
  parser(accepts, (raw) => {
    const result: Partial<Record<string, string>> = {};
    const bad: string[] = [];
    for (const pair of raw.split(',').filter((part) => part.trim())) {
      const [key, value] = pair.split('=').map((part) => normalise(part.trim()));
      const parsed = key && value ? entry(key, value) : undefined;
      if (parsed) result[parsed[0]] = parsed[1];
      else bad.push(`"${pair}"`);
    }
    return bad.length > 0
      ? fail(`${bad.length > 1 ? 'entries' : 'entry'} ${bad.join(', ')} must look like ${example}`)
      : ok(result as R);
  });

/** Fastify's `trustProxy`: false, true (every hop), or the addresses/CIDRs of the proxies to believe. */
export const trustedProxies = parser('`true`, `false`, or proxy addresses/CIDRs, comma-separated', (raw) => {
  const lower = raw.toLowerCase();
  if (FALSE.includes(lower)) return ok<boolean | string>(false);
  return ok<boolean | string>(TRUE.includes(lower) ? true : raw);
});

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `90m`, `8h` or `1d`, in milliseconds, between `minMs` and `maxMs`. */
export const duration = (minMs: number, maxMs: number) =>
  parser('duration: minutes, hours or days (`90m`, `8h`, `1d`)', (raw) => {
    const match = /^(\d+)\s*([mhd])$/i.exec(raw);
    const ms = match ? Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]! : Number.NaN;
    return ms >= minMs && ms <= maxMs
      ? ok(ms)
      : fail(
          `must be a duration like 90m, 8h or 1d, from ${minMs / 60_000} minutes to ${maxMs / 86_400_000} days ${got(raw)}`,
        );
  });
