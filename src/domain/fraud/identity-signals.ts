// Self-referral by identity: the friend is the advocate under the same customer id, the same mailbox, or an
// address so close to the advocate's that it is probably theirs (friendbuy-api.md §5, peers-and-fraud.md §2.1).
import { type EmailRules, normaliseEmail } from '../identity.js';
import { editDistance } from './edit-distance.js';
import { type SignalResult, sameKnown } from './signal.js';

/** A person as the identity signals compare them: ids and keyed hashes only. */
export interface FraudParty {
  customerId?: string | undefined;
  /** `hashEmail(email, key, rules)`: the same for every spelling of one mailbox. */
  emailHash?: string | undefined;
}

export interface PartiesInput {
  friend: FraudParty;
  advocate: FraudParty;
}

/**
 * The friend has the advocate's commercetools customer id.
 * @example evaluateSameCustomerId({ friend: { customerId: 'c1' }, advocate: { customerId: 'c1' } }).fired // true
 */
export function evaluateSameCustomerId({
  friend,
  advocate,
}: PartiesInput): SignalResult<{ customerId?: string }> {
  const fired = sameKnown(friend.customerId, advocate.customerId);
  return { signal: 'sameCustomerId', fired, evidence: fired ? { customerId: friend.customerId } : {} };
}

/**
 * The friend's email delivers to the advocate's mailbox (`Jane.Doe+x@googlemail.com` is `janedoe@gmail.com`).
 * @example evaluateSameEmail({ friend: { emailHash: h }, advocate: { emailHash: h } }).fired // true
 */
export function evaluateSameEmail({ friend, advocate }: PartiesInput): SignalResult<{ emailHash?: string }> {
  const fired = sameKnown(friend.emailHash, advocate.emailHash);
  return { signal: 'sameEmail', fired, evidence: fired ? { emailHash: friend.emailHash } : {} };
}

export interface SimilarEmailInput {
  /** Raw addresses as the flow has them (order email, Friendbuy's advocate email); never stored. */
  friendEmail?: string | undefined;
  advocateEmail?: string | undefined;
  emailRules?: EmailRules | undefined;
}

export interface SimilarEmailThresholds {
  /** Largest edit distance between the normalised addresses that counts as similar (e.g. 2). */
  maxEditDistance: number;
}

export interface SimilarEmailEvidence {
  match?: 'same-local-part' | 'edit-distance';
  distance?: number;
  friendDomain?: string;
  advocateDomain?: string;
}

/**
 * Two different mailboxes that look like one person's: the same local part at another domain (dots and
 * `+tags` aside), or at most `maxEditDistance` edits apart once normalised. Identical mailboxes are
 * `sameEmail`, not this signal.
 * @example
 * evaluateSimilarEmail({ friendEmail: 'jane.doe@yahoo.com', advocateEmail: 'jane.doe@gmail.com' },
 *   { maxEditDistance: 2 }) // fired, match 'same-local-part'
 */
export function evaluateSimilarEmail(
  input: SimilarEmailInput,
  thresholds: SimilarEmailThresholds,
): SignalResult<SimilarEmailEvidence> {
  const friend = input.friendEmail && normaliseEmail(input.friendEmail, input.emailRules);
  const advocate = input.advocateEmail && normaliseEmail(input.advocateEmail, input.emailRules);
  if (!friend || !advocate || friend === advocate)
    return { signal: 'similarEmail', fired: false, evidence: {} };
  const [friendLocal, friendDomain] = splitEmail(friend);
  const [advocateLocal, advocateDomain] = splitEmail(advocate);
  const domains = { friendDomain, advocateDomain };
  if (looseLocal(friendLocal) === looseLocal(advocateLocal)) {
    return { signal: 'similarEmail', fired: true, evidence: { match: 'same-local-part', ...domains } };
  }
  const distance = editDistance(friend, advocate, thresholds.maxEditDistance);
  if (distance > thresholds.maxEditDistance) return { signal: 'similarEmail', fired: false, evidence: {} };
  return { signal: 'similarEmail', fired: true, evidence: { match: 'edit-distance', distance, ...domains } };
}

/** Providers differ on dots and `+tags`, so across domains the local parts compare without them. */
function looseLocal(local: string): string {
  return (local.split('+')[0] ?? '').replaceAll('.', '');
}

function splitEmail(normalised: string): [string, string] {
  const at = normalised.lastIndexOf('@');
  return [normalised.slice(0, at), normalised.slice(at + 1)];
}
