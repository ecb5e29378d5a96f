import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Conversation, Notification, Person, Presence, Stream, Team, User, ViewCounts } from './api';
import { CONVERSATION_STATUSES, VIEWS } from './api';
import { StreamColours } from './Analysis';
import { ConversationList, type ListState } from './ConversationList';
import { BulkBar, PageCheckbox } from './BulkBar';
import { bulkFilter, useBulkSelection } from './bulk';
import { UndoToast } from './UndoToast';
import { ConversationView, type ConversationActions } from './ConversationView';
import { applyConversation, type Viewer } from './live';
import { Realtime, RealtimeClient, useConnectionState, type RealtimeMessage } from './realtime';
import { bellMayChange, NotificationsMenu } from './NotificationsMenu';
import { NetworkBadge } from './ConversationList';
import { FilterBar } from './FilterBar';
import { errorText, networkLabel, safeColour } from './format';
import { hasFilters, INBOX, navigate, parseHash, routeHash, useRoute, withoutFilters, type Route } from './route';
import { RoutingScreen } from './RoutingScreen';
import { CannedScreen } from './CannedScreen';
import { canReview, ReviewScreen, usePendingCount } from './ReviewScreen';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SlaScreen } from './SlaScreen';
import { StreamsScreen } from './StreamsScreen';
import { strings } from './strings';

/** Networks offered as filters in the left rail (a network in the URL that is not here is added). */
export const NETWORKS = ['x', 'mastodon', 'bluesky', 'facebook', 'instagram', 'linkedin', 'forum', 'email', 'phone'];

const PAGE_SIZE = 50;

const EMPTY_LIST: ListState = {
  items: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
  error: null,
  searchError: null,
  moreError: null,
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

interface Props {
  user: User;
  onSignedOut: () => void;
}

export function Inbox({ user, onSignedOut }: Props) {
  const route = useRoute();
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const [selected, setSelected] = useState(-1);
  const selectedRef = useRef(-1);
  const select = useCallback((index: number) => {
    selectedRef.current = index;
    setSelected(index);
  }, []);
  const selectedIdRef = useRef<number | null>(null);
  const liveChange = useRef(false);
  /**
   * Changes from the live feed that came while the first page was being loaded: the page may
   * have been read before them, so they are applied to it again when it arrives. Null when no
   * load is under way.
   */
  const changesDuringLoad = useRef<Array<(items: Conversation[], complete: boolean) => Conversation[]> | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  // The live feed, for the whole signed-in session.
  const [realtime] = useState(() => new RealtimeClient());
  const connection = useConnectionState(realtime);
  const pendingReplies = usePendingCount(realtime, user);
  const [people, setPeople] = useState<Person[]>([]);
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const [presence, setPresence] = useState<Map<number, Presence[]>>(() => new Map());
  const [notifications, setNotifications] = useState<{ items: Notification[]; unread: number; error: boolean }>({
    items: [],
    unread: 0,
    error: false,
  });
  const actionsRef = useRef<ConversationActions | null>(null);
  const [draft, setDraft] = useState(route.q);
  const [now, setNow] = useState(Date.now());
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const moreController = useRef<AbortController | null>(null);
  const onInbox = route.screen === 'inbox';
  // Streams and teams for the filters, the rail and the stream colours; reloaded whenever the
  // screen changes (the streams screen may have changed them).
  const [streams, setStreams] = useState<Stream[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [configKey, setConfigKey] = useState(0);
  const colours = useMemo(() => new Map(streams.map((x) => [x.id, safeColour(x.colour)])), [streams]);
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const viewer = useMemo<Viewer>(() => {
    const me = people.find((p) => p.id === user.id);
    return { userId: user.id, teams: me ? new Set(me.teams) : null };
  }, [people, user.id]);

  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);

  useEffect(() => {
    const controller = new AbortController();
    api.listPeople(controller.signal).then(setPeople, () => {});
    return () => controller.abort();
  }, []);

  // The open-conversation counts of the views, refreshed (debounced) as events come in.
  const countsTimer = useRef<number | undefined>(undefined);
  const loadCounts = useCallback(() => {
    api.getCounts().then(setCounts, () => {});
  }, []);
  const refreshCounts = useCallback(() => {
    window.clearTimeout(countsTimer.current);
    countsTimer.current = window.setTimeout(loadCounts, 700);
  }, [loadCounts]);
  useEffect(() => {
    loadCounts();
    return () => window.clearTimeout(countsTimer.current);
  }, [loadCounts]);

  const loadNotifications = useCallback(() => {
    api.listNotifications().then(
      (r) => setNotifications({ items: r.notifications, unread: r.unread, error: false }),
      () => setNotifications((n) => ({ ...n, error: true })),
    );
  }, []);
  useEffect(loadNotifications, [loadNotifications]);
  useEffect(() => {
    const controller = new AbortController();
    // Failures leave the filters without names; the list itself still works.
    api.listStreams(controller.signal).then(setStreams, () => {});
    api.listTeams(controller.signal).then(setTeams, () => {});
    return () => controller.abort();
  }, [route.screen, configKey]);

  // Keep relative times fresh.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => setDraft(route.q), [route.q]);

  useEffect(() => {
    if (route.screen === 'streams') document.title = `${strings.streams.title} – ${strings.appName}`;
    else if (route.screen === 'routing') document.title = `${strings.routing.title} – ${strings.appName}`;
    else if (route.screen === 'review') document.title = `${strings.review.title} – ${strings.appName}`;
    else if (route.screen === 'canned') document.title = `${strings.canned.title} – ${strings.appName}`;
    else if (route.screen === 'sla') document.title = `${strings.sla.title} – ${strings.appName}`;
    else if (route.conversationId === null) document.title = strings.appName;
  }, [route.conversationId, route.screen]);

  const listQuery = (r: Route): api.ConversationQuery => ({
    status: r.status,
    network: r.network,
    q: r.q,
    language: r.language,
    sentiment: r.sentiment,
    min_priority: r.minPriority,
    stream: r.stream,
    team: r.team,
    sort: r.sort,
    view: r.view,
    label: r.label,
    open: r.open,
    sla: r.sla,
    limit: PAGE_SIZE,
  });

  // Conversations selected for a bulk action, and the undo of the latest bulk deletion.
  const bulk = useBulkSelection(list.items, listQuery(route));
  const bulkRef = useRef(bulk);
  bulkRef.current = bulk;
  const [undo, setUndo] = useState<{ undo: api.BulkUndo; receivedAt: number } | null>(null);
  const closeUndo = useCallback(() => setUndo(null), []);

  // Load the first page whenever the filters change (only while the inbox is shown).
  useEffect(() => {
    if (!onInbox) return undefined;
    const controller = new AbortController();
    moreController.current?.abort();
    setList((l) => ({ ...l, loading: true, error: null, searchError: null, moreError: null }));
    changesDuringLoad.current = [];
    api
      .listConversations(listQuery(route), controller.signal)
      .then((page) => {
        liveChange.current = false;
        let items = page.conversations;
        for (const change of changesDuringLoad.current ?? []) items = change(items, !page.next_cursor);
        changesDuringLoad.current = null;
        setList({
          items,
          nextCursor: page.next_cursor,
          loading: false,
          loadingMore: false,
          error: null,
          searchError: null,
          moreError: null,
        });
        const openId = parseHash(window.location.hash).conversationId;
        select(page.conversations.findIndex((c) => c.id === openId));
        listRef.current?.scrollTo?.({ top: 0 });
      })
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        changesDuringLoad.current = null;
        if (e instanceof api.ApiError && e.status === 401) return;
        // A 400 with a query is the query's fault: shown at the search box. Any other 400 (a
        // bad filter in a hand-edited URL) is shown in the list.
        const searchError = e instanceof api.ApiError && e.status === 400 && route.q ? errorText(e) : null;
        setList({
          ...EMPTY_LIST,
          loading: false,
          error: searchError ? null : errorText(e),
          searchError,
        });
        select(-1);
      });
    return () => controller.abort();
    // route.conversationId is deliberately not a dependency: opening a conversation keeps the list.
  }, [
    onInbox,
    route.status,
    route.network,
    route.q,
    route.language,
    route.sentiment,
    route.minPriority,
    route.stream,
    route.team,
    route.sort,
    route.view,
    route.label,
    route.open,
    route.sla,
    reloadKey,
    select,
  ]);

  // Keep the selection on the same conversation when live changes move or drop rows.
  useEffect(() => {
    if (liveChange.current) {
      liveChange.current = false;
      const id = selectedIdRef.current;
      const index = id === null ? -1 : list.items.findIndex((c) => c.id === id);
      if (index !== selectedRef.current) {
        select(index);
        return;
      }
    }
    selectedIdRef.current = list.items[selected]?.id ?? null;
  }, [list.items, selected, select]);

  // Follow the open conversation with the selection (e.g. after Back/Forward).
  useEffect(() => {
    if (route.conversationId === null) return;
    const index = list.items.findIndex((c) => c.id === route.conversationId);
    if (index >= 0) select(index);
  }, [route.conversationId, list.items, select]);

  const loadMore = useCallback(() => {
    if (!list.nextCursor || list.loadingMore || list.loading) return;
    const controller = new AbortController();
    moreController.current = controller;
    const cursor = list.nextCursor;
    setList((l) => ({ ...l, loadingMore: true, moreError: null }));
    api
      .listConversations({ ...listQuery(route), cursor }, controller.signal)
      .then((page) =>
        setList((l) => {
          const seen = new Set(l.items.map((c) => c.id));
          return {
            ...l,
            items: [...l.items, ...page.conversations.filter((c) => !seen.has(c.id))],
            nextCursor: page.next_cursor,
            loadingMore: false,
          };
        }),
      )
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        setList((l) => ({ ...l, loadingMore: false, moreError: errorText(e) }));
      });
    // listQuery reads only `route`.
  }, [list.nextCursor, list.loadingMore, list.loading, route]);

  const focusRow = useCallback((index: number) => {
    const row = listRef.current?.querySelector<HTMLElement>(`.conv-row[data-index="${index}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'nearest' });
    }
  }, []);

  // The keyboard handler is registered once and reads the latest state from this ref, so
  // that keys pressed faster than the screen re-renders are not lost.
  const latest = useRef({ list, route, showShortcuts, loadMore, viewer });
  latest.current = { list, route, showShortcuts, loadMore, viewer };

  // A conversation deleted, or moved out of the user's sight, leaves the list and the pane at once.
  const dropConversation = useCallback((gone: number) => {
    const drop = (items: Conversation[]) => items.filter((x) => x.id !== gone);
    changesDuringLoad.current?.push(drop);
    liveChange.current = true;
    setList((l) => ({ ...l, items: drop(l.items) }));
    const r = latest.current.route;
    if (r.conversationId === gone) navigate({ ...r, conversationId: null });
  }, []);

  // The live feed: rows follow the events, counts are refreshed, presence shown.
  useEffect(
    () =>
      realtime.subscribe((m: RealtimeMessage) => {
        switch (m.type) {
          case 'event': {
            const c = m.conversation;
            if (c) {
              const { route: r, viewer: v } = latest.current;
              const change = (items: Conversation[], complete: boolean) => applyConversation(items, c, r, v, complete);
              changesDuringLoad.current?.push(change);
              liveChange.current = true;
              setList((l) => (l.error || l.searchError ? l : { ...l, items: change(l.items, !l.nextCursor) }));
            }
            refreshCounts();
            if (m.kind === 'conversation.deleted' && m.conversation_id !== null) dropConversation(m.conversation_id);
            // A reply to approve, or one's own reply rejected: the bell shows it.
            if (bellMayChange(m, user)) loadNotifications();
            break;
          }
          case 'out_of_sight':
            refreshCounts();
            dropConversation(m.conversation_id);
            break;
          case 'presence':
            setPresence((old) => {
              const next = new Map(old);
              if (m.people.length === 0) next.delete(m.conversation_id);
              else next.set(m.conversation_id, m.people);
              return next;
            });
            break;
          case 'notification': {
            const { type: _type, ...n } = m;
            setNotifications((old) =>
              old.items.some((x) => x.id === n.id)
                ? old
                : { items: [n, ...old.items], unread: old.unread + (n.read ? 0 : 1), error: false },
            );
            break;
          }
          case 'resync':
            setReloadKey((k) => k + 1);
            loadCounts();
            loadNotifications();
            break;
          case 'hello':
            refreshCounts();
            break;
          default:
            break;
        }
      }),
    [realtime, refreshCounts, loadCounts, loadNotifications, dropConversation],
  );

  useEffect(() => {
    function move(delta: number) {
      const { list: l, loadMore: more } = latest.current;
      if (l.items.length === 0) return;
      const current = selectedRef.current;
      let next = current < 0 ? (delta > 0 ? 0 : l.items.length - 1) : current + delta;
      if (next >= l.items.length) {
        next = l.items.length - 1;
        if (l.nextCursor) more();
      }
      next = Math.max(0, next);
      select(next);
      focusRow(next);
    }

    function openSelected(): boolean {
      const { list: l, route: r } = latest.current;
      const c = l.items[selectedRef.current];
      if (!c) return false;
      navigate({ ...r, conversationId: c.id });
      return true;
    }

    function onKey(event: KeyboardEvent) {
      const { route: r, showShortcuts: dialogOpen } = latest.current;
      if (dialogOpen) return; // the dialog handles its own keys
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return; // another modal dialog is open
      const target = event.target;
      if (r.screen !== 'inbox') {
        // The other screens are forms: only the shortcuts overlay.
        if (event.key === '?' && !isTyping(target)) {
          event.preventDefault();
          setShowShortcuts(true);
        }
        return;
      }
      if (isTyping(target)) {
        if (event.key === 'Escape' && target === searchRef.current) {
          event.preventDefault();
          setDraft(r.q);
          searchRef.current?.blur();
          if (selectedRef.current >= 0) focusRow(selectedRef.current);
        }
        return;
      }
      switch (event.key) {
        case 'j':
          event.preventDefault();
          move(1);
          break;
        case 'k':
          event.preventDefault();
          move(-1);
          break;
        case 'x':
        case 'X': {
          // Selects (or unselects) the highlighted row for a bulk action; Shift: a range.
          const c = latest.current.list.items[selectedRef.current];
          if (!c) return;
          event.preventDefault();
          bulkRef.current.toggle(c.id, event.shiftKey);
          break;
        }
        case 'Enter': {
          // Buttons and other links keep their own Enter.
          const el = target instanceof HTMLElement ? target : null;
          const onRow = el?.classList.contains('conv-row') ?? false;
          if (el && !onRow && el !== document.body && el.matches('a, button, summary, [tabindex]')) return;
          if (openSelected()) event.preventDefault();
          break;
        }
        case '/':
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case '?':
          event.preventDefault();
          setShowShortcuts(true);
          break;
        case 'a':
        case 'e':
        case 's':
        case 'r':
        case 'n': {
          const actions = actionsRef.current;
          if (r.conversationId === null || !actions) return;
          event.preventDefault();
          if (event.key === 'a') actions.claimOrAssign();
          else if (event.key === 'e') actions.resolve();
          else if (event.key === 's') actions.snooze();
          else if (event.key === 'r') actions.focusReply();
          else actions.focusNote();
          break;
        }
        case 'Escape':
          if (r.conversationId !== null) {
            event.preventDefault();
            navigate({ ...r, conversationId: null });
            if (selectedRef.current >= 0) focusRow(selectedRef.current);
          }
          break;
        default:
          break;
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [focusRow, select]);

  function submitSearch(event: Event) {
    event.preventDefault();
    const q = draft.trim();
    if (q === route.q) setReloadKey((k) => k + 1);
    else navigate({ ...route, q });
  }

  function clearSearch() {
    setDraft('');
    navigate({ ...route, q: '' });
    searchRef.current?.focus();
  }

  async function logOut() {
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // The session is dropped locally either way.
    }
    onSignedOut();
  }

  const filterHref = (patch: Partial<Route>) => routeHash({ ...route, screen: 'inbox', ...patch });
  const networks = route.network && !NETWORKS.includes(route.network) ? [...NETWORKS, route.network] : NETWORKS;
  const hasConversation = onInbox && route.conversationId !== null;
  const s = strings;
  const screenRef = useRef<HTMLElement>(null);

  function skip() {
    if (!onInbox) screenRef.current?.focus();
    else if (selected >= 0) focusRow(selected);
    else listRef.current?.focus();
  }

  return (
    <Realtime.Provider value={realtime}>
    <StreamColours.Provider value={colours}>
    <div class={`app${hasConversation ? ' has-conversation' : ''}${onInbox ? '' : ' on-screen'}`}>
      <button type="button" class="skip-link" onClick={skip}>
        {onInbox ? s.list.skipTo : s.skipToContent}
      </button>
      <header class="topbar">
        <a class="brand" href={routeHash(INBOX)}>
          <span class="brand-mark" aria-hidden="true">
            W
          </span>
          <span>{s.appName}</span>
        </a>
        <div class="topbar-right">
          <span
            class={`connection connection-${connection}`}
            role="status"
            title={connection === 'live' ? s.header.liveTitle : s.header.reconnectingTitle}
          >
            <span class="connection-dot" aria-hidden="true" />
            {connection === 'live'
              ? s.header.live
              : connection === 'connecting'
                ? s.header.connecting
                : s.header.reconnecting}
          </span>
          <NotificationsMenu
            state={notifications}
            now={now}
            onOpen={(n) => {
              if (n.conversation_id !== null) navigate({ ...route, screen: 'inbox', conversationId: n.conversation_id });
            }}
            onReadAll={() => {
              const newest = notifications.items.reduce((m, n) => Math.max(m, n.id), 0);
              if (newest === 0) return;
              setNotifications((old) => ({ ...old, unread: 0, items: old.items.map((n) => ({ ...n, read: true })) }));
              api.markNotificationsRead(newest).catch(loadNotifications);
            }}
            onReadOne={(n) => {
              if (n.read) return;
              setNotifications((old) => ({
                ...old,
                unread: Math.max(0, old.unread - 1),
                items: old.items.map((x) => (x.id === n.id ? { ...x, read: true } : x)),
              }));
              // up_to marks everything older too: only when nothing older is unread.
              const olderUnread = notifications.items.some((x) => x.id < n.id && !x.read);
              if (!olderUnread) api.markNotificationsRead(n.id).catch(loadNotifications);
            }}
          />
          <button
            type="button"
            class="icon-button"
            onClick={() => setShowShortcuts(true)}
            title={s.header.shortcuts}
            aria-label={s.header.shortcuts}
          >
            ?
          </button>
          <span class="user-name" title={s.header.signedInAs(user.name, user.role)}>
            {user.name || user.email}
          </span>
          <button type="button" class="button subtle" onClick={logOut} disabled={loggingOut}>
            {loggingOut ? s.header.loggingOut : s.header.logout}
          </button>
        </div>
      </header>

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
              <a href="#/review" id="nav-review" aria-current={route.screen === 'review' ? 'page' : undefined}>
                <span class="rail-view-name">{s.review.rail}</span>
                {typeof pendingReplies === 'number' && pendingReplies > 0 && (
                  <span class="rail-count is-attention" id="pending-count" title={s.review.railCount(pendingReplies)}>
                    {pendingReplies}
                    <span class="visually-hidden">{` (${s.review.railCount(pendingReplies)})`}</span>
                  </span>
                )}
              </a>
            </li>
          </ul>
        )}
        <h2 class="rail-heading">{s.rail.listening}</h2>
        <ul>
          <li>
            <a href="#/streams" id="nav-streams" aria-current={route.screen === 'streams' ? 'page' : undefined}>
              {s.rail.streams}
            </a>
          </li>
          <li>
            <a href="#/routing" id="nav-routing" aria-current={route.screen === 'routing' ? 'page' : undefined}>
              {s.rail.routing}
            </a>
          </li>
          {(user.role === 'lead' || user.role === 'admin') && (
            <li>
              <a href="#/canned" id="nav-canned" aria-current={route.screen === 'canned' ? 'page' : undefined}>
                {s.canned.rail}
              </a>
            </li>
          )}
          {(user.role === 'lead' || user.role === 'admin') && (
            <li>
              <a href="#/sla" id="nav-sla" aria-current={route.screen === 'sla' ? 'page' : undefined}>
                {s.sla.rail}
              </a>
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

      {route.screen === 'streams' && (
        <main class="screen" id="screen-main" ref={screenRef} tabIndex={-1}>
          <StreamsScreen user={user} onChanged={() => setConfigKey((k) => k + 1)} />
        </main>
      )}
      {route.screen === 'routing' && (
        <main class="screen" id="screen-main" ref={screenRef} tabIndex={-1}>
          <RoutingScreen user={user} />
        </main>
      )}
      {route.screen === 'review' && (
        <main class="screen" id="screen-main" ref={screenRef} tabIndex={-1}>
          <ReviewScreen user={user} now={now} />
        </main>
      )}
      {route.screen === 'canned' && (
        <main class="screen" id="screen-main" ref={screenRef} tabIndex={-1}>
          <CannedScreen user={user} />
        </main>
      )}
      {route.screen === 'sla' && (
        <main class="screen" id="screen-main" ref={screenRef} tabIndex={-1}>
          <SlaScreen user={user} />
        </main>
      )}
      {onInbox && (
      <main class="workspace">
        <section class="list-pane" aria-label={s.list.label}>
          <form class="search" role="search" onSubmit={submitSearch}>
            <label class="visually-hidden" for="search-input">
              {s.list.searchLabel}
            </label>
            <input
              ref={searchRef}
              id="search-input"
              type="search"
              name="q"
              placeholder={s.list.searchPlaceholder}
              autocomplete="off"
              spellcheck={false}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
              aria-invalid={list.searchError ? true : undefined}
              aria-describedby={list.searchError ? 'search-error' : undefined}
            />
            {route.q && (
              <button type="button" class="icon-button" onClick={clearSearch} title={s.list.searchClear} aria-label={s.list.searchClear}>
                ×
              </button>
            )}
            <button type="submit" class="button">
              {s.list.searchSubmit}
            </button>
          </form>
          {list.searchError && (
            <p id="search-error" class="search-error" role="alert">
              {list.searchError}
            </p>
          )}
          <FilterBar route={route} streams={streams} teams={teams} />
          <div class="list-toolbar">
            <PageCheckbox selection={bulk} shown={list.items.length} />
            <span class="muted small" role="status">
              {!list.loading && !list.error && !list.searchError && list.items.length > 0
                ? list.nextCursor
                  ? s.list.shownMore(list.items.length)
                  : s.list.shown(list.items.length)
                : ''}
            </span>
            <button type="button" class="link-button small" onClick={() => setReloadKey((k) => k + 1)}>
              {s.list.refresh}
            </button>
          </div>
          <BulkBar
            selection={bulk}
            shown={list.items.length}
            hasMore={list.nextCursor !== null}
            filter={bulkFilter(listQuery(route))}
            user={user}
            people={people}
            onDeleted={(result) => {
              const gone = new Set(result.conversation_ids);
              setList((l) => ({ ...l, items: l.items.filter((c) => !gone.has(c.id)) }));
              if (result.undo) setUndo({ undo: result.undo, receivedAt: Date.now() });
              refreshCounts();
            }}
          />
          <div class="list-scroll" id="conversation-list" ref={listRef} tabIndex={-1}>
            <ConversationList
              route={route}
              state={list}
              selected={selected}
              now={now}
              onSelect={select}
              onLoadMore={loadMore}
              onRetry={() => setReloadKey((k) => k + 1)}
              userId={user.id}
              presence={presence}
              names={names}
              checked={bulk.ids}
              onCheck={bulk.toggle}
            />
          </div>
        </section>

        <section class="conversation-pane" aria-label={s.conversation.label}>
          {route.conversationId !== null ? (
            <ConversationView
              key={route.conversationId}
              id={route.conversationId}
              now={now}
              closeHref={filterHref({ conversationId: null })}
              user={user}
              people={people}
              actionsRef={actionsRef}
            />
          ) : (
            <div class="pane-state empty-state">
              <h2>{s.conversation.noneTitle}</h2>
              <p>{s.conversation.noneHint}</p>
            </div>
          )}
        </section>
      </main>
      )}

      {undo && (
        <UndoToast
          key={undo.undo.batch}
          undo={undo.undo}
          receivedAt={undo.receivedAt}
          onRestored={() => {
            setReloadKey((k) => k + 1);
            loadCounts();
          }}
          onClose={closeUndo}
        />
      )}
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </div>
    </StreamColours.Provider>
    </Realtime.Provider>
  );
}
