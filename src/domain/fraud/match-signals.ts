// The friend shares something physical or technical with the advocate: shipping address, payment instrument,
// IP, IP with user agent, or device. All compared as keyed hashes (`hashIdentifier`), never as raw values.
import { type SignalResult, sameKnown } from './signal.js';

/** The friend's hash, and the hashes the advocate is known by (from indexed identity lookups). */
export interface SharedIdentifierInput {
  friend?: string | undefined;
  advocate: readonly (string | undefined)[];
}

export interface SharedIdentifierEvidence {
  /** The hash both have. */
  hash?: string;
}

/** The signals that compare one identifier; `sameIpAndUserAgent` compares the pair (see below). */
export type SharedIdentifierSignal =
  | 'sameShippingAddress'
  | 'samePaymentFingerprint'
  | 'sameIp'
  | 'sameIpAndUserAgent'
  | 'sameDevice';

/**
 * The friend's hash is one the advocate is known by. For `sameShippingAddress` hash `normaliseAddress(…)`; for
 * `samePaymentFingerprint` the PSP's card fingerprint, when the payment carries one.
 * @example evaluateSharedIdentifier('sameIp', { friend: ipHash, advocate: [otherHash, ipHash] }).fired // true
 */
export function evaluateSharedIdentifier(
  signal: SharedIdentifierSignal,
  { friend, advocate }: SharedIdentifierInput,
): SignalResult<SharedIdentifierEvidence> {
  const fired = advocate.some((hash) => sameKnown(friend, hash));
  return { signal, fired, evidence: fired ? { hash: friend } : {} };
}

export interface NetworkIdentity {
  ipHash?: string | undefined;
  userAgentHash?: string | undefined;
}

/**
 * The same IP *and* user agent: Friendbuy recommends this over IP alone, which offices and dorms share.
 * @example evaluateSameIpAndUserAgent({ friend: { ipHash, userAgentHash }, advocate: [{ ipHash, userAgentHash }] })
 */
export function evaluateSameIpAndUserAgent(input: {
  friend: NetworkIdentity;
  advocate: readonly NetworkIdentity[];
}): SignalResult<SharedIdentifierEvidence> {
  return evaluateSharedIdentifier('sameIpAndUserAgent', {
    friend: pairKey(input.friend),
    advocate: input.advocate.map(pairKey),
  });
}

function pairKey({ ipHash, userAgentHash }: NetworkIdentity): string | undefined {
  return ipHash && userAgentHash ? `${ipHash}:${userAgentHash}` : undefined;
}
