// The history tab of a conversation: every event, oldest first, in words.

import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { HistoryEvent, Person } from './api';
import { RelativeTime } from './ConversationList';
import { errorText } from './format';
import { strings } from './strings';

interface Props {
  id: number;
  /** Changes when an event for the conversation came in: reload. */
  reloadKey: number;
  now: number;
  people: Person[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(text).filter(Boolean).join(', ') : text(value);
}

export function describeEvent(e: HistoryEvent, people: Person[]): string {
  const h = strings.history;
  const s = strings.conversation;
  const who = e.actor?.name || (e.kind === 'posts.added' ? s.customer : s.system);
  const d = e.data ?? {};
  const personName = (v: unknown): string | null => {
    if (v && typeof v === 'object' && 'name' in v) return text((v as { name: unknown }).name) || null;
    if (typeof v === 'number') return people.find((p) => p.id === v)?.name ?? s.someone;
    return null;
  };
  switch (e.kind) {
    case 'posts.added':
      return h['posts.added'](who);
    case 'conversation.claimed':
      return h['conversation.claimed'](who);
    case 'conversation.assigned': {
      const to =
        personName(d.assignee) ??
        personName(d.to) ??
        (text(d.assignee_name) || text(d.name) || personName(d.user_id) || personName(d.assignee_id));
      return h['conversation.assigned'](who, to || null);
    }
    case 'conversation.status': {
      const status = text(d.status) || text(d.to);
      return h['conversation.status'](who, (strings.status as Record<string, string>)[status] ?? status);
    }
    case 'conversation.released':
      return h['conversation.released'](who);
    case 'conversation.expert': {
      const experts = Array.isArray(d.experts) ? d.experts : Array.isArray(d.experts_added) ? d.experts_added : [d.expert ?? d.user_id];
      const names = experts.map((x) => personName(x)).filter(Boolean).join(', ');
      return h['conversation.expert'](who, names || null);
    }
    case 'conversation.labels':
      return h['conversation.labels'](
        who,
        list(d.labels_added ?? d.add ?? d.added),
        list(d.labels_removed ?? d.remove ?? d.removed),
      );
    case 'note.added':
      return h['note.added'](who);
    case 'reply.added':
      return h['reply.added'](who);
    case 'reply.delivery': {
      const state = text(d.state);
      return h['reply.delivery'](s.delivery[state] ?? state);
    }
    case 'conversation.woke':
      return h['conversation.woke']();
    case 'link.clicked':
      return h['link.clicked'](text(d.url), typeof d.clicks === 'number' ? d.clicks : 1);
    default:
      return h.other(who, e.kind);
  }
}

export function HistoryPanel({ id, reloadKey, now, people }: Props) {
  const s = strings.conversation;
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'loaded'; events: HistoryEvent[] } | { kind: 'error'; message: string }
  >({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.getHistory(id, controller.signal).then(
      (events) => setState({ kind: 'loaded', events }),
      (e: unknown) => {
        if (api.isAbort(e)) return;
        setState((old) => (old.kind === 'loaded' ? old : { kind: 'error', message: errorText(e) }));
      },
    );
    return () => controller.abort();
  }, [id, reloadKey, attempt]);

  if (state.kind === 'loading') {
    return (
      <p class="muted history-state" role="status" aria-busy="true">
        {s.historyLoading}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div class="history-state error-state" role="alert">
        <h2>{s.historyError}</h2>
        <p>{state.message}</p>
        <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
          {s.retry}
        </button>
      </div>
    );
  }
  if (state.events.length === 0) return <p class="muted history-state">{s.historyEmpty}</p>;
  return (
    <ol class="history" aria-label={s.tabHistory}>
      {state.events.map((e) => (
        <li key={e.seq} class={`history-item history-${e.kind.replace(/[^a-z]/g, '-')}`}>
          <RelativeTime iso={e.at} now={now} />
          <span class="history-text">{describeEvent(e, people)}</span>
        </li>
      ))}
    </ol>
  );
}
