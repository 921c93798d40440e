// The referred orders the fraud benchmark assesses against the seeded history (fraud-history.ts): mostly new
// friends of advocates drawn as skewed as the history's, and the cases that make the lookups work and the
// signals fire: the top advocates' busy day, IPs many accounts share, a shared device, self-referrals and
// existing customers. Deterministic, so runs compare.

import { type EmailRules, hashEmail } from '../src/domain/identity.js';
import type { ReferredOrderInput } from '../src/flows/referral-facts.js';
import {
  address,
  advocateAddress,
  advocateCustomerId,
  advocateEmail,
  advocateIp,
  BASE,
  BURST_ADVOCATES,
  BURST_IPS,
  CAMPAIGN_ID,
  friendCustomerId,
  HISTORY_END,
  type HistoryShape,
  HOT_IPS,
  rawIp,
  referralCode,
  userAgent,
} from './fraud-history.js';

export type ProbeKind =
  | 'typical'
  | 'hotAdvocate'
  | 'sharedIp'
  | 'burstIp'
  | 'sharedDevice'
  | 'selfReferral'
  | 'existingCustomer';

export interface Probe {
  kind: ProbeKind;
  input: ReferredOrderInput;
}

// Share of each kind, in percent.
const MIX: readonly [ProbeKind, number][] = [
  ['typical', 55],
  ['hotAdvocate', 10],
  ['sharedIp', 8],
  ['burstIp', 7],
  ['sharedDevice', 8],
  ['selfReferral', 4],
  ['existingCustomer', 8],
];

export function fraudProbes(
  shape: HistoryShape,
  count: number,
  keys: { hashKey: string; emailRules?: EmailRules | undefined },
): Probe[] {
  const random = mulberry32(20261101);
  const pick = (n: number) => 1 + Math.floor(random() * n);
  const kinds = MIX.flatMap(([kind, share]) => Array<ProbeKind>(share).fill(kind));
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    // The same skew as the history: most probes go to advocates with a few referrals, some to the busiest.
    let a = Math.min(shape.advocates, 1 + Math.floor(shape.advocates * random() ** 2));
    let ip = BASE.probe + i;
    let shippingAddress = address(BASE.probe + i);
    let friend: { customerId: string; email: string } = {
      customerId: `bench-probe-friend-${i}`,
      email: `probe.friend.${i}@bench.example`,
    };
    let agent = userAgent(i);
    if (kind === 'hotAdvocate') a = pick(BURST_ADVOCATES);
    if (kind === 'sharedIp') ip = BASE.hotIp + (i % HOT_IPS);
    if (kind === 'burstIp') {
      const j = i % BURST_IPS;
      ip = BASE.burstIp + j;
      a = 1 + (j % BURST_ADVOCATES); // the burst's advocate on that IP, so the code matches too
    }
    if (kind === 'sharedDevice' || kind === 'existingCustomer') {
      // Every 20th friend shares a device from the pool (and, like every seeded friend, has ordered).
      const f = kind === 'sharedDevice' ? 20 * pick(Math.floor(shape.friends / 20)) : pick(shape.friends);
      friend = { customerId: friendCustomerId(f), email: `friend.${f}@bench.example` };
    }
    if (kind === 'selfReferral') {
      ip = advocateIp(a);
      shippingAddress = address(advocateAddress(a));
      agent = userAgent(a);
    }
    const placedAt = new Date(HISTORY_END.getTime() + (i % 3_600) * 1_000);
    // One in twenty buys within 30 seconds of the click (the fast-click signal).
    const clickSeconds = random() < 0.05 ? 5 + pick(20) : 60 + pick(3_600);
    const email = advocateEmail(a);
    return {
      kind,
      input: {
        orderId: `bench-probe-order-${i}`,
        campaignId: CAMPAIGN_ID,
        placedAt,
        friend: { ...friend, ipAddress: rawIp(ip), userAgent: agent, shippingAddress },
        advocate: {
          customerId: advocateCustomerId(a),
          emailHash: hashEmail(email, keys.hashKey, keys.emailRules),
          email,
        },
        code: referralCode(a),
        usedFriendIncentive: true,
        clickedAt: new Date(placedAt.getTime() - clickSeconds * 1_000),
      },
    };
  });
}

/** A small seeded PRNG (mulberry32), so every run assesses the same probes. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
