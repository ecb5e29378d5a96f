// The four-eyes review of one reply in the thread: "Awaiting approval by a lead" with Approve
// and Reject for leads and admins (not for the reply's own author), the reason of a rejection
// with "Edit and resend" for its author, and who approved it. The thread reloads itself after
// each step (its events come through the live feed).

import { useState } from 'preact/hooks';
import * as api from './api';
import type { Post, User } from './api';
import { RelativeTime } from './ConversationList';
import { errorText } from './format';
import { strings } from './strings';

interface Props {
  post: Post;
  user: User;
  now: number;
  /** Called after a step succeeded, so the thread shows the server's state. */
  onChanged: () => void;
}

export function ReviewBar({ post, user, now, onChanged }: Props) {
  const s = strings.review;
  const review = post.review;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.text);
  if (!review) return null;

  const isReviewer = (user.role === 'lead' || user.role === 'admin') && review.author_id !== user.id;
  const isAuthor = review.author_id === user.id;

  async function run(step: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await step();
      onChanged();
      return true;
    } catch (e) {
      if (!(e instanceof api.ApiError && e.status === 401)) setError(errorText(e));
      onChanged();
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function reject(e: Event) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(s.reasonNeeded);
      return;
    }
    if (await run(() => api.rejectReply(post.id, reason.trim()))) {
      setRejecting(false);
      setReason('');
    }
  }

  async function resend(e: Event) {
    e.preventDefault();
    if (!draft.trim()) return;
    if (await run(() => api.resubmitReply(post.id, draft))) setEditing(false);
  }

  const idBase = `review-${post.id}`;
  return (
    <div class={`review review-${review.state}`} data-review={review.state} role="group" aria-label={s.label}>
      {review.state === 'pending' && (
        <p class="review-state">
          <span class="review-badge">{s.awaiting}</span>
          <span class="small muted">
            {s.requested} <RelativeTime iso={review.requested_at} now={now} />
          </span>
        </p>
      )}
      {review.state === 'approved' && (
        <p class="review-state small muted">
          {s.approvedBy(review.reviewer?.name ?? s.someone)}
          {review.reviewed_at && (
            <>
              {' '}
              <RelativeTime iso={review.reviewed_at} now={now} />
            </>
          )}
        </p>
      )}
      {review.state === 'rejected' && (
        <div class="review-state" role="status">
          <span class="review-badge is-rejected">{s.rejectedBy(review.reviewer?.name ?? s.someone)}</span>
          {/* The lead's words: a text node. */}
          {review.reason && <p class="review-reason">{review.reason}</p>}
        </div>
      )}

      {review.state === 'pending' && isReviewer && !rejecting && (
        <div class="review-actions">
          <button
            type="button"
            class="button primary small-button approve-button"
            disabled={busy}
            onClick={() => void run(() => api.approveReply(post.id))}
          >
            {busy ? s.working : s.approve}
          </button>
          <button type="button" class="button small-button reject-button" disabled={busy} onClick={() => setRejecting(true)}>
            {s.reject}
          </button>
        </div>
      )}
      {review.state === 'pending' && isReviewer && rejecting && (
        <form class="review-form" onSubmit={reject}>
          <label for={`${idBase}-reason`}>{s.reasonLabel}</label>
          <textarea
            id={`${idBase}-reason`}
            rows={2}
            maxLength={1000}
            value={reason}
            placeholder={s.reasonPlaceholder}
            onInput={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setRejecting(false);
              }
            }}
            ref={(el) => el?.focus()}
          />
          <div class="review-actions">
            <button type="submit" class="button small-button reject-button" disabled={busy}>
              {busy ? s.working : s.sendRejection}
            </button>
            <button type="button" class="button subtle small-button" onClick={() => setRejecting(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      )}
      {review.state === 'rejected' && isAuthor && !editing && (
        <div class="review-actions">
          <button
            type="button"
            class="button small-button edit-resend-button"
            onClick={() => {
              setDraft(post.text);
              setEditing(true);
            }}
          >
            {s.editAndResend}
          </button>
        </div>
      )}
      {review.state === 'rejected' && isAuthor && editing && (
        <form class="review-form" onSubmit={resend}>
          <label for={`${idBase}-text`}>{s.editLabel}</label>
          <textarea
            id={`${idBase}-text`}
            rows={3}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <div class="review-actions">
            <button type="submit" class="button primary small-button" disabled={busy || !draft.trim()}>
              {busy ? s.working : s.resend}
            </button>
            <button type="button" class="button subtle small-button" onClick={() => setEditing(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p class="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
