// The URL hash holds the screen state so that a reload (or a shared link) reopens it:
//   #/                          the inbox
//   #/c/123                     conversation 123 open
//   #/c/123?status=open&network=x&q=storing   with filters
//   #/?sentiment=negative&min_priority=50&stream=3&sort=priority
//   #/?view=mine&open=1         a view of the left rail (mine, team, unassigned, all), not resolved
//   #/streams                   the streams of the listening engine
//   #/routing                   the routing rules
//   #/review                    replies that need a lead's approval (and, for admins, the settings)
//   #/canned                    canned answers (and, for admins, the company settings)
//   #/sla                       business hours, SLA policies and the first-response report
//   #/?sla=breached&sort=sla    conversations past their SLA, soonest deadline first

import { useEffect, useState } from 'preact/hooks';

export type Screen = 'inbox' | 'streams' | 'routing' | 'review' | 'canned' | 'sla';

export interface Route {
  screen: Screen;
  conversationId: number | null;
  status: string;
  network: string;
  q: string;
  /** A language code ("nl"). */
  language: string;
  /** negative | neutral | positive. */
  sentiment: string;
  /** "0".."100", or "" for any. */
  minPriority: string;
  /** A stream id. */
  stream: string;
  /** A team id. */
  team: string;
  /** "" (recent, the default), "priority" or "sla" (soonest SLA deadline first). */
  sort: string;
  /** The view of the left rail: "" (everything the user may see), mine, team, unassigned, all. */
  view: string;
  /** A label. */
  label: string;
  /** "1": every status but resolved. */
  open: string;
  /** The SLA state: breached, warning, ok, none. */
  sla: string;
}

/** The filters of the conversation list (everything in the query string but the order). */
export const FILTER_KEYS = [
  'status',
  'network',
  'q',
  'language',
  'sentiment',
  'minPriority',
  'stream',
  'team',
  'label',
  'open',
  'sla',
] as const;

/** The URL parameter of each Route field kept in the query string. */
const PARAMS: ReadonlyArray<readonly [keyof Route & string, string]> = [
  ['status', 'status'],
  ['network', 'network'],
  ['q', 'q'],
  ['language', 'language'],
  ['sentiment', 'sentiment'],
  ['minPriority', 'min_priority'],
  ['stream', 'stream'],
  ['team', 'team'],
  ['sort', 'sort'],
  ['view', 'view'],
  ['label', 'label'],
  ['open', 'open'],
  ['sla', 'sla'],
];

export const INBOX: Route = {
  screen: 'inbox',
  conversationId: null,
  status: '',
  network: '',
  q: '',
  language: '',
  sentiment: '',
  minPriority: '',
  stream: '',
  team: '',
  sort: '',
  view: '',
  label: '',
  open: '',
  sla: '',
};

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const match = /^\/c\/(\d+)\/?$/.exec(path);
  let screen: Screen = 'inbox';
  if (/^\/streams\/?$/.test(path)) screen = 'streams';
  else if (/^\/routing\/?$/.test(path)) screen = 'routing';
  else if (/^\/review\/?$/.test(path)) screen = 'review';
  else if (/^\/canned\/?$/.test(path)) screen = 'canned';
  else if (/^\/sla\/?$/.test(path)) screen = 'sla';
  const route: Route = { ...INBOX, screen, conversationId: match ? Number(match[1]) : null };
  for (const [field, param] of PARAMS) (route as unknown as Record<string, string>)[field] = params.get(param) ?? '';
  if (route.sort === 'recent') route.sort = '';
  return route;
}

export function routeHash(route: Route): string {
  if (route.screen === 'streams') return '#/streams';
  if (route.screen === 'routing') return '#/routing';
  if (route.screen === 'review') return '#/review';
  if (route.screen === 'canned') return '#/canned';
  if (route.screen === 'sla') return '#/sla';
  const params = new URLSearchParams();
  for (const [field, param] of PARAMS) {
    const value = route[field];
    if (typeof value === 'string' && value) params.set(param, value);
  }
  const qs = params.toString();
  const path = route.conversationId !== null ? `/c/${route.conversationId}` : '/';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/** True when any filter narrows the list (the order is not a filter). */
export function hasFilters(route: Route): boolean {
  return FILTER_KEYS.some((key) => route[key] !== '');
}

/** The same route without filters (the view, the order and the open conversation stay). */
export function withoutFilters(route: Route): Route {
  const next = { ...route };
  for (const key of FILTER_KEYS) next[key] = '';
  return next;
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
