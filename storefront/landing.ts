// What a landing brought (the `fbuy` token, a referral code, Friendbuy's visitor status, a friend coupon), kept
// in localStorage until there is a cart to write it to: a friend usually lands before adding anything.
import type { VisitorStatus } from './types.js';

export interface Pending {
  fbuy?: string | undefined;
  referralCode?: string | undefined;
  visitorStatus?: VisitorStatus | undefined;
  coupon?: string | undefined;
  landedAt?: string | undefined;
  /** The cart and evidence last posted, so the same attribution is not posted on every page. */
  sent?: string | undefined;
}

const KEY = 'ct-friendbuy:pending';
let memory: Pending = {};

export function loadPending(): Pending {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Pending) : memory;
  } catch {
    return memory; // storage disabled (private mode, policies): this page view still works
  }
}

export function updatePending(change: Partial<Pending>): Pending {
  memory = { ...loadPending(), ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // kept in memory only
  }
  return memory;
}

/** Records the landing URL's evidence; a new referral replaces the previous one. */
export function captureLanding(search: string, referralCodeParam: string): void {
  const params = new URLSearchParams(search);
  const fbuy = params.get('fbuy') || undefined;
  const referralCode = params.get(referralCodeParam) || undefined;
  const current = loadPending();
  if (!(fbuy || referralCode) || (fbuy === current.fbuy && referralCode === current.referralCode)) return;
  updatePending({ fbuy, referralCode, visitorStatus: undefined, landedAt: new Date().toISOString() });
}

export function hasAttribution(status: VisitorStatus | undefined): boolean {
  const payload = status?.payload;
  return Boolean(status?.signature && payload && (payload.attributionId || payload.referralCode));
}

export function sentKey(cartId: string, pending: Pending): string {
  return [cartId, pending.fbuy, pending.referralCode, pending.visitorStatus?.signature].join('|');
}
