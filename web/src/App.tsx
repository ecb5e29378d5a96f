import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { User } from './api';
import { Login } from './Login';
import { Inbox } from './Inbox';
import { strings } from './strings';

type Auth =
  | { kind: 'checking' }
  | { kind: 'anonymous'; notice: string | null; error: string | null }
  | { kind: 'signed-in'; user: User };

export function App() {
  const [auth, setAuth] = useState<Auth>({ kind: 'checking' });

  useEffect(() => {
    api.onUnauthenticated(() =>
      setAuth((a) =>
        a.kind === 'signed-in'
          ? { kind: 'anonymous', notice: strings.login.sessionEnded, error: null }
          : a,
      ),
    );
    let cancelled = false;
    api
      .currentSession()
      .then((session) => {
        if (cancelled) return;
        setAuth(
          session
            ? { kind: 'signed-in', user: session.user }
            : { kind: 'anonymous', notice: null, error: null },
        );
      })
      .catch(() => {
        if (!cancelled) setAuth({ kind: 'anonymous', notice: null, error: strings.errors.network });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (auth.kind !== 'signed-in') document.title = strings.login.title;
  }, [auth.kind]);

  if (auth.kind === 'checking') {
    return (
      <div class="splash" aria-busy="true">
        <span class="brand-mark" aria-hidden="true">W</span>
        <span class="visually-hidden">{strings.appName}</span>
      </div>
    );
  }
  if (auth.kind === 'anonymous') {
    return (
      <Login
        notice={auth.notice}
        initialError={auth.error}
        onSignedIn={(user) => setAuth({ kind: 'signed-in', user })}
      />
    );
  }
  return (
    <Inbox
      user={auth.user}
      onSignedOut={() => setAuth({ kind: 'anonymous', notice: strings.login.loggedOut, error: null })}
    />
  );
}
