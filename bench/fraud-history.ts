// The seeded referral history of the fraud benchmark, as a deterministic model: who referred whom, from which
// IP, device and address, when. The seed (fraud-seed.ts) writes it with set-based SQL and the probes
// (fraud-probes.ts) build orders against it from the same numbers, so a probe's raw IP or address hashes to
// exactly the value stored for it. Raw IPs and addresses are synthetic: 10.x.y.z and "<n> Referral Street".
import { createHash } from 'node:crypto';
import type { AddressParts } from '../src/domain/fraud/address.js';
import { hashIdentifier } from '../src/domain/identity.js';
import { addressHash } from '../src/domain/identity-keys.js';

/** The history ends here; probes are placed just after it, so velocity windows cover its last day. */
export const HISTORY_END = new Date('2026-11-01T00:00:00Z');
export const HISTORY_DAYS = 730;
export const CAMPAIGN_ID = 'sandbox-us-referral';

/** Row counts of the seeded history, from its size in referrals (1,000,000 by default). */
export function historyShape(referrals: number) {
  return {
    referrals,
    /** ~10 referrals per advocate on average, heavily skewed (the top advocates have thousands). */
    advocates: Math.round(referrals / 10),
    /** Referrals above this number are the last day's burst of the 50 top advocates from 200 IPs. */
    burstFrom: Math.round(referrals * 0.99),
    /** Friends 1..friends; the first tenth also placed a second referred order. */
    friends: Math.round(referrals * 0.9),
    /** IPs a few accounts share over the years (households, small offices). */
    sharedIps: Math.max(1, Math.round(referrals / 50)),
    sharedDevices: Math.max(1, Math.round(referrals / 200)),
    sharedAddresses: Math.max(1, Math.round(referrals / 100)),
  };
}
export type HistoryShape = ReturnType<typeof historyShape>;

// Number ranges of IPs, devices and addresses (below 2^24, so an IP number fits 10.x.y.z): unique ones
// are numbered from 1, the shared pools from these bases.
export const BASE = {
  sharedPool: 10_000_000,
  hotIp: 11_000_000,
  burstIp: 12_000_000,
  advocate: 13_000_000,
  probe: 14_000_000,
} as const;
export const HOT_IPS = 50;
export const BURST_IPS = 200;
export const BURST_ADVOCATES = 50;
export const USER_AGENTS = 40;

export const advocateCustomerId = (a: number) => `bench-advocate-${a}`;
export const advocateEmail = (a: number) => `advocate.${a}@bench.example`;
export const friendCustomerId = (f: number) => `bench-friend-${f}`;
export const orderId = (r: number) => `bench-order-${r}`;
export const referralCode = (a: number) => `bench-${a}`;
export const advocateIp = (a: number) => BASE.advocate + a;
export const advocateAddress = (a: number) => BASE.advocate + a;
export const userAgent = (k: number) =>
  `Mozilla/5.0 (bench ${k % USER_AGENTS}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36`;

export function rawIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export function address(n: number): AddressParts {
  return {
    streetName: 'Referral Street',
    streetNumber: String(n),
    postalCode: String(10_000 + (n % 90_000)),
    city: 'Springfield',
    country: 'US',
  };
}

/** The friend's device number: most friends have their own, every 20th shares one of the pool's. */
export function friendDevice(f: number, shape: HistoryShape): number {
  return f % 20 === 0 ? BASE.sharedPool + (Math.floor(f / 20) % shape.sharedDevices) : f;
}

/** Device hashes are only ever read back from the store, so a plain digest of the number stands in. */
export function deviceHash(n: number): string {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  return md5(`device:${n}`) + md5(`device/${n}`);
}

/** The same digest in SQL, over an integer expression. */
export const DEVICE_HASH_SQL = (n: string) => `md5('device:' || (${n})) || md5('device/' || (${n}))`;

export const ipHash = (n: number, hashKey: string) => hashIdentifier('ip', rawIp(n), hashKey);
export const addressHashOf = (n: number, hashKey: string) => addressHash(address(n), hashKey)!;
export const userAgentHash = (k: number, hashKey: string) =>
  hashIdentifier('userAgent', userAgent(k), hashKey);
