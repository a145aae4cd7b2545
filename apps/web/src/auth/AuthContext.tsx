import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { postJson } from './api';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  country: string;
  roles: string[];
}

interface Session {
  /** Kept in memory only: never written to localStorage or sessionStorage, where any script could read it. */
  accessToken: string;
  user: SignedInUser;
}

interface AuthContextValue {
  user: SignedInUser | null;
  accessToken: string | null;
  signIn: (email: string, password: string) => Promise<SignedInUser>;
  signOut: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await postJson<Session>('/api/auth/login', { email, password });
    setSession({ accessToken: result.accessToken, user: result.user });
    return result.user;
  }, []);

  const accessToken = session?.accessToken;
  const signOut = useCallback(() => {
    setSession(null);
    if (accessToken) {
      // Ends the server side of the session (refresh cookie); the local state is gone either way.
      postJson('/api/auth/logout', {}, accessToken).catch(() => undefined);
    }
  }, [accessToken]);

  const value = useMemo<AuthContextValue>(
    () => ({ user: session?.user ?? null, accessToken: session?.accessToken ?? null, signIn, signOut }),
    [session, signIn, signOut],
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
