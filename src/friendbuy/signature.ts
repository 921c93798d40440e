// Friendbuy's signature: Base64 HMAC-SHA256 of the request body with the account Secret Key, sent as
// `X-Friendbuy-Hmac-SHA256` on webhooks, the reward validation callback and visitor status (friendbuy-api.md §3.3).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-friendbuy-hmac-sha256';

/** 32 bytes in standard base64: 43 characters of the alphabet and one `=`. */
const CANONICAL_SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export function signBody(body: Buffer | string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(body).digest('base64');
}

/**
 * True when `signature` is the HMAC of exactly these bytes. The raw bytes are what count: a body parsed and
 * re-serialised may differ by a space and would not match. Compared in constant time.
 *
 * @example
 * verifySignature(request.rawBody, request.headers['x-friendbuy-hmac-sha256'], config.friendbuy.secretKey)
 */
export function verifySignature(body: Buffer | string, signature: unknown, secretKey: string): boolean {
  // Exactly one header value (Node joins repeated headers with a comma), in canonical base64 of 32 bytes:
  // Node's decoder would otherwise skip junk, accept base64url and stop at a second signature.
  if (typeof signature !== 'string' || !CANONICAL_SHA256_BASE64.test(signature)) return false;
  const given = Buffer.from(signature, 'base64');
  if (given.toString('base64') !== signature) return false;
  const expected = Buffer.from(signBody(body, secretKey), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
