// Who is signed in, what they may do, and the CSRF token every state-changing request carries. The session
// lives in an HttpOnly cookie; the browser keeps nothing of it in storage.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, getJson, postJson, rememberCsrfToken, whenSignedOut } from './api';
import type { Permission, Session, SignInMethods } from './api-types';

const SESSION_KEY = ['session'] as const;
/** Nothing personal: who is signed in (watched by the app) and how one signs in. */
const KEPT_ACROSS_SESSIONS = new Set([SESSION_KEY[0], 'session-methods']);

const SessionContext = createContext<Session | null>(null);

/** The signed-in operator's session, or null while signed out (401). */
export function useSessionQuery() {
  const client = useQueryClient();
  useEffect(() => {
    whenSignedOut(() => {
      rememberCsrfToken(null);
      client.setQueryData(SESSION_KEY, null);
      // Nothing read under the old session stays on screen for the next person at this browser.
      client.removeQueries({ predicate: (query) => !KEPT_ACROSS_SESSIONS.has(String(query.queryKey[0])) });
    });
  }, [client]);
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await getJson<Session>('/admin/api/session');
        rememberCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignInMethods() {
  return useQuery({
    queryKey: ['session-methods'],
    queryFn: () => getJson<SignInMethods>('/admin/api/session/methods'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** After a sign-in POST answered with a session: remember it and drop anything cached from before. */
export function useSignedIn(): (session: Session) => void {
  const client = useQueryClient();
  return (session) => {
    rememberCsrfToken(session.csrfToken);
    client.removeQueries({ predicate: (query) => !KEPT_ACROSS_SESSIONS.has(String(query.queryKey[0])) });
    client.setQueryData(SESSION_KEY, session);
  };
}

export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    try {
      await postJson('/admin/api/session/sign-out');
    } finally {
      rememberCsrfToken(null);
      // Everything read under the session goes; the session's own entry stays (the app watches it) as null.
      client.removeQueries({ predicate: (query) => !KEPT_ACROSS_SESSIONS.has(String(query.queryKey[0])) });
      client.setQueryData(SESSION_KEY, null);
    }
  };
}

export function SessionProvider(props: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={props.session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Whether the signed-in operator holds `permission`; screens hide what the role cannot do. */
export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}
