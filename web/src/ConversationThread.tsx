// The thread of an open conversation: its posts and internal notes in time order, with the
// replies and notes still on their way to the server at the end. Apart from ConversationView.tsx
// because rendering a post (delivery, review, attachments) is a concern of its own; the view
// keeps the state and the actions.

import { useMemo } from 'preact/hooks';
import type { ConversationDetail, Note, Post, User } from './api';
import { NetworkBadge, RelativeTime } from './ConversationList';
import { AnalysisLine } from './Analysis';
import { PostAttachments } from './AttachmentPicker';
import { displayName, exactTime, followersLabel, networkLabel, safeHref } from './format';
import { ReviewBar } from './ReviewBar';
import { strings } from './strings';

/** A reply or note shown before the server has confirmed it. */
export interface PendingPost {
  key: number;
  post: Post;
}
export interface PendingNote {
  key: number;
  note: Note;
}

interface Props {
  detail: ConversationDetail;
  pendingPosts: PendingPost[];
  pendingNotes: PendingNote[];
  now: number;
  user: User;
  /** Sends a failed reply again; absent for a user who may not act. */
  onRetry?: (post: Post) => void;
  /** A reply's review changed. */
  onReviewed: () => void;
}

export function ConversationThread({ detail, pendingPosts, pendingNotes, now, user, onRetry, onReviewed }: Props) {
  const thread = useMemo(() => {
    const { posts, notes = [] } = detail;
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
  }, [detail, pendingPosts, pendingNotes, user.id]);

  return (
    <ol class="thread" aria-label={strings.conversation.label}>
      {thread.map((item) =>
        item.post ? (
          <PostItem
            key={`p${item.post.id}`}
            post={item.post}
            now={now}
            pending={!!item.pending}
            onRetry={onRetry ? () => onRetry(item.post as Post) : undefined}
            user={user}
            onReviewed={onReviewed}
          />
        ) : item.note ? (
          <NoteItem key={`n${item.note.id}`} note={item.note} now={now} pending={!!item.pending} />
        ) : null,
      )}
    </ol>
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
