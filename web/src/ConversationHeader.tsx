// Parts of an open conversation's header: who wrote and what it is, the status buttons, the
// labels, and the colleagues looking at it. Apart from ConversationView.tsx because they only
// show what they are given and report back by callback; the view keeps the conversation's
// state and the optimistic actions they call.

import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { ConversationDetail, ConversationStatus, Presence } from './api';
import { NetworkBadge, StatusPill } from './ConversationList';
import { LanguageTag, PriorityBadge, SentimentTag, StreamChips } from './Analysis';
import { displayName, exactTime, followersLabel, networkLabel } from './format';
import { SlaChip, SlaMissed } from './Sla';
import { strings } from './strings';

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

/** Who wrote, on which network and channel, how it was analysed, its status; and the close link. */
export function ConversationHeading({ detail, closeHref }: { detail: ConversationDetail; closeHref: string }) {
  const s = strings.conversation;
  const c = detail.conversation;
  const name = displayName(c.author.name, c.author.handle);
  return (
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
          <span>{strings.list.posts(c.post_count || detail.posts.length)}</span>
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
  );
}

interface StatusActionsProps {
  status: ConversationStatus;
  /** The action under way, if any: every button waits for it. */
  busy: string | null;
  now: number;
  /** The snooze menu, which the "s" shortcut opens. */
  snoozeMenu: RefObject<HTMLDetailsElement>;
  onStatus: (status: ConversationStatus, until?: Date) => void;
}

/** Resolve, waiting, snooze and reopen, as far as they apply to the current status. */
export function StatusActions({ status, busy, now, snoozeMenu, onStatus }: StatusActionsProps) {
  const s = strings.conversation;
  const resolved = status === 'resolved';
  return (
    <div class="status-actions" role="group" aria-label={s.statusActions}>
      {!resolved && (
        <button type="button" class="button" id="resolve-button" onClick={() => onStatus('resolved')} disabled={busy !== null} title={s.resolveTitle}>
          {s.resolve}
        </button>
      )}
      {status !== 'waiting' && !resolved && (
        <button type="button" class="button" onClick={() => onStatus('waiting')} disabled={busy !== null} title={s.waitingTitle}>
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
                onClick={() => onStatus('snoozed', when)}
                title={exactTime(when.toISOString())}
              >
                {label}
              </button>
            ))}
          </div>
        </details>
      )}
      {(resolved || status === 'snoozed' || status === 'waiting') && (
        <button type="button" class="button" id="reopen-button" onClick={() => onStatus('open')} disabled={busy !== null}>
          {s.reopen}
        </button>
      )}
    </div>
  );
}

interface LabelsRowProps {
  labels: string[];
  canAct: boolean;
  /** The action under way, if any: the remove buttons wait for it. */
  busy: string | null;
  onChange: (add: string[], remove: string[]) => void;
}

export function LabelsRow({ labels, canAct, busy, onChange }: LabelsRowProps) {
  const s = strings.conversation;
  const [labelDraft, setLabelDraft] = useState('');

  function addLabel(e: Event) {
    e.preventDefault();
    const label = labelDraft.trim();
    if (!label) return;
    setLabelDraft('');
    if (labels.includes(label)) return;
    onChange([label], []);
  }

  return (
    <div class="labels-row" role="group" aria-label={s.labels}>
      <span class="labels-title small muted">{s.labels}</span>
      {labels.length === 0 && !canAct && <span class="small muted">{s.noLabels}</span>}
      {labels.map((l) => (
        <span key={l} class="label-chip">
          {l}
          {canAct && (
            <button
              type="button"
              class="label-remove"
              aria-label={s.labelRemove(l)}
              title={s.labelRemove(l)}
              onClick={() => onChange([], [l])}
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
  );
}

/** The colleagues who have the conversation open, and whether they are typing. */
export function PresenceBar({ presence, userId }: { presence: Presence[]; userId: number }) {
  const s = strings.conversation;
  const others = presence.filter((p) => p.user_id !== userId);
  return (
    <div class="presence-bar" aria-live="polite" aria-label={s.presenceLabel}>
      {others.map((p) => (
        <span key={p.user_id} class={`presence-item${p.state === 'typing' ? ' is-typing' : ''}`} data-user-id={p.user_id}>
          <span class="presence-dot" aria-hidden="true" />
          {p.state === 'typing' ? s.typing(p.name) : s.viewing(p.name)}
        </span>
      ))}
    </div>
  );
}
