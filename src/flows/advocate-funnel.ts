// Advocate funnel streams on the ledger: `advocate:<commercetools customer id>`, or `advocate:<email hash>` while
// no customer id is known for the advocate. Every source of a step (Friendbuy analytics, webhooks, our own
// commercetools orders and sign-ups) writes through here with the same natural dedup key, so a purchase seen
// by Friendbuy and by commercetools counts once.
import type { Config } from '../config.js';
import { hashEmail } from '../domain/identity.js';
import {
  countFunnel,
  type FunnelCounts,
  type FunnelStep,
  funnelEventType,
} from '../domain/referral-funnel.js';
import type { ReferralParty } from '../domain/self-referral.js';
import type { Queryable } from '../store/db.js';
import { findPerson, identifiersOf, siblingIdentifier } from '../store/identity-links.js';
import { appendEvent } from '../store/ledger.js';
import { readStreams, type StreamEvent } from '../store/ledger-lookups.js';

export const advocateStream = (key: string) => `advocate:${key}`;

/** The advocate's stream key: their customer id, found through their email if need be, else the email hash. */
export async function advocateKey(q: Queryable, advocate: ReferralParty): Promise<string | undefined> {
  if (advocate.customerId) return advocate.customerId;
  if (!advocate.emailHash) return undefined;
  const customerId = await siblingIdentifier(q, { kind: 'email', value: advocate.emailHash }, 'customerId');
  return customerId ?? advocate.emailHash;
}

export interface FunnelStepInput {
  step: FunnelStep;
  /** What makes this step unique across sources, e.g. the Friendbuy order id of a purchase. */
  naturalKey: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  correlationId?: string | undefined;
}

/** Appends a step to the advocate's funnel; false when the advocate is unknown or the step was recorded. */
export async function recordFunnelStep(
  tx: Queryable,
  advocate: ReferralParty | undefined,
  input: FunnelStepInput,
  now: Date,
): Promise<boolean> {
  const key = advocate && (await advocateKey(tx, advocate));
  if (!key) return false;
  const recorded = await appendEvent(
    tx,
    {
      stream: advocateStream(key),
      type: funnelEventType(input.step),
      data: input.data,
      dedupKey: `funnel:${input.step}:${input.naturalKey}`,
      correlationId: input.correlationId,
      occurredAt: input.occurredAt,
    },
    now,
  );
  return recorded !== undefined;
}

export interface AdvocateFunnel {
  advocate: string;
  streams: string[];
  counts: FunnelCounts;
  events: StreamEvent[];
}

/**
 * The funnel of an advocate named by commercetools customer id, email address or email hash. Steps recorded
 * under the email hash before the customer id was known are included.
 */
export async function readAdvocateFunnel(
  q: Queryable,
  id: string,
  config: Pick<Config, 'hashKey' | 'emailRules'>,
): Promise<AdvocateFunnel> {
  const key = id.includes('@') ? (hashEmail(id, config.hashKey, config.emailRules) ?? id) : id;
  const keys = new Set([key]);
  // The same person may have funnel steps under their customer id and under their email hash.
  const personId = await findPerson(q, [
    { kind: 'customerId', value: key },
    { kind: 'email', value: key },
  ]);
  const identifiers = personId ? await identifiersOf(q, personId) : [];
  for (const identifier of identifiers)
    if (identifier.kind === 'email' || identifier.kind === 'customerId') keys.add(identifier.value);
  const customerId = identifiers.find((identifier) => identifier.kind === 'customerId')?.value;
  const streams = [...keys].map(advocateStream);
  const events = await readStreams(q, streams);
  return { advocate: customerId ?? key, streams, counts: countFunnel(events), events };
}
