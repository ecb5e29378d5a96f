// Applying a conversation from the live feed to the list on screen: replace the row when the
// conversation still belongs in the view, insert it at its place when it is new to the view,
// drop it when it no longer belongs (resolved while the view shows open ones, claimed by a
// colleague while the view is "Unassigned", ...).

import type { Conversation } from './api';
import type { Route } from './route';

export interface Viewer {
  userId: number;
  /** The teams of the signed-in user (for "My teams"). Null while unknown. */
  teams: Set<number> | null;
}

/**
 * Whether `c` belongs in the list of `route`: true, false, or null when the screen cannot tell
 * (a search query, or "My teams" before the teams are known). Visibility is the server's job:
 * the feed only carries conversations the user may see.
 */
export function matchesRoute(c: Conversation, route: Route, viewer: Viewer): boolean | null {
  const assignee = c.assignee?.id ?? c.assignee_id ?? null;
  const team = c.team?.id ?? c.team_id ?? null;
  if (route.view === 'mine' && assignee !== viewer.userId) return false;
  if (route.view === 'unassigned' && assignee !== null) return false;
  if (route.status && c.status !== route.status) return false;
  if (route.open && c.status === 'resolved') return false;
  if (route.network && c.network !== route.network) return false;
  if (route.language && (c.language ?? '') !== route.language) return false;
  if (route.sentiment && (c.sentiment ?? '') !== route.sentiment) return false;
  if (route.minPriority && c.priority < Number(route.minPriority)) return false;
  if (route.stream && !(c.streams ?? []).some((s) => String(s.id) === route.stream)) return false;
  if (route.team && String(team ?? '') !== route.team) return false;
  if (route.label && !(c.labels ?? []).includes(route.label)) return false;
  if (route.sla && (c.sla?.state ?? 'none') !== route.sla) return false;
  if (route.view === 'team') {
    if (!viewer.teams) return null;
    if (team === null || !viewer.teams.has(team)) return false;
  }
  if (route.q) return null;
  return true;
}

/** The order of the list: newest activity first, or highest priority first. */
export function compareConversations(sort: string): (a: Conversation, b: Conversation) => number {
  const recent = (a: Conversation, b: Conversation) =>
    Date.parse(b.last_post_at) - Date.parse(a.last_post_at) || b.id - a.id;
  if (sort === 'priority') return (a, b) => b.priority - a.priority || recent(a, b);
  if (sort === 'sla') {
    // Soonest SLA deadline first, conversations without a running clock last (as the server).
    const due = (c: Conversation) => (c.sla?.due_at ? Date.parse(c.sla.due_at) : Number.MAX_SAFE_INTEGER);
    return (a, b) => due(a) - due(b) || a.id - b.id;
  }
  return recent;
}

/**
 * The list after `c` changed. `complete` tells whether the list holds every conversation of
 * the view (no next page): a conversation that sorts after the last row is only added then.
 */
export function applyConversation(
  items: Conversation[],
  c: Conversation,
  route: Route,
  viewer: Viewer,
  complete: boolean,
): Conversation[] {
  const index = items.findIndex((x) => x.id === c.id);
  const match = matchesRoute(c, route, viewer);
  if (match === false) return index >= 0 ? items.filter((x) => x.id !== c.id) : items;
  if (match === null) {
    // Cannot tell: refresh the row if it is shown, never add one.
    if (index < 0) return items;
    const next = items.slice();
    next[index] = c;
    return next;
  }
  const rest = index >= 0 ? items.filter((x) => x.id !== c.id) : items.slice();
  const compare = compareConversations(route.sort);
  let at = rest.findIndex((x) => compare(c, x) < 0);
  if (at < 0) {
    if (!complete && index < 0) return items; // belongs on a page not loaded yet
    at = rest.length;
  }
  rest.splice(at, 0, c);
  return rest;
}
