// Selecting conversations in the list for a bulk action: single rows (checkbox or "x"), a
// range with Shift, the whole page, or every conversation matching the list's filters (the
// server then resolves the filter itself, up to 10,000).

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BulkTarget, Conversation, ConversationQuery } from './api';

export interface BulkSelection {
  /** Selected rows, by conversation id. */
  ids: Set<number>;
  /** Every conversation matching the list's filters, not only the rows shown. */
  allMatching: boolean;
  /** Toggles one row; with `range`, sets every row from the last one toggled to this one. */
  toggle: (id: number, range: boolean) => void;
  /** Selects (or clears) every row shown. */
  selectPage: (on: boolean) => void;
  selectAllMatching: () => void;
  clear: () => void;
  /** What a bulk action is for; null when nothing is selected. */
  target: BulkTarget | null;
}

/** The list's filters as the bulk endpoint takes them: no paging, no empty values. */
export function bulkFilter(query: ConversationQuery): ConversationQuery {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'limit' || key === 'cursor' || value === undefined || value === null || value === '') continue;
    filter[key] = String(value);
  }
  return filter as ConversationQuery;
}

/**
 * The selection of the list showing `items` for `query`. A change of filters starts a new
 * selection; rows that leave the list (deleted, or no longer in the view) leave it too.
 */
export function useBulkSelection(items: Conversation[], query: ConversationQuery): BulkSelection {
  const [ids, setIds] = useState<Set<number>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  /** The row toggled last: the start of a Shift range. */
  const anchor = useRef<number | null>(null);
  // The query object is new on every render; its content is what counts.
  const filterKey = JSON.stringify(bulkFilter(query));
  const filter = useMemo(() => JSON.parse(filterKey) as ConversationQuery, [filterKey]);

  useEffect(() => {
    setIds(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, [filterKey]);

  useEffect(() => {
    setIds((old) => {
      if (old.size === 0) return old;
      const shown = new Set(items.map((c) => c.id));
      const kept = new Set([...old].filter((id) => shown.has(id)));
      return kept.size === old.size ? old : kept;
    });
  }, [items]);

  const toggle = useCallback(
    (id: number, range: boolean) => {
      setAllMatching(false);
      setIds((old) => {
        const next = new Set(old);
        const on = !old.has(id);
        const from = range && anchor.current !== null ? items.findIndex((c) => c.id === anchor.current) : -1;
        const to = items.findIndex((c) => c.id === id);
        if (from >= 0 && to >= 0) {
          for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
            if (on) next.add(items[i].id);
            else next.delete(items[i].id);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = id;
    },
    [items],
  );

  const selectPage = useCallback(
    (on: boolean) => {
      setAllMatching(false);
      setIds(on ? new Set(items.map((c) => c.id)) : new Set());
    },
    [items],
  );

  const selectAllMatching = useCallback(() => {
    setIds(new Set(items.map((c) => c.id)));
    setAllMatching(true);
  }, [items]);

  const clear = useCallback(() => {
    setIds(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, []);

  const target = useMemo<BulkTarget | null>(() => {
    if (allMatching) return { filter };
    if (ids.size === 0) return null;
    // In the order of the list, so the results read top to bottom.
    return { ids: items.filter((c) => ids.has(c.id)).map((c) => c.id) };
  }, [allMatching, filter, ids, items]);

  return { ids, allMatching, toggle, selectPage, selectAllMatching, clear, target };
}
