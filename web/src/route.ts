// The URL hash holds the screen state so that a reload (or a shared link) reopens it:
//   #/                          the inbox
//   #/c/123                     conversation 123 open
//   #/c/123?status=open&network=x&q=storing   with filters

import { useEffect, useState } from 'preact/hooks';

export interface Route {
  conversationId: number | null;
  status: string;
  network: string;
  q: string;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const match = /^\/c\/(\d+)\/?$/.exec(path);
  return {
    conversationId: match ? Number(match[1]) : null,
    status: params.get('status') ?? '',
    network: params.get('network') ?? '',
    q: params.get('q') ?? '',
  };
}

export function routeHash(route: Route): string {
  const params = new URLSearchParams();
  if (route.status) params.set('status', route.status);
  if (route.network) params.set('network', route.network);
  if (route.q) params.set('q', route.q);
  const qs = params.toString();
  const path = route.conversationId !== null ? `/c/${route.conversationId}` : '/';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
