// Friendbuy's `fbuy` landing token: a compact JWS signed RS256 whose payload is the colon-separated attribution
// string (friendbuy-api.md §4.5). We verify it ourselves with node:crypto: the format is three base64url parts.
import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import {
  type FbuyClaims,
  fbuyAgeProblem,
  formatFbuyPayload,
  parseFbuyPayload,
} from '../domain/attribution.js';

export type FbuyVerification = { ok: true; claims: FbuyClaims } | { ok: false; reason: string };

export interface FbuyVerifyOptions {
  now: Date;
  maxAgeSeconds: number;
  /** Merchants whose tokens we accept; a token issued for another merchant is refused. */
  merchantIds: readonly string[];
}

// Real tokens are a few hundred bytes; the cap keeps a hostile body from costing an RSA verify on megabytes.
const MAX_TOKEN_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Reads a PEM once, so verifications do not parse it again. */
export function fbuyPublicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

/**
 * Checks the signature, the algorithm, the payload's shape, its age and its merchant.
 *
 * @example
 * const result = verifyFbuyToken(query.fbuy, key, { now, maxAgeSeconds: 30 * 86400, merchantIds: [merchantId] });
 * if (result.ok) cart.attributionId = result.claims.attributionId;
 */
export function verifyFbuyToken(token: string, key: KeyObject, options: FbuyVerifyOptions): FbuyVerification {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'too long' };
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature || !parts.every((p) => BASE64URL.test(p)))
    return { ok: false, reason: 'not a compact JWS' };
  // The algorithm is fixed on our side: a token saying `none` or `HS256` must not choose how it is checked.
  if (readJson(header)?.alg !== 'RS256') return { ok: false, reason: 'not signed with RS256' };
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return { ok: false, reason: 'signature does not verify' };
  const claims = parseFbuyPayload(payloadText(payload));
  if (!claims) return { ok: false, reason: 'payload is not merchantId:profileId:globalId:attributionId:…' };
  const age = fbuyAgeProblem(claims.epoch, Math.floor(options.now.getTime() / 1000), options.maxAgeSeconds);
  if (age) return { ok: false, reason: age };
  if (!options.merchantIds.includes(claims.merchantId))
    return { ok: false, reason: 'issued for another Friendbuy merchant' };
  return { ok: true, claims };
}

/** Signs claims as Friendbuy does; used by the sandbox emulator and by tests. */
export function signFbuyToken(claims: FbuyClaims, privateKey: KeyObject): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(formatFbuyPayload(claims)).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The payload is documented as a bare string; tolerate it arriving as a JSON string too. */
function payloadText(part: string): string {
  const text = Buffer.from(part, 'base64url').toString('utf8');
  if (!text.startsWith('"')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

function readJson(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
