// Friendbuy's visitor status (`getVisitorStatus`, §4.5): a payload and a Base64 HMAC-SHA256 signature with the
// account Secret Key. Which bytes Friendbuy signs is NOT documented, so we accept the two readings we know of:
//   1. the JSON text of the payload as the browser received it (the kit sends `payload` unchanged, and
//      JSON.parse keeps key order, so JSON.stringify here gives the browser's JSON.stringify back);
//   2. a `base64Payload` (a 2020 draft of the docs), signed as its base64 text or as its decoded bytes; the
//      payload is then read from it, not from `payload`.
// Anything else is refused: a status we cannot verify is never trusted.
import { verifySignature } from './signature.js';

export interface SignedVisitorStatus {
  payload?: Record<string, unknown> | undefined;
  signature: string;
  base64Payload?: string | undefined;
}

export type VisitorStatusVerification =
  | { ok: true; payload: Record<string, unknown>; signedBytes: 'json' | 'base64Payload' }
  | { ok: false; reason: string };

/**
 * @example
 * const checked = verifyVisitorStatus(body.visitorStatus, config.friendbuy.secretKey);
 * if (!checked.ok) throw badRequest(`visitorStatus.signature: ${checked.reason}`);
 */
export function verifyVisitorStatus(
  status: SignedVisitorStatus,
  secretKey: string,
): VisitorStatusVerification {
  if (status.base64Payload !== undefined) {
    const decoded = Buffer.from(status.base64Payload, 'base64');
    if (
      verifySignature(status.base64Payload, status.signature, secretKey) ||
      verifySignature(decoded, status.signature, secretKey)
    ) {
      const payload = parseObject(decoded.toString('utf8'));
      if (!payload) return { ok: false, reason: 'base64Payload is not a JSON object' };
      return { ok: true, payload, signedBytes: 'base64Payload' };
    }
  }
  if (status.payload && verifySignature(JSON.stringify(status.payload), status.signature, secretKey))
    return { ok: true, payload: status.payload, signedBytes: 'json' };
  return { ok: false, reason: 'does not match the payload' };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
