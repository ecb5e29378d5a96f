// The left rail: the views with their counts, the review queue, the settings screens, and the
// stream, status and network filters. Apart from Inbox.tsx because it only renders links from
// what the inbox already holds; it keeps no state of its own.

import type { ComponentChildren } from 'preact';
import type { Stream, User, ViewCounts } from './api';
import { CONVERSATION_STATUSES, VIEWS } from './api';
import { NetworkBadge } from './ConversationList';
import { networkLabel, safeColour } from './format';
import { canReview } from './ReviewScreen';
import { hasFilters, routeHash, withoutFilters, type Route } from './route';
import { strings } from './strings';

interface Props {
  route: Route;
  user: User;
  /** Open conversations per view; null until loaded. */
  counts: ViewCounts | null;
  /** Replies waiting for review; null when the user does not review or it is not loaded yet. */
  pendingReplies: number | null;
  streams: Stream[];
  /** The network filters offered. */
  networks: string[];
  /** The inbox's link with these filters changed. */
  filterHref: (patch: Partial<Route>) => string;
}

export function InboxRail({ route, user, counts, pendingReplies, streams, networks, filterHref }: Props) {
  const onInbox = route.screen === 'inbox';
  const s = strings;
  return (
    <nav class="rail" aria-label={s.rail.label}>
      <h2 class="rail-heading">{s.rail.views}</h2>
      <ul class="rail-views">
        {VIEWS.map((view) => {
          const n = counts ? (view === 'team' ? counts.my_teams : counts[view]) : null;
          return (
            <li key={view}>
              <a
                href={routeHash({ ...withoutFilters(route), screen: 'inbox', conversationId: route.conversationId, view, open: '1' })}
                id={`view-${view}`}
                aria-current={onInbox && route.view === view ? 'page' : undefined}
              >
                <span class="rail-view-name">{s.rail.view[view]}</span>
                {typeof n === 'number' && (
                  <span class="rail-count" title={s.rail.viewCount(n)}>
                    {n}
                    <span class="visually-hidden">{` (${s.rail.viewCount(n)})`}</span>
                  </span>
                )}
              </a>
            </li>
          );
        })}
        <li>
          <a
            href={routeHash({ ...withoutFilters(route), screen: 'inbox', view: '' })}
            aria-current={onInbox && !hasFilters(route) && !route.view ? 'page' : undefined}
          >
            {s.rail.all}
          </a>
        </li>
      </ul>
      {canReview(user) && (
        <ul class="rail-review">
          <li>
            <ScreenLink screen="review" route={route}>
              <span class="rail-view-name">{s.review.rail}</span>
              {typeof pendingReplies === 'number' && pendingReplies > 0 && (
                <span class="rail-count is-attention" id="pending-count" title={s.review.railCount(pendingReplies)}>
                  {pendingReplies}
                  <span class="visually-hidden">{` (${s.review.railCount(pendingReplies)})`}</span>
                </span>
              )}
            </ScreenLink>
          </li>
        </ul>
      )}
      <h2 class="rail-heading">{s.rail.listening}</h2>
      <ul>
        <li>
          <ScreenLink screen="streams" route={route}>
            {s.rail.streams}
          </ScreenLink>
        </li>
        <li>
          <ScreenLink screen="routing" route={route}>
            {s.rail.routing}
          </ScreenLink>
        </li>
        {(user.role === 'lead' || user.role === 'admin') && (
          <li>
            <ScreenLink screen="canned" route={route}>
              {s.canned.rail}
            </ScreenLink>
          </li>
        )}
        {(user.role === 'lead' || user.role === 'admin') && (
          <li>
            <ScreenLink screen="sla" route={route}>
              {s.sla.rail}
            </ScreenLink>
          </li>
        )}
      </ul>
      {streams.length > 0 && (
        <>
          <h2 class="rail-heading rail-streams">{s.rail.byStream}</h2>
          <ul class="rail-streams">
            <li>
              <a href={filterHref({ stream: '' })} aria-current={onInbox && !route.stream ? 'true' : undefined}>
                {s.rail.anyStream}
              </a>
            </li>
            {streams.map((stream) => (
              <li key={stream.id}>
                <a
                  href={filterHref({ stream: String(stream.id) })}
                  aria-current={onInbox && route.stream === String(stream.id) ? 'true' : undefined}
                  class={stream.active ? undefined : 'is-paused'}
                >
                  <span class="dot" style={{ color: safeColour(stream.colour) }} aria-hidden="true" />
                  <span class="rail-stream-name">{stream.name}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 class="rail-heading">{s.rail.status}</h2>
      <ul>
        <li>
          <a
            href={filterHref({ status: '', open: '' })}
            aria-current={onInbox && !route.status && !route.open ? 'true' : undefined}
          >
            {s.rail.anyStatus}
          </a>
        </li>
        <li>
          <a href={filterHref({ status: '', open: '1' })} aria-current={onInbox && route.open ? 'true' : undefined}>
            <span class="dot status-open" aria-hidden="true" />
            {s.rail.notResolved}
          </a>
        </li>
        {CONVERSATION_STATUSES.map((status) => (
          <li key={status}>
            <a href={filterHref({ status, open: '' })} aria-current={onInbox && route.status === status ? 'true' : undefined}>
              <span class={`dot status-${status}`} aria-hidden="true" />
              {s.status[status]}
            </a>
          </li>
        ))}
      </ul>
      <h2 class="rail-heading">{s.rail.network}</h2>
      <ul>
        <li>
          <a href={filterHref({ network: '' })} aria-current={onInbox && !route.network ? 'true' : undefined}>
            {s.rail.anyNetwork}
          </a>
        </li>
        {networks.map((network) => (
          <li key={network}>
            <a href={filterHref({ network })} aria-current={onInbox && route.network === network ? 'true' : undefined}>
              <NetworkBadge network={network} />
              {networkLabel(network)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link to one of the other screens, marked as the current page while it is shown. */
function ScreenLink({ screen, route, children }: { screen: Route['screen']; route: Route; children: ComponentChildren }) {
  return (
    <a href={`#/${screen}`} id={`nav-${screen}`} aria-current={route.screen === screen ? 'page' : undefined}>
      {children}
    </a>
  );
}
