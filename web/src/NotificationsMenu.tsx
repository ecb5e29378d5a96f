// The bell in the top bar: unread mentions (and conversations handed to the user), live.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Notification, User } from './api';
import { RelativeTime } from './ConversationList';
import type { RealtimeMessage } from './realtime';
import { canReview, reviewNotifies } from './ReviewScreen';
import { slaHeadline, slaNotifies } from './Sla';
import { strings } from './strings';

interface Props {
  state: { items: Notification[]; unread: number; error: boolean };
  now: number;
  onOpen: (n: Notification) => void;
  onReadOne: (n: Notification) => void;
  onReadAll: () => void;
}

function headline(n: Notification): string {
  const who = n.actor?.name || strings.conversation.someone;
  const s = strings.header;
  switch (n.kind) {
    case 'mention':
      return s.mentioned(who);
    case 'assigned':
      return s.assignedToYou(who);
    case 'escalation':
      return s.escalatedToYou(who);
    case 'approval_requested':
      return strings.review.approvalRequested(who);
    case 'reply_rejected':
      return strings.review.replyRejected(who);
    case 'follow_up.assigned':
      return s.followUpForYou(who);
    case 'follow_up.due':
      return s.followUpDue;
    case 'follow_up.overdue':
      return s.followUpOverdue;
    default:
      return slaHeadline(n) ?? who;
  }
}

/**
 * Whether an event of the live feed may have put a notification in this user's bell (the
 * server writes one with the change; only mentions come as messages of their own).
 */
export function bellMayChange(m: RealtimeMessage, user: User): boolean {
  if (m.type !== 'event') return false;
  const d = m.data;
  switch (m.kind) {
    case 'conversation.assigned':
      return d.assignee === user.id && m.actor?.id !== user.id;
    case 'conversation.escalated':
      return d.expert === user.id || (d.kind === 'management' && canReview(user));
    case 'follow_up.added':
    case 'follow_up.due':
      return d.owner === user.id && m.actor?.id !== user.id;
    case 'follow_up.overdue':
      return Array.isArray(d.leads) && d.leads.includes(user.id);
    default:
      return reviewNotifies(m, user.id) || slaNotifies(m);
  }
}

export function NotificationsMenu({ state, now, onOpen, onReadOne, onReadAll }: Props) {
  const s = strings.header;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: MouseEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  const label = state.unread > 0 ? `${s.notifications}: ${s.notificationsCount(state.unread)}` : s.notifications;
  return (
    <div class="notifications" ref={ref}>
      <button
        type="button"
        class="icon-button notifications-button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={label}
        title={label}
        onClick={() => setOpen((o) => !o)}
      >
        <svg class="bell" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.4 15a2.5 2.5 0 0 0 4.8 0Z"
            fill="currentColor"
          />
        </svg>
        {state.unread > 0 && (
          <span class="badge-count" aria-hidden="true">
            {state.unread > 99 ? '99+' : state.unread}
          </span>
        )}
      </button>
      {open && (
        <div class="notifications-panel" id="notifications-panel" role="region" aria-label={s.notifications}>
          <div class="notifications-head">
            <h2>{s.notifications}</h2>
            {state.items.some((n) => !n.read) && (
              <button type="button" class="link-button small" onClick={onReadAll}>
                {s.markAllRead}
              </button>
            )}
          </div>
          {state.error && <p class="form-error small">{s.notificationsError}</p>}
          {state.items.length === 0 && !state.error && <p class="muted small">{s.notificationsEmpty}</p>}
          <ul>
            {state.items.map((n) => (
              <li key={n.id} class={n.read ? 'is-read' : undefined}>
                <button
                  type="button"
                  class="notification"
                  onClick={() => {
                    onReadOne(n);
                    onOpen(n);
                    setOpen(false);
                  }}
                >
                  <span class="notification-head">
                    <span>{headline(n)}</span>
                    <RelativeTime iso={n.created_at} now={now} />
                  </span>
                  {/* User-written text: a text node. */}
                  <span class="notification-text">{n.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
