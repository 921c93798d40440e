// Friendbuy's signature: Base64 HMAC-SHA256 of the request body with the account Secret Key, sent as
// `X-Friendbuy-Hmac-SHA256` on webhooks, the reward validation callback and visitor status (friendbuy-api.md §3.3).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-friendbuy-hmac-sha256';

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
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 128) return false;
  const expected = Buffer.from(signBody(body, secretKey), 'base64');
  const given = Buffer.from(signature.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
