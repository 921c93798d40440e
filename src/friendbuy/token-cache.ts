// Bearer tokens for the Merchant API, cached per credential until shortly before they expire. Keyed by
// base URL + MAPI key because one process may serve several merchants (S2b warns against one shared token).

export interface CachedToken {
  token: string;
  /** Epoch milliseconds, taken from Friendbuy's `expires`. */
  expiresAt: number;
}

export interface TokenCache {
  /**
   * A token still valid at `nowMs` (plus the safety margin). Concurrent callers that miss the cache share
   * one `authorize()` call instead of each minting a token.
   */
  acquire(cacheKey: string, nowMs: number, authorize: () => Promise<CachedToken>): Promise<string>;
  /** Forget `token` after Friendbuy rejected it, unless another caller has already replaced it. */
  invalidate(cacheKey: string, token: string): void;
}

/** Refresh this long before `expires` so a token never dies between the check and Friendbuy reading it (as S2). */
export const TOKEN_EXPIRY_MARGIN_MS = 10_000;

export function createTokenCache(): TokenCache {
  const tokens = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<CachedToken>>();

  return {
    async acquire(cacheKey, nowMs, authorize) {
      const cached = tokens.get(cacheKey);
      if (cached && cached.expiresAt - TOKEN_EXPIRY_MARGIN_MS > nowMs) return cached.token;

      let pending = inFlight.get(cacheKey);
      if (!pending) {
        pending = authorize().then(
          (fresh) => {
            tokens.set(cacheKey, fresh);
            inFlight.delete(cacheKey);
            return fresh;
          },
          (error: unknown) => {
            inFlight.delete(cacheKey);
            throw error;
          },
        );
        inFlight.set(cacheKey, pending);
      }
      return (await pending).token;
    },

    invalidate(cacheKey, token) {
      if (tokens.get(cacheKey)?.token === token) tokens.delete(cacheKey);
    },
  };
}
