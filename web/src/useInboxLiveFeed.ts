// What the live feed does to the inbox: rows follow the events, the view counts and the bell
// are refreshed, colleagues' presence is kept per conversation. Apart from Inbox.tsx because
// this is where the server's pushes, not the user, change the screen; the state it feeds
// (counts, notifications, presence) lives here with it.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Dispatch, MutableRef, StateUpdater } from 'preact/hooks';
import * as api from './api';
import type { Conversation, Notification, Presence, User, ViewCounts } from './api';
import type { ListState } from './ConversationList';
import { applyConversation, type Viewer } from './live';
import { bellMayChange } from './NotificationsMenu';
import type { RealtimeClient, RealtimeMessage } from './realtime';
import { navigate, type Route } from './route';

/** A live change to the list's rows; `complete` when the list holds the last page. */
export type ListChange = (items: Conversation[], complete: boolean) => Conversation[];

interface Options {
  realtime: RealtimeClient;
  user: User;
  route: Route;
  viewer: Viewer;
  setList: Dispatch<StateUpdater<ListState>>;
  /** The list's changes while its first page loads (see Inbox); null when no load is under way. */
  changesDuringLoad: MutableRef<ListChange[] | null>;
  /** Set when a live change moved or dropped rows, so that the selection follows its row. */
  liveChange: MutableRef<boolean>;
  setReloadKey: Dispatch<StateUpdater<number>>;
}

export function useInboxLiveFeed({
  realtime,
  user,
  route,
  viewer,
  setList,
  changesDuringLoad,
  liveChange,
  setReloadKey,
}: Options) {
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const [presence, setPresence] = useState<Map<number, Presence[]>>(() => new Map());
  const [notifications, setNotifications] = useState<{ items: Notification[]; unread: number; error: boolean }>({
    items: [],
    unread: 0,
    error: false,
  });

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

  // The subscription is made once and reads the route and viewer of the latest render here.
  const latest = useRef({ route, viewer });
  latest.current = { route, viewer };

  // A conversation deleted, or moved out of the user's sight, leaves the list and the pane at once.
  const dropConversation = useCallback((gone: number) => {
    const drop = (items: Conversation[]) => items.filter((x) => x.id !== gone);
    changesDuringLoad.current?.push(drop);
    liveChange.current = true;
    setList((l) => ({ ...l, items: drop(l.items) }));
    const r = latest.current.route;
    if (r.conversationId === gone) navigate({ ...r, conversationId: null });
  }, []);

  useEffect(
    () =>
      realtime.subscribe((m: RealtimeMessage) => {
        switch (m.type) {
          case 'event': {
            const c = m.conversation;
            if (c) {
              const { route: r, viewer: v } = latest.current;
              const change: ListChange = (items, complete) => applyConversation(items, c, r, v, complete);
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

  return { counts, presence, notifications, setNotifications, loadCounts, refreshCounts, loadNotifications };
}
