// In-memory state of the emulated Merchant API that is about the API itself rather than about people:
// issued tokens, the recorded calls and the injected faults.
import { randomBytes } from 'node:crypto';

export interface Faults {
  /** Share of /v1 calls answered 429, 0..1. */
  rate429: number;
  /** Share of /v1 calls answered 500, 0..1. */
  rate500: number;
  /** Added to every /v1 call, to exercise client timeouts. */
  latencyMs: number;
  /**
   * Whether a purchase whose orderId was already accepted is answered with the first event instead of counted
   * again. Friendbuy does not document either behaviour, so the connector must be right under both; off (the
   * worst case) by default.
   */
  orderIdDeduplication: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Below the emulator's prefix, without the query: `/v1/event/purchase`. */
  path: string;
  /** Present when the call had a query string (`DELETE /v1/user-data?customerId=…`). */
  query?: Record<string, string>;
  /** The parsed JSON body; an authorization's `secret` is masked. */
  body: unknown;
  status: number;
  /** ISO-8601, from the emulator's clock. */
  receivedAt: string;
  /** The caller's `X-Correlation-ID`, when it sent one (the connector does, on every call). */
  correlationId?: string;
}

export interface EmulatorStateOptions {
  key: string;
  secret: string;
  tokenTtlSeconds: number;
  now: () => Date;
  random: () => number;
}

const NO_FAULTS: Faults = { rate429: 0, rate500: 0, latencyMs: 0, orderIdDeduplication: false };

export type EmulatorState = ReturnType<typeof createEmulatorState>;

export function createEmulatorState(options: EmulatorStateOptions) {
  /** token → expiry in epoch ms. */
  const tokens = new Map<string, number>();
  let recorded: RecordedRequest[] = [];
  let faults: Faults = { ...NO_FAULTS };
  /** orderId → the event Friendbuy created for its first accepted purchase. */
  const purchases = new Map<string, { eventId: string; createdOn: string }>();

  return {
    credentialsMatch(key: string, secret: string): boolean {
      return key === options.key && secret === options.secret;
    },

    issueToken(): { tokenType: 'Bearer'; token: string; expires: string } {
      const expiresAt = options.now().getTime() + options.tokenTtlSeconds * 1000;
      // Opaque on purpose: the connector must not read anything into the token, only into `expires`.
      const token = `fbemu_${randomBytes(24).toString('base64url')}`;
      tokens.set(token, expiresAt);
      return { tokenType: 'Bearer', token, expires: new Date(expiresAt).toISOString() };
    },

    tokenIsValid(token: string): boolean {
      const expiresAt = tokens.get(token);
      if (expiresAt === undefined) return false;
      if (expiresAt > options.now().getTime()) return true;
      tokens.delete(token);
      return false;
    },

    record(request: RecordedRequest): void {
      recorded.push(request);
    },

    requests(path?: string): RecordedRequest[] {
      return recorded.filter((request) => path === undefined || request.path === path).map((r) => ({ ...r }));
    },

    clearRequests(): void {
      recorded = [];
    },

    /** The event to answer for a purchase: the first one for its orderId when deduplicating, else a new one. */
    purchaseEvent(
      orderId: string,
      create: () => { eventId: string; createdOn: string },
    ): { event: { eventId: string; createdOn: string }; duplicate: boolean } {
      const earlier = purchases.get(orderId);
      if (earlier && faults.orderIdDeduplication) return { event: earlier, duplicate: true };
      const event = create();
      if (!earlier) purchases.set(orderId, event);
      return { event, duplicate: false };
    },

    faults(): Faults {
      return { ...faults };
    },

    setFaults(patch: Partial<Faults>): Faults {
      faults = { ...faults, ...patch };
      return { ...faults };
    },

    /** One draw decides the call: below rate429 → 429, below rate429 + rate500 → 500, else no fault. */
    drawFault(): 429 | 500 | undefined {
      if (faults.rate429 === 0 && faults.rate500 === 0) return undefined;
      const draw = options.random();
      if (draw < faults.rate429) return 429;
      if (draw < faults.rate429 + faults.rate500) return 500;
      return undefined;
    },
  };
}
