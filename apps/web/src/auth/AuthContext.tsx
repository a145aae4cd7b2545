import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, apiFetch, requestJson, type RequestOptions } from './api';
import { registerUploadSession, uploadWithRenewal, type UploadOptions, type UploadSession } from './upload';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  /** null for Secretariat accounts. */
  country: string | null;
  roles: string[];
}

interface Session {
  /** Kept in memory only: never written to localStorage or sessionStorage, where any script could read it. */
  accessToken: string;
  user: SignedInUser;
}

export type SignOutReason = 'passwordChanged';

/** `restoring`: the app has just loaded and asked the server whether a session is still open. */
export type AuthStatus = 'restoring' | 'signedIn' | 'signedOut';

type AuthedOptions = Omit<RequestOptions, 'accessToken'>;

interface AuthContextValue {
  status: AuthStatus;
  user: SignedInUser | null;
  accessToken: string | null;
  signIn: (email: string, password: string) => Promise<SignedInUser>;
  /** Ends the session on the server (POST /api/auth/logout), then here. */
  signOut: () => Promise<void>;
  /**
   * Forgets the session here only, when the server has already ended it; `reason` is shown on the
   * sign-in page that pages for signed-in users then lead to.
   */
  forgetSession: (reason: SignOutReason) => void;
  /** Why the session last ended without the user signing out, if it did. */
  signOutReason: SignOutReason | null;
  /** Keeps the header in step after the profile changed. */
  updateUser: (changes: Partial<SignedInUser>) => void;
  /** An API call as the signed-in user; renews the access token once if it has expired. */
  authFetch: (path: string, options?: AuthedOptions) => Promise<Response>;
  /** authFetch, answering parsed JSON. */
  authJson: <T>(path: string, options?: AuthedOptions) => Promise<T>;
  /** POSTs a multipart form as the signed-in user with upload progress; renews the sign-in as authFetch does. */
  authUpload: <T>(path: string, form: FormData, options?: UploadOptions) => Promise<T>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/*
 * The refresh cookie is HttpOnly, so the page cannot see whether one exists. Asking the server on every
 * load would answer 401 to every visitor who never signed in (and log an error in the console each
 * time); this flag, which holds no secret, says a session was opened in this browser and may still be
 * alive. When storage is unavailable the app always asks.
 */
const SESSION_HINT_KEY = 'clearance.session';

function mayHaveSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

function rememberSessionHint(open: boolean): void {
  try {
    if (open) {
      window.localStorage.setItem(SESSION_HINT_KEY, '1');
    } else {
      window.localStorage.removeItem(SESSION_HINT_KEY);
    }
  } catch {
    // storage disabled: the next load asks the server anyway
  }
}

/** Renews the access token with the refresh cookie; null when there is no session (401). */
async function refresh(): Promise<Session | null> {
  try {
    const result = await requestJson<Session>('/api/auth/refresh', { method: 'POST', body: {} });
    return { accessToken: result.accessToken, user: result.user };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      return null;
    }
    throw error;
  }
}

// One restore per page load, even when React mounts the provider twice (StrictMode in development):
// refresh tokens rotate, so a second concurrent call would present an already used one.
let startupRestore: Promise<Session | null> | undefined;

function restoreOnce(): Promise<Session | null> {
  startupRestore ??= mayHaveSession() ? refresh().catch(() => null) : Promise.resolve(null);
  return startupRestore;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<AuthStatus>('restoring');
  const [signOutReason, setSignOutReason] = useState<SignOutReason | null>(null);
  // The current session for callbacks that must not change identity whenever the token does.
  const sessionRef = useRef<Session | null>(null);
  const statusRef = useRef<AuthStatus>('restoring');
  const refreshing = useRef<Promise<Session | null> | null>(null);

  const apply = useCallback((next: Session | null, reason: SignOutReason | null = null) => {
    sessionRef.current = next;
    setSignOutReason(reason);
    statusRef.current = next ? 'signedIn' : 'signedOut';
    setSession(next);
    setStatus(statusRef.current);
    rememberSessionHint(next !== null);
  }, []);

  useEffect(() => {
    let current = true;
    void restoreOnce().then((restored) => {
      // A sign-in that finished first wins.
      if (current && statusRef.current === 'restoring') {
        apply(restored);
      }
    });
    return () => {
      current = false;
    };
  }, [apply]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await requestJson<Session>('/api/auth/login', { method: 'POST', body: { email, password } });
      apply({ accessToken: result.accessToken, user: result.user });
      return result.user;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    const token = sessionRef.current?.accessToken;
    try {
      // Waited for, so that a sign-in right after cannot have its new cookie cleared by a late answer.
      await apiFetch('/api/auth/logout', { method: 'POST', body: {}, accessToken: token });
    } catch {
      // The local session ends all the same.
    }
    apply(null);
  }, [apply]);

  const forgetSession = useCallback((reason: SignOutReason) => apply(null, reason), [apply]);

  const updateUser = useCallback((changes: Partial<SignedInUser>) => {
    const current = sessionRef.current;
    if (current) {
      const next = { ...current, user: { ...current.user, ...changes } };
      sessionRef.current = next;
      setSession(next);
    }
  }, []);

  const renew = useCallback(() => {
    refreshing.current ??= refresh()
      .then((renewed) => {
        apply(renewed);
        return renewed;
      })
      .finally(() => {
        refreshing.current = null;
      });
    return refreshing.current;
  }, [apply]);

  const authFetch = useCallback(
    async (path: string, options: AuthedOptions = {}) => {
      const token = sessionRef.current?.accessToken;
      try {
        return await apiFetch(path, { ...options, accessToken: token });
      } catch (error) {
        // TOKEN_INVALID: the session behind the token changed. A plain 401 to a request that carried a
        // token: it has expired (its signature check fails before the api looks further). Either way,
        // one refresh, then one retry.
        if (error instanceof ApiError && error.status === 401 && (error.code === 'TOKEN_INVALID' || token)) {
          const renewed = await renew();
          if (renewed) {
            return apiFetch(path, { ...options, accessToken: renewed.accessToken });
          }
        }
        throw error;
      }
    },
    [renew],
  );

  const authJson = useCallback(
    async <T,>(path: string, options: AuthedOptions = {}): Promise<T> => {
      const response = await authFetch(path, options);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    [authFetch],
  );

  const uploads = useMemo<UploadSession>(
    () => ({
      token: () => sessionRef.current?.accessToken ?? null,
      renew: async () => (await renew())?.accessToken ?? null,
    }),
    [renew],
  );
  useEffect(() => registerUploadSession(uploads), [uploads]);

  const authUpload = useCallback(
    <T,>(path: string, form: FormData, options: UploadOptions = {}) =>
      uploadWithRenewal<T>(uploads, path, form, options),
    [uploads],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user: session?.user ?? null,
      accessToken: session?.accessToken ?? null,
      signIn,
      signOut,
      forgetSession,
      signOutReason,
      updateUser,
      authFetch,
      authJson,
      authUpload,
    }),
    [status, session, signIn, signOut, forgetSession, signOutReason, updateUser, authFetch, authJson, authUpload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error('useAuth must be used inside <AuthProvider>');
  }
  return value;
}

export function hasRole(user: SignedInUser | null, ...roles: string[]): boolean {
  return Boolean(user && user.roles.some((role) => roles.includes(role)));
}
