// The SLA clock of a conversation (docs/sla.md): a chip that counts down to the soonest due
// time of its running clocks, green while on time, amber once warned, red when breached.

import { useEffect, useState } from 'preact/hooks';
import type { ConversationSla, Notification } from './api';
import { exactTime } from './format';
import type { RealtimeMessage } from './realtime';
import { strings } from './strings';

const TICK_MS = 10_000;

// One timer for every chip on screen.
const listeners = new Set<(now: number) => void>();
let ticker: number | undefined;

/** The current time, refreshed every ten seconds while mounted. */
export function useTick(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    listeners.add(setNow);
    if (ticker === undefined) {
      ticker = window.setInterval(() => {
        const t = Date.now();
        for (const listener of listeners) listener(t);
      }, TICK_MS);
    }
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && ticker !== undefined) {
        window.clearInterval(ticker);
        ticker = undefined;
      }
    };
  }, []);
  return now;
}

/** 40 s → "<1m", 12 min → "12m", 65 min → "1h 05m", 50 h → "2d 2h". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export type SlaLevel = 'ok' | 'warning' | 'breached';

/**
 * How the clock stands at `now`: by the times themselves (so the chip turns without waiting
 * for the server's sweep), never less than the state the server recorded. Null when no
 * clock runs.
 */
export function slaLevel(sla: ConversationSla | undefined, now: number): SlaLevel | null {
  if (!sla?.due_at) return null;
  if (sla.state === 'breached' || now >= Date.parse(sla.due_at)) return 'breached';
  if (sla.state === 'warning' || (sla.warn_at !== null && now >= Date.parse(sla.warn_at))) return 'warning';
  return 'ok';
}

function kindName(kind: string): string {
  return strings.sla.kinds[kind] ?? kind;
}

export function SlaChip({ sla, compact = false }: { sla: ConversationSla | undefined; compact?: boolean }) {
  const now = useTick();
  const level = slaLevel(sla, now);
  if (!sla || !sla.due_at || !level) return null;
  const s = strings.sla;
  const due = Date.parse(sla.due_at);
  // The running clock that is due first names the chip.
  const timer = sla.timers.find((t) => t.stopped_at === null && t.due_at === sla.due_at);
  const kind = kindName(timer?.kind ?? '');
  const span = formatSpan(due - now);
  const text = level === 'breached' ? s.overdue(span) : s.left(span);
  const title = level === 'breached' ? s.chipOverdueTitle(kind, exactTime(sla.due_at)) : s.chipTitle(kind, exactTime(sla.due_at));
  return (
    <span class={`sla-chip sla-${level}${compact ? ' is-compact' : ''}`} title={title} data-sla={level}>
      <span class="sla-icon" aria-hidden="true">
        ◷
      </span>
      <span aria-hidden="true">{text}</span>
      <span class="visually-hidden">{`${s.states[level]}: ${kind}, ${text}`}</span>
    </span>
  );
}

/** "Missed: First response" for the conversation header, when a clock was breached. */
export function SlaMissed({ sla }: { sla: ConversationSla | undefined }) {
  if (!sla || sla.breached.length === 0) return null;
  return <span class="sla-missed">{strings.sla.missed(sla.breached.map(kindName).join(', '))}</span>;
}

/** True for the feed's SLA events: the bell may have a new notification. */
export function slaNotifies(m: RealtimeMessage): boolean {
  return m.type === 'event' && (m.kind === 'sla.warning' || m.kind === 'sla.breached');
}

/** The bell's headline for an SLA notification; null for other kinds. */
export function slaHeadline(n: Notification): string | null {
  if (n.kind === 'sla_warning') return strings.sla.notificationWarning;
  if (n.kind === 'sla_breached') return strings.sla.notificationBreached;
  return null;
}
