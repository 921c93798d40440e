// Identity from the cart extension: a referred cart shows who the shopper is (anonymous id, customer id, email,
// IP, user agent) and what referred them. Linking is a write, so it leaves the extension's hot path through the
// outbox, hashed (never a raw email or IP in a job payload), only when the cart shows something new — most cart
// updates (line items, shipping) change nothing we link — and in batches: one statement every quarter second
// rather than one per cart, because on the embedded store every write holds the event loop the extension
// answers on. A crash loses at most that quarter second of sightings; the cart's next update, or its order
// (linked by the message processor), shows the same again.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import { type IdentifiersSeen, identityKeysFor } from '../domain/identity-keys.js';
import type { ReferralParty } from '../domain/self-referral.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { enqueueMany, type JobInput } from '../store/outbox.js';
import type { FlowDeps } from './deps.js';
import { defineJob, type HandlerOf, newJob, type PayloadOf } from './job.js';
import { JOB } from './job-kinds.js';
import { type IdentityDeps, linkKeys } from './link-identifiers.js';
import { enqueueSignUpIfReferred } from './report-sign-up.js';

type CartSightingPayload = PayloadOf<typeof JOB.observeCart>;

/** What an accepted cart with referral data showed: identity linking happens later, off the hot path. */
export interface ReferredCartSighting {
  cartId: string;
  seen: IdentifiersSeen;
  referral: {
    referralCode?: string | undefined;
    attributionId?: string | undefined;
    couponCode?: string | undefined;
    campaignId?: string | undefined;
    advocate?: ReferralParty | undefined;
  };
}

// Carts remembered with what we last enqueued for them; beyond this the oldest are forgotten (and at worst
// enqueued once more, which the outbox dedup key absorbs).
const REMEMBERED_CARTS = 20_000;
const FLUSH_MS = 250;

/** The extension's `onReferredCart`: queues the sighting in the background; failures are logged, not thrown. */
export function createCartSightingQueue(
  deps: IdentityDeps & { db: Db; logger: Logger },
): (sighting: ReferredCartSighting) => void {
  const lastSeen = new Map<string, string>();
  let batch = new Map<string, JobInput>();
  let flushScheduled = false;

  async function flush(): Promise<void> {
    flushScheduled = false;
    const jobs = [...batch.values()];
    batch = new Map();
    try {
      await enqueueMany(deps.db, jobs, deps.clock.now());
    } catch (error) {
      for (const job of jobs) lastSeen.delete(String(job.payload.cartId));
      deps.logger.warn({ err: error, carts: jobs.length }, 'could not queue cart sightings for identity');
    }
  }

  return (sighting) => {
    // Compared in memory only: the raw sighting's digest is never stored (the job's key digests hashed keys).
    // Plain JSON, not canonical: the validator builds sightings in one key order, and a differently ordered
    // twin would only be enqueued once more, which the job's canonical dedup key absorbs.
    const seen = createHash('sha256').update(JSON.stringify(sighting)).digest('hex');
    if (lastSeen.get(sighting.cartId) === seen) return;
    lastSeen.delete(sighting.cartId);
    lastSeen.set(sighting.cartId, seen);
    if (lastSeen.size > REMEMBERED_CARTS) lastSeen.delete(lastSeen.keys().next().value as string);
    const { hashKey, emailRules } = deps.config;
    const payload: CartSightingPayload = {
      cartId: sighting.cartId,
      keys: identityKeysFor(sighting.seen, { hashKey, emailRules }),
      referral: sighting.referral,
    };
    const signature = createHash('sha256').update(canonicalJson(payload)).digest('hex').slice(0, 32);
    batch.set(
      sighting.cartId,
      newJob(JOB.observeCart, { dedupKey: `cart-seen:${sighting.cartId}:${signature}`, payload }),
    );
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(() => void flush(), FLUSH_MS);
    }
  };
}

export function createCartSightingRecorder(deps: FlowDeps): HandlerOf<typeof JOB.observeCart> {
  return async (payload, { job }) => {
    const sighting = payload;
    await deps.db.transaction(async (tx) => {
      const personId = await linkKeys(tx, deps, sighting.keys, {
        source: 'cart',
        sourceKey: sighting.cartId,
        ...sighting.referral,
      });
      // A cart gaining a customer may be the last piece that shows a new customer was referred.
      const customerId = sighting.keys.links.find((key) => key.kind === 'customerId')?.value;
      if (customerId)
        await enqueueSignUpIfReferred(tx, deps, {
          customerId,
          personId,
          correlationId: job.correlationId ?? undefined,
        });
    });
  };
}

export const observeCartJob = defineJob({ kind: JOB.observeCart, handler: createCartSightingRecorder });
