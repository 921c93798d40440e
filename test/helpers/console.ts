// Console sign-in for tests: a sandbox demo session per role, and requests that carry its cookie and CSRF token
// the way the browser app does.
import type { OperatorRole } from '../../src/domain/operators.js';

export interface ConsoleSession {
  /** `ctfb_console=<token>`, as the browser sends it back. */
  cookie: string;
  csrfToken: string;
  /** The Set-Cookie header of the sign-in answer (flags included). */
  setCookie: string;
  /** GET /admin/api/session's answer at sign-in. */
  session: Record<string, unknown>;
}

/** The session cookie a sign-in answer set, as a Cookie header value. */
export function sessionCookieOf(response: Response): { cookie: string; setCookie: string } {
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('ctfb_console='));
  if (!setCookie) throw new Error(`no session cookie in the answer (${response.status})`);
  return { cookie: setCookie.split(';')[0]!, setCookie };
}

/** Signs in with the sandbox's one-click demo sign-in. */
export async function signInAs(baseUrl: string, role: OperatorRole): Promise<ConsoleSession> {
  const response = await fetch(`${baseUrl}/admin/api/session/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (response.status !== 200) throw new Error(`sandbox sign-in answered ${response.status}`);
  const session = (await response.json()) as { csrfToken: string };
  return { ...sessionCookieOf(response), csrfToken: session.csrfToken, session };
}

/** A request as the console sends it: the session cookie, and the CSRF token unless `csrf: false` or another. */
export function consoleFetch(
  baseUrl: string,
  session: Pick<ConsoleSession, 'cookie' | 'csrfToken'>,
  path: string,
  init: { method?: string; body?: unknown; csrf?: string | false; headers?: Record<string, string> } = {},
): Promise<Response> {
  const csrf = init.csrf === undefined ? session.csrfToken : init.csrf;
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie: session.cookie,
      ...(csrf === false ? {} : { 'x-csrf-token': csrf }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: 'manual',
  });
}
