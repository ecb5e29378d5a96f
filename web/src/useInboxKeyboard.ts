// The inbox's keyboard shortcuts (j/k, Enter, x, /, ?, a/e/s/r/n, Escape; the list is in
// ShortcutsDialog). Apart from Inbox.tsx because it is one document-wide handler with its own
// rules for when a key is the user's typing and when it is a shortcut.

import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Dispatch, MutableRef, StateUpdater } from 'preact/hooks';
import type { BulkSelection } from './bulk';
import type { ListState } from './ConversationList';
import type { ConversationActions } from './ConversationView';
import { navigate, type Route } from './route';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

interface Options {
  list: ListState;
  route: Route;
  showShortcuts: boolean;
  loadMore: () => void;
  bulk: BulkSelection;
  /** The highlighted row, current even before the next render. */
  selectedRef: MutableRef<number>;
  select: (index: number) => void;
  focusRow: (index: number) => void;
  searchRef: RefObject<HTMLInputElement>;
  setDraft: Dispatch<StateUpdater<string>>;
  setShowShortcuts: Dispatch<StateUpdater<boolean>>;
  actionsRef: MutableRef<ConversationActions | null>;
}

export function useInboxKeyboard({
  list,
  route,
  showShortcuts,
  loadMore,
  bulk,
  selectedRef,
  select,
  focusRow,
  searchRef,
  setDraft,
  setShowShortcuts,
  actionsRef,
}: Options) {
  // The handler is registered once and reads the latest state from this ref, so that keys
  // pressed faster than the screen re-renders are not lost.
  const latest = useRef({ list, route, showShortcuts, loadMore, bulk });
  latest.current = { list, route, showShortcuts, loadMore, bulk };

  useEffect(() => {
    function move(delta: number) {
      const { list: l, loadMore: more } = latest.current;
      if (l.items.length === 0) return;
      const current = selectedRef.current;
      let next = current < 0 ? (delta > 0 ? 0 : l.items.length - 1) : current + delta;
      if (next >= l.items.length) {
        next = l.items.length - 1;
        if (l.nextCursor) more();
      }
      next = Math.max(0, next);
      select(next);
      focusRow(next);
    }

    function openSelected(): boolean {
      const { list: l, route: r } = latest.current;
      const c = l.items[selectedRef.current];
      if (!c) return false;
      navigate({ ...r, conversationId: c.id });
      return true;
    }

    function onKey(event: KeyboardEvent) {
      const { route: r, showShortcuts: dialogOpen } = latest.current;
      if (dialogOpen) return; // the dialog handles its own keys
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return; // another modal dialog is open
      const target = event.target;
      if (r.screen !== 'inbox') {
        // The other screens are forms: only the shortcuts overlay.
        if (event.key === '?' && !isTyping(target)) {
          event.preventDefault();
          setShowShortcuts(true);
        }
        return;
      }
      if (isTyping(target)) {
        if (event.key === 'Escape' && target === searchRef.current) {
          event.preventDefault();
          setDraft(r.q);
          searchRef.current?.blur();
          if (selectedRef.current >= 0) focusRow(selectedRef.current);
        }
        return;
      }
      switch (event.key) {
        case 'j':
          event.preventDefault();
          move(1);
          break;
        case 'k':
          event.preventDefault();
          move(-1);
          break;
        case 'x':
        case 'X': {
          // Selects (or unselects) the highlighted row for a bulk action; Shift: a range.
          const c = latest.current.list.items[selectedRef.current];
          if (!c) return;
          event.preventDefault();
          latest.current.bulk.toggle(c.id, event.shiftKey);
          break;
        }
        case 'Enter': {
          // Buttons and other links keep their own Enter.
          const el = target instanceof HTMLElement ? target : null;
          const onRow = el?.classList.contains('conv-row') ?? false;
          if (el && !onRow && el !== document.body && el.matches('a, button, summary, [tabindex]')) return;
          if (openSelected()) event.preventDefault();
          break;
        }
        case '/':
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        case '?':
          event.preventDefault();
          setShowShortcuts(true);
          break;
        case 'a':
        case 'e':
        case 's':
        case 'r':
        case 'n': {
          const actions = actionsRef.current;
          if (r.conversationId === null || !actions) return;
          event.preventDefault();
          if (event.key === 'a') actions.claimOrAssign();
          else if (event.key === 'e') actions.resolve();
          else if (event.key === 's') actions.snooze();
          else if (event.key === 'r') actions.focusReply();
          else actions.focusNote();
          break;
        }
        case 'Escape':
          if (r.conversationId !== null) {
            event.preventDefault();
            navigate({ ...r, conversationId: null });
            if (selectedRef.current >= 0) focusRow(selectedRef.current);
          }
          break;
        default:
          break;
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [focusRow, select]);
}
