import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  createApiClient,
  EMPTY_JSON_BODY,
  pathOf,
  publicApi,
  unwrap,
  type ApiClient,
  type UploadAnswer,
  type UploadPath,
} from '../api/client';
import { ApiError } from './api';
import { uploadWithRenewal, type UploadOptions, type UploadSession } from './upload';

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
  /**
   * The generated API client as the signed-in user (apps/web/src/api/client.ts): renews the access token
   * once if it has expired; error answers throw ApiError.
   */
  api: ApiClient;
  /**
   * POSTs a multipart form to `path` (its `{params}` filled in) as the signed-in user, with upload
   * progress; renews the sign-in as `api` does.
   */
  authUpload: <P extends UploadPath>(
    path: P,
    params: Record<string, string>,
    form: FormData,
    options?: UploadOptions,
  ) => Promise<UploadAnswer<P>>;
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
    const result = await unwrap(publicApi.POST('/api/auth/refresh', EMPTY_JSON_BODY));
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
      const result = await unwrap(publicApi.POST('/api/auth/login', { body: { email, password } }));
      apply({ accessToken: result.accessToken, user: result.user });
      return result.user;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    const token = sessionRef.current?.accessToken;
    try {
      // Waited for, so that a sign-in right after cannot have its new cookie cleared by a late answer.
      await createApiClient({ token: () => token ?? null }).POST('/api/auth/logout', EMPTY_JSON_BODY);
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

  const uploads = useMemo<UploadSession>(
    () => ({
      token: () => sessionRef.current?.accessToken ?? null,
      renew: async () => (await renew())?.accessToken ?? null,
    }),
    [renew],
  );

  const api = useMemo(() => createApiClient(uploads), [uploads]);

  const authUpload = useCallback(
    <P extends UploadPath>(path: P, params: Record<string, string>, form: FormData, options: UploadOptions = {}) =>
      uploadWithRenewal<UploadAnswer<P>>(uploads, pathOf(path, params), form, options),
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
      api,
      authUpload,
    }),
    [status, session, signIn, signOut, forgetSession, signOutReason, updateUser, api, authUpload],
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
