import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Person, Stream, Team, User } from './api';
import { StreamColours } from './Analysis';
import { ConversationList, type ListState } from './ConversationList';
import { BulkBar, PageCheckbox } from './BulkBar';
import { bulkFilter, useBulkSelection } from './bulk';
import { UndoToast } from './UndoToast';
import { InboxRail } from './InboxRail';
import { ConversationView, type ConversationActions } from './ConversationView';
import type { Viewer } from './live';
import { Realtime, RealtimeClient, useConnectionState } from './realtime';
import { NotificationsMenu } from './NotificationsMenu';
import { FilterBar } from './FilterBar';
import { errorText, safeColour } from './format';
import { INBOX, navigate, parseHash, routeHash, useRoute, type Route } from './route';
import { RoutingScreen } from './RoutingScreen';
import { CannedScreen } from './CannedScreen';
import { ReviewScreen, usePendingCount } from './ReviewScreen';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SlaScreen } from './SlaScreen';
import { StreamsScreen } from './StreamsScreen';
import { strings } from './strings';
import { useInboxKeyboard } from './useInboxKeyboard';
import { useInboxLiveFeed, type ListChange } from './useInboxLiveFeed';

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
  const changesDuringLoad = useRef<ListChange[] | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  // The live feed, for the whole signed-in session.
  const [realtime] = useState(() => new RealtimeClient());
  const connection = useConnectionState(realtime);
  const pendingReplies = usePendingCount(realtime, user);
  const [people, setPeople] = useState<Person[]>([]);
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

  const { counts, presence, notifications, setNotifications, loadCounts, refreshCounts, loadNotifications } =
    useInboxLiveFeed({ realtime, user, route, viewer, setList, changesDuringLoad, liveChange, setReloadKey });

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

  useInboxKeyboard({
    list,
    route,
    showShortcuts,
    loadMore,
    bulk,
    selectedRef,
    select,
    focusRow,
    searchRef,
    setDraft,
    setShowShortcuts,
    actionsRef,
  });

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

      <InboxRail
        route={route}
        user={user}
        counts={counts}
        pendingReplies={pendingReplies}
        streams={streams}
        networks={networks}
        filterHref={filterHref}
      />

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
