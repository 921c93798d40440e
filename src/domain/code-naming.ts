// How codes are spelled: generated code-bank codes, the case variants commercetools must be searched for, and
// the CSV a Friendbuy code bank takes.
import { createHash } from 'node:crypto';
import { normaliseCode } from './identity.js';

// No 0/O or 1/I: shoppers read these codes from emails and type them. 32 symbols, so a byte maps without bias.
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A code-bank code: the campaign prefix plus `length` symbols picked by `randomBytes` (at least `length` bytes).
 * Lowercase, in commercetools too: Friendbuy lowercases code-bank codes (friendbuy-api.md §5) and hands them
 * to shoppers that way, while commercetools matches codes case-sensitively, so only a lowercase code works.
 * @example generatedCode('US-', 4, Uint8Array.from([0, 1, 2, 31])) // 'us-abc9'
 */
export function generatedCode(prefix: string, length: number, randomBytes: Uint8Array): string {
  if (randomBytes.length < length) throw new RangeError(`need ${length} random bytes`);
  let random = '';
  for (let i = 0; i < length; i++) random += CODE_ALPHABET[(randomBytes[i] ?? 0) % CODE_ALPHABET.length];
  return `${prefix}${random}`.toLowerCase();
}

/** A replacement code derived from a seed (reward + order), so a retried reissue asks for the same code. */
export function derivedCode(prefix: string, length: number, seed: string): string {
  return generatedCode(prefix, length, createHash('sha256').update(seed).digest());
}

/**
 * The spellings to look for in commercetools, whose code lookup is case-sensitive: the code as given, lower
 * and upper case. A mixed-case variant (`Friend10` against `fRIEND10`) cannot be found by a query.
 */
export function commercetoolsVariants(code: string): string[] {
  const trimmed = code.trim();
  return [...new Set([trimmed, normaliseCode(trimmed), trimmed.toUpperCase()])];
}

/**
 * A Friendbuy code-bank upload: no header, one code per line, lowercase (Friendbuy lowercases them anyway).
 * @example toCodeBankCsv(['US-ABC9']) // 'us-abc9\n'
 */
export function toCodeBankCsv(codes: readonly string[]): string {
  for (const code of codes) {
    if (/[",\r\n]/.test(code)) throw new RangeError(`code "${code}" cannot be written as one CSV cell`);
  }
  return codes.map((code) => `${normaliseCode(code)}\n`).join('');
}
