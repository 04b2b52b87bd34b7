import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler } from './api.ts';

export type Role = 'admin' | 'marketer' | 'sales_rep';
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  slug: string | null;
}
interface Me {
  workspaceId: string;
  role: Role;
  user: CurrentUser | null;
}

interface SessionState {
  status: 'loading' | 'signed-out' | 'signed-in';
  me: Me | null;
  logIn: (email: string, password: string) => Promise<void>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionState['status']>('loading');

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/api/v1/me'));
      setStatus('signed-in');
    } catch {
      setMe(null);
      setStatus('signed-out');
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      setStatus('signed-out');
    });
    void refresh();
  }, [refresh]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      await api.post('/api/v1/auth/login', { email, password });
      await refresh();
    },
    [refresh],
  );
  const logOut = useCallback(async () => {
    await api.post('/api/v1/auth/logout');
    setMe(null);
    setStatus('signed-out');
  }, []);

  const value = useMemo(() => ({ status, me, logIn, logOut }), [status, me, logIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
