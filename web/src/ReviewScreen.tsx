// "Needs approval": the replies agents wrote that wait for a lead (four-eyes review), oldest
// first, each with its conversation, text and files, and Approve / Reject right there. Follows
// the live feed, so a reply approved by a colleague leaves the list at once. Admins also find
// the settings here: which teams need approval, and agents set apart from their teams.

import { useCallback, useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { PendingReply, ReviewSettings, User } from './api';
import { PostAttachments } from './AttachmentPicker';
import { NetworkBadge, RelativeTime } from './ConversationList';
import { displayName, errorText } from './format';
import { useRealtime, type RealtimeClient, type RealtimeMessage } from './realtime';
import { ReviewBar } from './ReviewBar';
import { routeHash, INBOX } from './route';
import { strings } from './strings';

/** Event kinds that change which replies wait for approval. */
const REVIEW_EVENTS = new Set(['reply.awaiting_approval', 'reply.approved', 'reply.rejected', 'reply.resubmitted']);

export function canReview(user: User): boolean {
  return user.role === 'lead' || user.role === 'admin';
}

/** Whether a review event put a notification in `userId`'s bell (reply_review.h). */
export function reviewNotifies(m: RealtimeMessage, userId: number): boolean {
  if (m.type !== 'event' || !REVIEW_EVENTS.has(m.kind)) return false;
  const notify = m.data.notify;
  return Array.isArray(notify) && notify.includes(userId);
}

/** How many replies wait for approval, kept live; null for agents and before the first answer. */
export function usePendingCount(realtime: RealtimeClient | null, user: User): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!canReview(user)) return undefined;
    let timer: number | undefined;
    const load = () => api.listPendingReplies().then((r) => setCount(r.length), () => {});
    load();
    const unsubscribe = realtime?.subscribe((m) => {
      if ((m.type === 'event' && REVIEW_EVENTS.has(m.kind)) || m.type === 'resync') {
        window.clearTimeout(timer);
        timer = window.setTimeout(load, 300);
      }
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe?.();
    };
  }, [realtime, user]);
  return count;
}

type Load = { kind: 'loading' } | { kind: 'loaded'; replies: PendingReply[] } | { kind: 'error'; message: string };

export function ReviewScreen({ user, now }: { user: User; now: number }) {
  const s = strings.review;
  const realtime = useRealtime();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const reload = useCallback(() => {
    api.listPendingReplies().then(
      (replies) => setLoad({ kind: 'loaded', replies }),
      (e: unknown) => setLoad({ kind: 'error', message: errorText(e) }),
    );
  }, []);

  useEffect(() => {
    if (!canReview(user)) return undefined;
    reload();
    let timer: number | undefined;
    const unsubscribe = realtime?.subscribe((m) => {
      if ((m.type === 'event' && REVIEW_EVENTS.has(m.kind)) || m.type === 'resync') {
        window.clearTimeout(timer);
        timer = window.setTimeout(reload, 200);
      }
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe?.();
    };
  }, [realtime, user, reload]);

  if (!canReview(user)) {
    return (
      <section class="review-screen" aria-labelledby="review-title">
        <h1 id="review-title">{s.title}</h1>
        <p class="muted">{s.leadsOnly}</p>
      </section>
    );
  }

  return (
    <section class="review-screen" aria-labelledby="review-title">
      <h1 id="review-title">{s.title}</h1>
      <p class="muted">{s.intro}</p>
      {load.kind === 'loading' && (
        <p class="muted" role="status">
          {s.loading}
        </p>
      )}
      {load.kind === 'error' && (
        <div class="form-error" role="alert">
          <span>{load.message}</span>{' '}
          <button type="button" class="link-button" onClick={reload}>
            {s.retry}
          </button>
        </div>
      )}
      {load.kind === 'loaded' && load.replies.length === 0 && (
        <div class="empty-state" id="review-empty">
          <h2>{s.emptyTitle}</h2>
          <p>{s.emptyHint}</p>
        </div>
      )}
      {load.kind === 'loaded' && load.replies.length > 0 && (
        <ol class="review-list" aria-label={s.listLabel}>
          {load.replies.map(({ post, conversation: c }) => (
            <li key={post.id} class="review-item" data-post-id={post.id}>
              <header class="post-header">
                <span class="post-who">
                  <NetworkBadge network={c.network} />
                  <a href={routeHash({ ...INBOX, conversationId: c.id })} class="review-conversation">
                    {s.to(displayName(c.author.name, c.author.handle))}
                  </a>
                  {post.sent_by && <span class="sent-by">{s.by(post.sent_by.name)}</span>}
                  {post.private && <span class="private-tag">{strings.conversation.privateMessage}</span>}
                </span>
                <span class="post-when">
                  {post.review && <RelativeTime iso={post.review.requested_at} now={now} />}
                </span>
              </header>
              {/* What the customer wrote last, then the reply: text nodes. */}
              {c.preview && c.preview !== post.text && <p class="review-context small muted">{c.preview}</p>}
              <div class="post-text">{post.text}</div>
              <PostAttachments attachments={post.attachments ?? []} />
              <ReviewBar post={post} user={user} now={now} onChanged={reload} />
            </li>
          ))}
        </ol>
      )}
      {user.role === 'admin' && <ReviewSettingsPanel />}
    </section>
  );
}

/** Admins: which teams' replies need approval, and agents set apart from their teams. */
function ReviewSettingsPanel() {
  const s = strings.review;
  const [settings, setSettings] = useState<ReviewSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.getReviewSettings(controller.signal).then(setSettings, (e: unknown) => {
      if (!api.isAbort(e)) setError(errorText(e));
    });
    return () => controller.abort();
  }, []);

  async function change(call: () => Promise<ReviewSettings>) {
    setBusy(true);
    setError(null);
    try {
      setSettings(await call());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="review-settings" aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">{s.settingsTitle}</h2>
      <p class="muted small">{s.settingsHint}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!settings && !error && <p class="muted">{s.loading}</p>}
      {settings && (
        <>
          <fieldset class="review-teams">
            <legend>{s.teamsLegend}</legend>
            {settings.teams.length === 0 && <p class="muted small">{s.noTeams}</p>}
            {settings.teams.map((t) => (
              <label key={t.id} class="check">
                <input
                  type="checkbox"
                  id={`review-team-${t.id}`}
                  checked={t.required}
                  disabled={busy}
                  onChange={(e) => {
                    const required = e.currentTarget.checked;
                    void change(() => api.setTeamReview(t.id, required));
                  }}
                />
                {s.teamRequires(t.name)}
              </label>
            ))}
          </fieldset>
          <fieldset class="review-users">
            <legend>{s.usersLegend}</legend>
            {settings.users.length === 0 && <p class="muted small">{s.noAgents}</p>}
            {settings.users.map((u) => (
              <label key={u.id} class="review-user">
                <span>{u.name || u.email}</span>
                <select
                  id={`review-user-${u.id}`}
                  value={u.required === null ? 'team' : u.required ? 'always' : 'never'}
                  disabled={busy}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    const required = v === 'team' ? null : v === 'always';
                    void change(() => api.setUserReview(u.id, required));
                  }}
                >
                  <option value="team">{s.followTeam}</option>
                  <option value="always">{s.always}</option>
                  <option value="never">{s.never}</option>
                </select>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
