import type { MutableRef } from 'preact/hooks';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Conversation, ConversationDetail, ConversationStatus, Note, Person, Post, Presence, User } from './api';
import { Composer, type ComposerHandle } from './Composer';
import { ConversationHeading, LabelsRow, PresenceBar, StatusActions } from './ConversationHeader';
import { ConversationThread, type PendingNote, type PendingPost } from './ConversationThread';
import { FollowUpsPanel } from './FollowUpsPanel';
import { HistoryPanel } from './HistoryPanel';
import { displayName, errorText, exactTime } from './format';
import { useRealtime } from './realtime';
import { strings } from './strings';
import { TrackedLinks } from './TrackedLinks';

/** What the keyboard shortcuts of the inbox do to the open conversation. */
export interface ConversationActions {
  claimOrAssign: () => void;
  resolve: () => void;
  snooze: () => void;
  focusReply: () => void;
  focusNote: () => void;
}

interface Props {
  id: number;
  now: number;
  closeHref: string;
  user: User;
  people: Person[];
  actionsRef?: MutableRef<ConversationActions | null>;
}

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; detail: ConversationDetail }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'error'; message: string };

let pendingKey = -1;

/** RFC 3339 in UTC without milliseconds ("2026-11-20T09:00:00Z"). */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function ConversationView({ id, now, closeHref, user, people, actionsRef }: Props) {
  const s = strings.conversation;
  const realtime = useRealtime();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<'thread' | 'history'>('thread');
  const [historyKey, setHistoryKey] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [presence, setPresence] = useState<Presence[]>([]);
  const [pendingPosts, setPendingPosts] = useState<PendingPost[]>([]);
  const [pendingNotes, setPendingNotes] = useState<PendingNote[]>([]);
  const [promises, setPromises] = useState<api.DetectedPromise[]>([]);
  useEffect(() => setPromises([]), [id]);
  const composer = useRef<ComposerHandle | null>(null);
  const snoozeMenu = useRef<HTMLDetailsElement>(null);
  const claimButton = useRef<HTMLButtonElement>(null);
  const assignSelect = useRef<HTMLSelectElement>(null);
  const refreshTimer = useRef<number | undefined>(undefined);
  const refreshController = useRef<AbortController | null>(null);
  const canAct = user.role !== 'viewer';

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    api
      .getConversation(id, controller.signal)
      .then((detail) => {
        setLoad({ kind: 'loaded', detail });
        setPresence(detail.presence ?? []);
      })
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        if (e instanceof api.ApiError && e.status === 401) return; // back to log-in
        if (e instanceof api.ApiError && e.status === 404) setLoad({ kind: 'not-found' });
        else if (e instanceof api.ApiError && e.status === 403) setLoad({ kind: 'forbidden' });
        else setLoad({ kind: 'error', message: errorText(e) });
      });
    return () => controller.abort();
  }, [id, attempt]);

  /** Reloads the conversation quietly (after an event): the composer and the scroll stay. */
  const refresh = useCallback(() => {
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => {
      refreshController.current?.abort();
      const controller = new AbortController();
      refreshController.current = controller;
      api.getConversation(id, controller.signal).then(
        (detail) => setLoad((old) => (old.kind === 'loaded' || old.kind === 'loading' ? { kind: 'loaded', detail } : old)),
        () => {},
      );
    }, 120);
  }, [id]);

  useEffect(
    () => () => {
      window.clearTimeout(refreshTimer.current);
      refreshController.current?.abort();
    },
    [],
  );

  const setConversation = useCallback((c: Conversation) => {
    setLoad((old) => (old.kind === 'loaded' ? { kind: 'loaded', detail: { ...old.detail, conversation: c } } : old));
  }, []);
  /** Counts the server's versions of the conversation that came in by the live feed. */
  const liveVersion = useRef(0);

  // Presence: "viewing" while open, "left" when closed; follow the live feed.
  useEffect(() => {
    if (!realtime) return undefined;
    realtime.viewing(id);
    const known = realtime.presenceByConversation.get(id);
    if (known) setPresence(known);
    const unsubscribe = realtime.subscribe((m) => {
      if (m.type === 'presence' && m.conversation_id === id) setPresence(m.people);
      else if (m.type === 'event' && m.conversation_id === id) {
        if (m.conversation) {
          liveVersion.current++;
          setConversation(m.conversation);
        }
        refresh();
        setHistoryKey((k) => k + 1);
      } else if (m.type === 'resync') {
        refresh();
        setHistoryKey((k) => k + 1);
      }
    });
    return () => {
      unsubscribe();
      realtime.left(id);
    };
  }, [realtime, id, refresh, setConversation]);

  useEffect(() => {
    if (load.kind === 'loaded') {
      const a = load.detail.conversation.author;
      document.title = `${displayName(a.name, a.handle)} – ${strings.appName}`;
    }
  }, [load]);

  const conversation = load.kind === 'loaded' ? load.detail.conversation : null;
  const assignee = conversation?.assignee ?? null;
  const nameOf = useCallback(
    (uid: number, fallback = '') => people.find((p) => p.id === uid)?.name || fallback || s.someone,
    [people, s.someone],
  );
  const assigneeName = assignee ? assignee.name || nameOf(assignee.id) : '';
  const claimedByOther = !!assignee && assignee.id !== user.id;

  /**
   * An optimistic change: shown at once, then replaced by the server's answer; when the server
   * refuses, the previous state comes back (then the server's current one) with its message.
   */
  async function act(
    what: string,
    optimistic: (c: Conversation) => Conversation,
    call: () => Promise<Conversation>,
  ): Promise<boolean> {
    if (!conversation || busy) return false;
    const before = conversation;
    const version = liveVersion.current;
    setActionError(null);
    setBusy(what);
    setConversation(optimistic(before));
    try {
      const after = await call();
      // A newer state from the feed wins over the answer to this call.
      if (liveVersion.current === version) setConversation(after);
      else refresh();
      return true;
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) return false;
      // Undo the optimistic change, unless the feed already brought the server's state.
      if (liveVersion.current === version) setConversation(before);
      setActionError(errorText(e));
      refresh();
      return false;
    } finally {
      setBusy(null);
    }
  }

  const me = { id: user.id, name: user.name };

  function claim() {
    void act('claim', (c) => ({ ...c, assignee: me, assignee_id: me.id }), () => api.claimConversation(id));
  }

  function assign(userId: number | null) {
    const to = userId === null ? null : { id: userId, name: nameOf(userId) };
    void act('assign', (c) => ({ ...c, assignee: to, assignee_id: userId }), () => api.assignConversation(id, userId));
  }

  function setStatus(status: ConversationStatus, until?: Date) {
    if (snoozeMenu.current) snoozeMenu.current.open = false;
    const snoozed_until = until ? rfc3339(until) : null;
    void act(
      'status',
      (c) => ({ ...c, status, snoozed_until }),
      () => api.setStatus(id, status, snoozed_until ?? undefined),
    );
  }

  function changeLabels(add: string[], remove: string[]) {
    void act(
      'labels',
      (c) => {
        const labels = new Set(c.labels ?? []);
        for (const l of remove) labels.delete(l);
        for (const l of add) labels.add(l);
        return { ...c, labels: [...labels].sort() };
      },
      () => api.changeLabels(id, add, remove),
    );
  }

  async function sendReply(input: api.ReplyInput): Promise<boolean> {
    const key = pendingKey--;
    const c = conversation;
    if (!c) return false;
    const post: Post = {
      id: key,
      conversation_id: id,
      network: c.network,
      channel: c.channel,
      external_id: '',
      author: { id: 0, network: c.network, handle: c.channel, name: c.channel, followers: 0, url: null },
      text: input.text,
      created_at: new Date().toISOString(),
      in_reply_to: null,
      url: null,
      direction: 'outbound',
      private: input.private,
      attachments: [],
      metrics: { likes: 0, reposts: 0, replies: 0, views: 0 },
      sent_by: me,
      delivery: null,
    };
    setActionError(null);
    setPendingPosts((p) => [...p, { key, post }]);
    try {
      const saved = await api.sendReply(id, input);
      setLoad((old) => {
        if (old.kind !== 'loaded' || old.detail.posts.some((x) => x.id === saved.id)) return old;
        return { kind: 'loaded', detail: { ...old.detail, posts: [...old.detail.posts, saved] } };
      });
      if (input.status_after && input.status_after !== c.status) setConversation({ ...c, status: input.status_after });
      refresh();
      // What the reply promised is proposed as a follow-up, so that it is kept.
      api.detectPromises(input.text).then(setPromises, () => {});
      return true;
    } catch (e) {
      if (!(e instanceof api.ApiError && e.status === 401)) setActionError(errorText(e) || strings.composer.failed);
      refresh();
      return false;
    } finally {
      setPendingPosts((p) => p.filter((x) => x.key !== key));
    }
  }

  async function sendNote(text: string, mentions: number[]): Promise<boolean> {
    const key = pendingKey--;
    const note: Note = { id: key, author: me, text, mentions, created_at: new Date().toISOString() };
    setActionError(null);
    setPendingNotes((n) => [...n, { key, note }]);
    try {
      const saved = await api.addNote(id, text, mentions);
      setLoad((old) => {
        if (old.kind !== 'loaded' || (old.detail.notes ?? []).some((x) => x.id === saved.id)) return old;
        return { kind: 'loaded', detail: { ...old.detail, notes: [...(old.detail.notes ?? []), saved] } };
      });
      return true;
    } catch (e) {
      if (!(e instanceof api.ApiError && e.status === 401)) setActionError(errorText(e) || strings.composer.noteFailed);
      return false;
    } finally {
      setPendingNotes((n) => n.filter((x) => x.key !== key));
    }
  }

  async function retry(post: Post) {
    if (!post.delivery) return;
    setActionError(null);
    const deliveryId = post.delivery.id;
    setLoad((old) =>
      old.kind === 'loaded'
        ? {
            kind: 'loaded',
            detail: {
              ...old.detail,
              posts: old.detail.posts.map((p) =>
                p.id === post.id && p.delivery ? { ...p, delivery: { ...p.delivery, state: 'pending' } } : p,
              ),
            },
          }
        : old,
    );
    try {
      await api.retryDelivery(deliveryId);
    } catch (e) {
      setActionError(errorText(e));
    }
    refresh();
  }

  // The keyboard shortcuts of the inbox act on this conversation.
  const latest = useRef({ conversation, claimedByOther, assignee, busy });
  latest.current = { conversation, claimedByOther, assignee, busy };
  useEffect(() => {
    if (!actionsRef) return undefined;
    actionsRef.current = {
      claimOrAssign: () => {
        if (!canAct || !latest.current.conversation) return;
        if (!latest.current.assignee) {
          claimButton.current?.focus();
          claim();
        } else assignSelect.current?.focus();
      },
      resolve: () => {
        if (canAct && latest.current.conversation && latest.current.conversation.status !== 'resolved') setStatus('resolved');
      },
      snooze: () => {
        if (!canAct || !snoozeMenu.current) return;
        snoozeMenu.current.open = true;
        snoozeMenu.current.querySelector<HTMLButtonElement>('.menu-items button')?.focus();
      },
      focusReply: () => composer.current?.focus('reply'),
      focusNote: () => composer.current?.focus('note'),
    };
    return () => {
      actionsRef.current = null;
    };
  });

  const back = (
    <a class="back-link" href={closeHref}>
      <span aria-hidden="true">← </span>
      {s.back}
    </a>
  );

  if (load.kind === 'loading') {
    return (
      <div class="pane-state" aria-busy="true">
        {back}
        <p class="muted" role="status">
          {s.loading}
        </p>
      </div>
    );
  }
  if (load.kind !== 'loaded') {
    return (
      <div class="pane-state error-state" role="alert">
        {back}
        <h2>{load.kind === 'not-found' ? s.notFound : load.kind === 'forbidden' ? s.forbidden : s.errorTitle}</h2>
        {load.kind === 'error' && <p>{load.message}</p>}
        {load.kind === 'error' && (
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
            {s.retry}
          </button>
        )}
      </div>
    );
  }

  const c = load.detail.conversation;
  const assignable = people.filter((p) => p.role !== 'viewer');
  return (
    <article class="conversation" aria-labelledby="conversation-title" data-id={c.id} data-status={c.status}>
      <header class="conversation-header">
        {back}
        <ConversationHeading detail={load.detail} closeHref={closeHref} />

        <div class="conversation-actions">
          <div class="ownership" role="group" aria-label={s.assignLabel}>
            {!assignee ? (
              canAct ? (
                <button
                  type="button"
                  id="claim-button"
                  class="button primary"
                  ref={claimButton}
                  onClick={claim}
                  disabled={busy !== null}
                  title={s.claimTitle}
                >
                  {busy === 'claim' ? s.claiming : s.claim}
                </button>
              ) : (
                <span class="claimed muted">{strings.list.unassigned}</span>
              )
            ) : (
              <span class={`claimed${claimedByOther ? '' : ' is-you'}`} id="claimed-by">
                {claimedByOther ? s.claimedBy(assigneeName) : s.claimedByYou}
              </span>
            )}
            {canAct && assignee && !claimedByOther && (
              <button type="button" class="button subtle" onClick={() => assign(null)} disabled={busy !== null} title={s.releaseTitle}>
                {s.release}
              </button>
            )}
            {canAct && (
              <label class="assign">
                <span class="visually-hidden">{s.assignLabel}</span>
                <select
                  id="assign-select"
                  ref={assignSelect}
                  value={assignee ? String(assignee.id) : ''}
                  disabled={busy !== null}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    assign(v === '' ? null : Number(v));
                  }}
                >
                  <option value="">{s.assignNobody}</option>
                  {assignable.map((p) => (
                    <option key={p.id} value={String(p.id)}>
                      {p.id === user.id ? s.assignMe(p.name) : p.name}
                    </option>
                  ))}
                  {assignee && !assignable.some((p) => p.id === assignee.id) && (
                    <option value={String(assignee.id)}>{assigneeName}</option>
                  )}
                </select>
              </label>
            )}
          </div>
          {canAct && <StatusActions status={c.status} busy={busy} now={now} snoozeMenu={snoozeMenu} onStatus={setStatus} />}
        </div>
        {c.status === 'snoozed' && c.snoozed_until && (
          <p class="snoozed-until small muted">{s.snoozedUntil(exactTime(c.snoozed_until))}</p>
        )}

        <LabelsRow labels={c.labels ?? []} canAct={canAct} busy={busy} onChange={changeLabels} />

        <FollowUpsPanel
          conversation={c}
          user={user}
          people={people}
          now={now}
          canAct={canAct}
          reloadKey={historyKey}
          promises={promises}
          onPromisesHandled={() => setPromises([])}
          onConversation={setConversation}
        />

        <PresenceBar presence={presence} userId={user.id} />

        {actionError && (
          <div class="action-error" role="alert">
            <span>{actionError}</span>
            <button type="button" class="icon-button" aria-label={s.dismiss} title={s.dismiss} onClick={() => setActionError(null)}>
              ×
            </button>
          </div>
        )}

        <div class="tabs" role="tablist" aria-label={s.tabs}>
          <button
            type="button"
            role="tab"
            id="tab-thread"
            aria-selected={tab === 'thread'}
            aria-controls="panel-thread"
            class="tab"
            onClick={() => setTab('thread')}
          >
            {s.tabThread}
          </button>
          <button
            type="button"
            role="tab"
            id="tab-history"
            aria-selected={tab === 'history'}
            aria-controls="panel-history"
            class="tab"
            onClick={() => setTab('history')}
          >
            {s.tabHistory}
          </button>
        </div>
      </header>

      {tab === 'thread' ? (
        <div id="panel-thread" role="tabpanel" aria-labelledby="tab-thread">
          <ConversationThread
            detail={load.detail}
            pendingPosts={pendingPosts}
            pendingNotes={pendingNotes}
            now={now}
            user={user}
            onRetry={canAct ? (post) => void retry(post) : undefined}
            onReviewed={refresh}
          />
          <TrackedLinks links={load.detail.links ?? []} now={now} />
        </div>
      ) : (
        <div id="panel-history" role="tabpanel" aria-labelledby="tab-history">
          <HistoryPanel id={id} reloadKey={historyKey} now={now} people={people} />
        </div>
      )}

      {canAct ? (
        <Composer
          key={c.id}
          handle={composer}
          conversation={c}
          user={user}
          people={people}
          blockedBy={
            claimedByOther && user.role === 'agent' && !(c.experts ?? []).includes(user.id) ? assigneeName : null
          }
          onTyping={(typing) => (typing ? realtime?.typing(id) : realtime?.viewing(id))}
          onSendReply={sendReply}
          onSendNote={sendNote}
          onShowThread={() => setTab('thread')}
        />
      ) : (
        <p class="read-only-note composer-readonly">{strings.composer.readOnly}</p>
      )}
    </article>
  );
}
