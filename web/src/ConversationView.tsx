import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { ConversationDetail, Post } from './api';
import { NetworkBadge, RelativeTime, StatusPill } from './ConversationList';
import { AnalysisLine, LanguageTag, PriorityBadge, SentimentTag, StreamChips } from './Analysis';
import { displayName, followersLabel, networkLabel, safeHref } from './format';
import { strings } from './strings';

interface Props {
  id: number;
  now: number;
  closeHref: string;
}

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; detail: ConversationDetail }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export function ConversationView({ id, now, closeHref }: Props) {
  const s = strings.conversation;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    api
      .getConversation(id, controller.signal)
      .then((detail) => setLoad({ kind: 'loaded', detail }))
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        if (e instanceof api.ApiError && e.status === 401) return; // back to log-in
        if (e instanceof api.ApiError && e.status === 404) setLoad({ kind: 'not-found' });
        else if (e instanceof api.ApiError && e.status === 0) setLoad({ kind: 'error', message: strings.errors.network });
        else if (e instanceof api.ApiError)
          setLoad({ kind: 'error', message: e.message || strings.errors.unexpected(e.status) });
        else setLoad({ kind: 'error', message: String(e) });
      });
    return () => controller.abort();
  }, [id, attempt]);

  useEffect(() => {
    if (load.kind === 'loaded') {
      const a = load.detail.conversation.author;
      document.title = `${displayName(a.name, a.handle)} – ${strings.appName}`;
    }
  }, [load]);

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
  if (load.kind === 'not-found' || load.kind === 'error') {
    return (
      <div class="pane-state error-state" role="alert">
        {back}
        <h2>{load.kind === 'not-found' ? s.notFound : s.errorTitle}</h2>
        {load.kind === 'error' && <p>{load.message}</p>}
        {load.kind === 'error' && (
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
            {s.retry}
          </button>
        )}
      </div>
    );
  }

  const { conversation: c, posts } = load.detail;
  const name = displayName(c.author.name, c.author.handle);
  return (
    <article class="conversation" aria-labelledby="conversation-title" data-id={c.id}>
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
              <span>{strings.list.posts(c.post_count || posts.length)}</span>
            </p>
            <p class="conversation-analysis">
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
      </header>
      <ol class="thread" aria-label={s.label}>
        {posts.map((p) => (
          <PostItem key={p.id} post={p} now={now} />
        ))}
      </ol>
    </article>
  );
}

function PostItem({ post: p, now }: { post: Post; now: number }) {
  const s = strings.conversation;
  const name = displayName(p.author.name, p.author.handle);
  const outbound = p.direction === 'outbound';
  const link = safeHref(p.url);
  const attachments = p.attachments ?? [];
  return (
    <li
      class={`post ${outbound ? 'post-outbound' : 'post-inbound'}${p.private ? ' post-private' : ''}`}
      data-post-id={p.id}
    >
      <header class="post-header">
        <span class="post-who">
          <NetworkBadge network={p.network} />
          <span class="author-name">{name}</span>
          {p.author.handle && p.author.handle !== name && <span class="author-handle">{p.author.handle}</span>}
          <span class="post-network">{networkLabel(p.network)}</span>
          {!outbound && p.author.followers > 0 && <span class="followers">{followersLabel(p.author.followers)}</span>}
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
          <ul class="attachments" aria-label={s.attachments}>
            {attachments.map((a, i) => {
              const href = safeHref(a.url);
              const label = a.name || a.media_type || a.url;
              return (
                <li key={i}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                      {label}
                    </a>
                  ) : (
                    label
                  )}
                </li>
              );
            })}
          </ul>
        </footer>
      )}
    </li>
  );
}
