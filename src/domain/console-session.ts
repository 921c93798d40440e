// How long a console session lives: it ends after a quiet spell (idle) or at a fixed age (absolute), whichever
// comes first, so a forgotten laptop stops being signed in and no session outlives a working day.

export interface SessionLifetime {
  /** Without a request for this long, the session ends (CONSOLE_SESSION_IDLE). */
  idleMs: number;
  /** The session ends this long after sign-in whatever happens (CONSOLE_SESSION_TTL). */
  absoluteMs: number;
}

/** When the session ends if nothing else happens. */
export function sessionExpiresAt(
  session: { createdAt: Date; lastSeenAt: Date },
  lifetime: SessionLifetime,
): Date {
  return new Date(
    Math.min(
      session.lastSeenAt.getTime() + lifetime.idleMs,
      session.createdAt.getTime() + lifetime.absoluteMs,
    ),
  );
}

export const DEFAULT_RETURN_TO = '/console';

/**
 * Where to send the browser after sign-in: a path of this connector only (`/console/reviews/12`), never another
 * site (`//evil.example`, `https://…`, `/\evil`), so the sign-in cannot be used as an open redirect.
 */
export function safeReturnTo(returnTo: unknown): string {
  if (typeof returnTo !== 'string' || returnTo.length > 2000) return DEFAULT_RETURN_TO;
  const controlOrBackslash = [...returnTo].some((char) => char.charCodeAt(0) < 0x20 || char === '\\');
  if (!/^\/(?![/\\])/.test(returnTo) || controlOrBackslash) return DEFAULT_RETURN_TO;
  return returnTo;
}
