import type { MutableRef } from 'preact/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Conversation, ConversationDetail, ConversationStatus, Note, Person, Post, Presence, User } from './api';
import { NetworkBadge, RelativeTime, StatusPill } from './ConversationList';
import { AnalysisLine, LanguageTag, PriorityBadge, SentimentTag, StreamChips } from './Analysis';
import { Composer, type ComposerHandle } from './Composer';
import { FollowUpsPanel } from './FollowUpsPanel';
import { HistoryPanel } from './HistoryPanel';
import { displayName, errorText, exactTime, followersLabel, networkLabel, safeHref } from './format';
import { useRealtime } from './realtime';
import { SlaChip, SlaMissed } from './Sla';
import { strings } from './strings';
import { PostAttachments } from './AttachmentPicker';
import { ReviewBar } from './ReviewBar';
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

/** A reply or note shown before the server has confirmed it. */
interface PendingPost {
  key: number;
  post: Post;
}
interface PendingNote {
  key: number;
  note: Note;
}

let pendingKey = -1;

function snoozeChoices(now: Date): Array<[string, Date]> {
  const s = strings.conversation;
  const hour = 3600_000;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(monday.getDate() + (((8 - monday.getDay()) % 7) || 7));
  monday.setHours(9, 0, 0, 0);
  return [
    [s.snooze1h, new Date(now.getTime() + hour)],
    [s.snooze3h, new Date(now.getTime() + 3 * hour)],
    [s.snoozeTomorrow, tomorrow],
    [s.snoozeMonday, monday],
  ];
}

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
  const [labelDraft, setLabelDraft] = useState('');
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

  function addLabel(e: Event) {
    e.preventDefault();
    const label = labelDraft.trim();
    if (!label || !conversation) return;
    setLabelDraft('');
    if ((conversation.labels ?? []).includes(label)) return;
    changeLabels([label], []);
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

  const thread = useMemo(() => {
    if (load.kind !== 'loaded') return [];
    const { posts, notes = [] } = load.detail;
    // A pending item disappears as soon as the server's copy is in the list.
    const shownPending = pendingPosts.filter(
      (p) =>
        !posts.some(
          (x) => x.direction === 'outbound' && x.sent_by?.id === user.id && x.text.startsWith(p.post.text.trim()) && x.id > 0,
        ),
    );
    const shownNotes = pendingNotes.filter((p) => !notes.some((n) => n.author.id === user.id && n.text === p.note.text));
    type Item = { at: number; order: number; post?: Post; note?: Note; pending?: boolean };
    const items: Item[] = [
      ...posts.map((post, i) => ({ at: Date.parse(post.created_at), order: i, post })),
      ...shownPending.map((p, i) => ({ at: Number.MAX_SAFE_INTEGER, order: i, post: p.post, pending: true })),
      ...notes.map((note, i) => ({ at: Date.parse(note.created_at), order: 1e6 + i, note })),
      ...shownNotes.map((p, i) => ({ at: Number.MAX_SAFE_INTEGER, order: 2e6 + i, note: p.note, pending: true })),
    ];
    items.sort((a, b) => a.at - b.at || a.order - b.order);
    return items;
  }, [load, pendingPosts, pendingNotes, user.id]);

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
  const name = displayName(c.author.name, c.author.handle);
  const others = presence.filter((p) => p.user_id !== user.id);
  const assignable = people.filter((p) => p.role !== 'viewer');
  const resolved = c.status === 'resolved';
  return (
    <article class="conversation" aria-labelledby="conversation-title" data-id={c.id} data-status={c.status}>
      <header class="conversation-header">
        {back}
        <div class="conversation-heading">
          <NetworkBadge network={c.network} />
          <div>
            <h2 id="conversation-title">
              <span class="author-name">{name}</span>
              {c.author.handle && c.author.handle !== name && <span class="author-handle">{c.author.handle}</span>}
            </h2>
            <p class="conversation-facts">
              <span>{networkLabel(c.network)}</span>
              <span>{c.channel}</span>
              {c.author.followers > 0 && <span>{followersLabel(c.author.followers)}</span>}
              <span>{strings.list.posts(c.post_count || load.detail.posts.length)}</span>
              {c.team?.name && <span>{c.team.name}</span>}
            </p>
            <p class="conversation-analysis">
              <SlaChip sla={c.sla} />
              <SlaMissed sla={c.sla} />
              <PriorityBadge priority={c.priority} />
              {c.sentiment && <SentimentTag label={c.sentiment} />}
              {c.language && <LanguageTag code={c.language} />}
              <StreamChips streams={c.streams} />
            </p>
          </div>
          {c.private && <span class="private-tag heading-tag">{s.privateMessage}</span>}
          <StatusPill status={c.status} />
          <a class="icon-button close-link" href={closeHref} title={s.close} aria-label={s.close}>
            ×
          </a>
        </div>

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
          {canAct && (
            <div class="status-actions" role="group" aria-label={s.statusActions}>
              {!resolved && (
                <button type="button" class="button" id="resolve-button" onClick={() => setStatus('resolved')} disabled={busy !== null} title={s.resolveTitle}>
                  {s.resolve}
                </button>
              )}
              {c.status !== 'waiting' && !resolved && (
                <button type="button" class="button" onClick={() => setStatus('waiting')} disabled={busy !== null} title={s.waitingTitle}>
                  {s.waiting}
                </button>
              )}
              {!resolved && (
                <details class="menu" ref={snoozeMenu}>
                  <summary class="button" title={s.snoozeTitle}>
                    {s.snooze}
                  </summary>
                  <div class="menu-items" role="group" aria-label={s.snoozeChoices}>
                    {snoozeChoices(new Date(now)).map(([label, when]) => (
                      <button
                        key={label}
                        type="button"
                        class="menu-item"
                        disabled={busy !== null}
                        onClick={() => setStatus('snoozed', when)}
                        title={exactTime(when.toISOString())}
                      >
                        {label}
                      </button>
                    ))}
                  </div>
                </details>
              )}
              {(resolved || c.status === 'snoozed' || c.status === 'waiting') && (
                <button type="button" class="button" id="reopen-button" onClick={() => setStatus('open')} disabled={busy !== null}>
                  {s.reopen}
                </button>
              )}
            </div>
          )}
        </div>
        {c.status === 'snoozed' && c.snoozed_until && (
          <p class="snoozed-until small muted">{s.snoozedUntil(exactTime(c.snoozed_until))}</p>
        )}

        <div class="labels-row" role="group" aria-label={s.labels}>
          <span class="labels-title small muted">{s.labels}</span>
          {(c.labels ?? []).length === 0 && !canAct && <span class="small muted">{s.noLabels}</span>}
          {(c.labels ?? []).map((l) => (
            <span key={l} class="label-chip">
              {l}
              {canAct && (
                <button
                  type="button"
                  class="label-remove"
                  aria-label={s.labelRemove(l)}
                  title={s.labelRemove(l)}
                  onClick={() => changeLabels([], [l])}
                  disabled={busy !== null}
                >
                  ×
                </button>
              )}
            </span>
          ))}
          {canAct && (
            <form class="label-add" onSubmit={addLabel}>
              <label class="visually-hidden" for="label-input">
                {s.labelAdd}
              </label>
              <input
                id="label-input"
                type="text"
                value={labelDraft}
                placeholder={s.labelPlaceholder}
                maxLength={64}
                autocomplete="off"
                spellcheck={false}
                onInput={(e) => setLabelDraft(e.currentTarget.value)}
              />
            </form>
          )}
        </div>

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

        <div class="presence-bar" aria-live="polite" aria-label={s.presenceLabel}>
          {others.map((p) => (
            <span key={p.user_id} class={`presence-item${p.state === 'typing' ? ' is-typing' : ''}`} data-user-id={p.user_id}>
              <span class="presence-dot" aria-hidden="true" />
              {p.state === 'typing' ? s.typing(p.name) : s.viewing(p.name)}
            </span>
          ))}
        </div>

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
          <ol class="thread" aria-label={s.label}>
            {thread.map((item) =>
              item.post ? (
                <PostItem
                  key={`p${item.post.id}`}
                  post={item.post}
                  now={now}
                  pending={!!item.pending}
                  onRetry={canAct ? () => void retry(item.post as Post) : undefined}
                  user={user}
                  onReviewed={refresh}
                />
              ) : item.note ? (
                <NoteItem key={`n${item.note.id}`} note={item.note} now={now} pending={!!item.pending} />
              ) : null,
            )}
          </ol>
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

function PostItem({
  post: p,
  now,
  pending = false,
  onRetry,
  user,
  onReviewed,
}: {
  post: Post;
  now: number;
  pending?: boolean;
  onRetry?: () => void;
  /** For the four-eyes review of a reply (ReviewBar). */
  user?: User;
  onReviewed?: () => void;
}) {
  const s = strings.conversation;
  const name = displayName(p.author.name, p.author.handle);
  const outbound = p.direction === 'outbound';
  const link = safeHref(p.url);
  const attachments = p.attachments ?? [];
  const delivery = p.delivery ?? null;
  const deliveryState = pending ? 'pending' : delivery?.state;
  return (
    <li
      class={`post ${outbound ? 'post-outbound' : 'post-inbound'}${p.private ? ' post-private' : ''}${pending ? ' is-pending' : ''}`}
      data-post-id={p.id}
      data-delivery={deliveryState ?? undefined}
    >
      <header class="post-header">
        <span class="post-who">
          <NetworkBadge network={p.network} />
          <span class="author-name">{name}</span>
          {p.author.handle && p.author.handle !== name && <span class="author-handle">{p.author.handle}</span>}
          <span class="post-network">{networkLabel(p.network)}</span>
          {!outbound && p.author.followers > 0 && <span class="followers">{followersLabel(p.author.followers)}</span>}
          {p.sent_by && <span class="sent-by">{s.sentBy(p.sent_by.name)}</span>}
        </span>
        <span class="post-when">
          {outbound && <span class="direction-tag">{s.outbound}</span>}
          {p.private && (
            <span class="private-tag" title={s.privateMessage}>
              {s.privateMessage}
            </span>
          )}
          <RelativeTime iso={p.created_at} now={now} />
          {link && (
            <a
              class="original-link"
              href={link}
              target="_blank"
              rel="noopener noreferrer nofollow"
              title={s.viewOriginal}
              aria-label={s.viewOriginal}
            >
              ↗
            </a>
          )}
        </span>
      </header>
      {/* User-written text: rendered as a text node, never as HTML. */}
      <div class="post-text">{p.text || <span class="muted">{s.noText}</span>}</div>
      {p.analysis && <AnalysisLine analysis={p.analysis} postId={p.id} />}
      {attachments.length > 0 && (
        <footer class="post-footer">
          <PostAttachments attachments={attachments} />
        </footer>
      )}
      {p.review && user && !pending && <ReviewBar post={p} user={user} now={now} onChanged={onReviewed ?? (() => {})} />}
      {deliveryState && (
        <p class={`delivery delivery-${deliveryState.replace(/[^a-z]/g, '')}`} role={deliveryState === 'failed' ? 'alert' : undefined}>
          <span class="delivery-state">{s.delivery[deliveryState] ?? deliveryState}</span>
          {delivery && deliveryState === 'delivered' && delivery.delivered_at && (
            <RelativeTime iso={delivery.delivered_at} now={now} />
          )}
          {delivery && deliveryState === 'pending' && delivery.attempts > 0 && (
            <span class="muted">
              {s.deliveryAttempts(delivery.attempts)}
              {delivery.next_attempt_at && `, ${s.nextAttempt(exactTime(delivery.next_attempt_at))}`}
            </span>
          )}
          {delivery && deliveryState === 'failed' && (
            <>
              {delivery.last_error && <span class="delivery-error">{delivery.last_error}</span>}
              <span class="muted">{s.deliveryAttempts(delivery.attempts)}</span>
              {onRetry && (
                <button type="button" class="button small-button" onClick={onRetry}>
                  {s.retryDelivery}
                </button>
              )}
            </>
          )}
        </p>
      )}
    </li>
  );
}

function NoteItem({ note, now, pending }: { note: Note; now: number; pending: boolean }) {
  const s = strings.conversation;
  return (
    <li class={`note${pending ? ' is-pending' : ''}`} data-note-id={note.id}>
      <header class="post-header">
        <span class="post-who">
          <span class="note-tag">{s.note}</span>
          <span class="author-name">{note.author.name}</span>
        </span>
        <span class="post-when">
          {pending ? <span class="muted">{s.sending}</span> : <RelativeTime iso={note.created_at} now={now} />}
        </span>
      </header>
      {/* User-written text: a text node. */}
      <div class="post-text">{note.text}</div>
    </li>
  );
}
