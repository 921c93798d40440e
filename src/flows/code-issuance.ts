// Issues one connector-owned code, for every source (referral codes, code banks, reward coupons):
//   1. the registry and commercetools (case variants) are checked first: another owner is a collision, reported;
//   2. the code is claimed by inserting its registry row under a lease (the unique key makes one claimant win);
//   3. the lease holder creates it in commercetools and marks the row active.
// Another process asking for the same code meanwhile waits for the row to turn active. A crash between 2 and 3
// leaves a pending row: once its lease runs out, the next attempt adopts the commercetools code if it was
// created (it points to one of our cart discounts) or creates it.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DiscountCode, DiscountCodeDraft } from '@commercetools/platform-sdk';
import { startStopwatch } from '../clock.js';
import {
  createDiscountCode,
  findDiscountCodesSpelled,
  isDuplicateField,
} from '../commercetools/discount-access.js';
import { commercetoolsVariants } from '../domain/code-naming.js';
import { type CodeOwner, describeOwner, isSameOwner } from '../domain/code-ownership.js';
import type { CartDiscountSpec } from '../domain/code-values.js';
import { normaliseCode } from '../domain/identity.js';
import {
  activateCode,
  bindReward,
  type CodeEntry,
  claimCode,
  dropClaim,
  findCode,
  type Lease,
  registerMerchantCode,
  takeCodeLease,
} from '../store/codes.js';
import { CART_DISCOUNT_KEY_PREFIX, ensureCartDiscount } from './cart-discounts.js';
import { CodeFlowError } from './code-errors.js';
import type { FlowDeps } from './deps.js';

export type CodeDeps = Pick<FlowDeps, 'db' | 'clock' | 'logger' | 'commercetools'>;

// Longer than any one commercetools call; a holder that crashed is taken over after this.
const LEASE_MS = 60_000;
// How long a second caller waits for the holder before asking to be retried.
const WAIT_FOR_HOLDER_MS = 5_000;
const WAIT_STEP_MS = 50;

export interface CodeRequest {
  /** The exact spelling to create in commercetools. */
  code: string;
  owner: CodeOwner;
  /** The cart discount to find or create, or one already in hand (a batch's, or the code a reissue replaces). */
  cartDiscount: CartDiscountSpec | { id: string };
  discountCode: Pick<
    DiscountCodeDraft,
    'cartPredicate' | 'maxApplications' | 'maxApplicationsPerCustomer' | 'validFrom' | 'validUntil'
  >;
  replaces?: string | undefined;
}

export type IssueOutcome =
  | { status: 'created' | 'existing'; entry: CodeEntry; discountCodeId: string }
  | { status: 'collision'; code: string; owner: CodeOwner; description: string };

/**
 * Codes among `codes` that commercetools already has in any spelling we can query (as given, lower, upper),
 * keyed by their lowercase form. Mixed-case spellings other than these cannot be found: commercetools has no
 * case-insensitive code lookup.
 */
export async function findInCommercetools(
  deps: Pick<CodeDeps, 'commercetools'>,
  codes: readonly string[],
): Promise<Map<string, DiscountCode>> {
  const found = await findDiscountCodesSpelled(deps.commercetools, codes.flatMap(commercetoolsVariants));
  return new Map(found.map((discountCode) => [normaliseCode(discountCode.code), discountCode]));
}

/**
 * Makes sure `request.code` exists for `request.owner`. `knownFree` skips the commercetools lookup when the
 * caller has just checked a whole batch of candidates at once (code generation).
 */
export async function issueCode(
  deps: CodeDeps,
  request: CodeRequest,
  options: { knownFree?: boolean } = {},
): Promise<IssueOutcome> {
  const leaseOwner = randomUUID();
  const lease = (): Lease => ({ owner: leaseOwner, until: new Date(deps.clock.now().getTime() + LEASE_MS) });
  const claim = () =>
    claimCode(
      deps.db,
      {
        commercetoolsCode: request.code,
        owner: request.owner,
        maxApplications: request.discountCode.maxApplications,
        replaces: request.replaces,
      },
      lease(),
      deps.clock.now(),
    );
  if (options.knownFree) {
    // A fresh random candidate is almost always free: claim at once, and look only if someone was quicker.
    const claimed = await claim();
    if (claimed) return createClaimed(deps, request, claimed, { fresh: true });
  }
  const waiting = startStopwatch();
  for (let round = 0; ; round++) {
    if (round > 1_000) throw new CodeFlowError('CodeBusy', `code "${request.code}" keeps changing hands`);
    const entry = await findCode(deps.db, request.code);
    if (entry) {
      if (!isSameOwner(entry, request.owner)) return collision(entry.commercetoolsCode, entry);
      if (entry.status !== 'pending' && entry.discountCodeId) {
        if (request.owner.rewardId && !entry.rewardId)
          await bindReward(deps.db, entry.code, request.owner.rewardId, deps.clock.now());
        return { status: 'existing', entry, discountCodeId: entry.discountCodeId };
      }
      const taken = await takeCodeLease(deps.db, entry.code, lease(), deps.clock.now());
      if (taken) return createClaimed(deps, request, taken, { fresh: false });
      if (waiting.elapsedMs() > WAIT_FOR_HOLDER_MS)
        throw new CodeFlowError('CodeBusy', `code "${request.code}" is being created by another process`);
      await sleep(WAIT_STEP_MS);
      continue;
    }
    if (!options.knownFree) {
      const found = (await findInCommercetools(deps, [request.code])).get(normaliseCode(request.code));
      if (found) {
        await registerMerchantCode(deps.db, { code: found.code, discountCodeId: found.id }, deps.clock.now());
        // Usually the merchant's; but it may be a claim of ours that just got created: look again.
        if (await findCode(deps.db, request.code)) continue;
        return collision(found.code, { channel: 'merchant', storeKeys: [], currencies: [] });
      }
    }
    const claimed = await claim();
    if (claimed) return createClaimed(deps, request, claimed, { fresh: true });
  }
}

async function createClaimed(
  deps: CodeDeps,
  request: CodeRequest,
  claim: CodeEntry,
  { fresh }: { fresh: boolean },
): Promise<IssueOutcome> {
  const cartDiscount =
    'id' in request.cartDiscount
      ? request.cartDiscount
      : await ensureCartDiscount(deps, request.cartDiscount);
  let discountCode = fresh ? undefined : await findOurs(deps, claim.commercetoolsCode);
  const createsNow = !discountCode;
  if (!discountCode) {
    try {
      discountCode = await createDiscountCode(deps.commercetools, draftFor(request, claim, cartDiscount.id));
    } catch (error) {
      if (!isDuplicateField(error)) throw error;
      // Someone created the same spelling after our check: ours from an earlier attempt, or the merchant's.
      discountCode = await findOurs(deps, claim.commercetoolsCode);
      if (!discountCode) {
        await dropClaim(deps.db, claim.code, claim.leaseOwner ?? '');
        return collision(claim.commercetoolsCode, { channel: 'merchant', storeKeys: [], currencies: [] });
      }
    }
  }
  const ids = { discountCodeId: discountCode.id, cartDiscountId: cartDiscount.id };
  if (!(await activateCode(deps.db, claim.code, claim.leaseOwner ?? '', ids, deps.clock.now()))) {
    // Our lease ran out and someone else finished the code: theirs is the registry's answer.
    const current = await findCode(deps.db, claim.code);
    if (!current?.discountCodeId) throw new CodeFlowError('CodeBusy', `lost the claim on "${claim.code}"`);
    return { status: 'existing', entry: current, discountCodeId: current.discountCodeId };
  }
  deps.logger.info(
    { code: claim.code, channel: claim.channel, rewardId: claim.rewardId, discountCodeId: discountCode.id },
    'discount code created in commercetools',
  );
  const entry: CodeEntry = { ...claim, ...ids, status: 'active', leaseOwner: null, leaseUntil: null };
  return { status: createsNow ? 'created' : 'existing', entry, discountCodeId: discountCode.id };
}

/** The code with exactly this spelling if it points to one of our cart discounts (created by an earlier attempt). */
async function findOurs(deps: CodeDeps, code: string): Promise<DiscountCode | undefined> {
  const [found] = await findDiscountCodesSpelled(deps.commercetools, [code], { expandCartDiscounts: true });
  const ours = found?.cartDiscounts.some((ref) => ref.obj?.key?.startsWith(CART_DISCOUNT_KEY_PREFIX));
  return ours ? found : undefined;
}

function draftFor(request: CodeRequest, claim: CodeEntry, cartDiscountId: string): DiscountCodeDraft {
  const { owner } = request;
  const about = [
    `ct-friendbuy ${owner.channel} code`,
    owner.campaignId ? `campaign ${owner.campaignId}` : undefined,
    owner.rewardId ? `reward ${owner.rewardId}` : undefined,
    owner.batchId ? `batch ${owner.batchId}` : undefined,
    request.replaces ? `replaces ${request.replaces}` : undefined,
  ].filter(Boolean);
  const optional = Object.fromEntries(
    Object.entries(request.discountCode).filter(([, value]) => value !== undefined),
  ) as CodeRequest['discountCode'];
  return {
    code: claim.commercetoolsCode,
    name: { en: `Friendbuy ${owner.channel}` },
    description: { en: about.join('; ') },
    cartDiscounts: [{ typeId: 'cart-discount', id: cartDiscountId }],
    isActive: true,
    ...optional,
  };
}

function collision(code: string, owner: CodeOwner): IssueOutcome {
  return { status: 'collision', code, owner, description: describeOwner(owner) };
}
