// The bar above the conversation list while conversations are selected: how many, "select all
// N matching", and the actions (assign, label, status, delete) with what came of them.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { BulkActionName, BulkResult, ConversationQuery, Person, User } from './api';
import type { BulkSelection } from './bulk';
import { errorText } from './format';
import { INBOX, routeHash } from './route';
import { strings } from './strings';

/** "Select every conversation shown": checked when all are, mixed when some are. */
export function PageCheckbox({ selection, shown }: { selection: BulkSelection; shown: number }) {
  const ref = useRef<HTMLInputElement>(null);
  const all = shown > 0 && (selection.allMatching || selection.ids.size >= shown);
  const some = selection.ids.size > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <label class="bulk-page-check" title={strings.bulk.selectPage}>
      <input
        ref={ref}
        type="checkbox"
        checked={all}
        disabled={shown === 0}
        onChange={() => selection.selectPage(!all)}
        aria-label={strings.bulk.selectPage}
      />
    </label>
  );
}

interface Props {
  selection: BulkSelection;
  /** Rows shown in the list; more pages when `hasMore`. */
  shown: number;
  hasMore: boolean;
  /** The list's filters, for "select all N matching". */
  filter: ConversationQuery;
  user: User;
  people: Person[];
  /** A deletion went through: offer its undo. */
  onDeleted: (result: BulkResult) => void;
}

/** The next 09:00 local time after now, as RFC 3339. */
function tomorrowMorning(): string {
  const at = new Date();
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  return at.toISOString();
}

export function BulkBar({ selection, shown, hasMore, filter, user, people, onDeleted }: Props) {
  const s = strings.bulk;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [matching, setMatching] = useState<{ count: number; limit: number; over: boolean } | null>(null);
  const menus = useRef<HTMLDivElement>(null);
  const everyShownSelected = shown > 0 && selection.ids.size >= shown;
  const mayDelete = user.role === 'lead' || user.role === 'admin';
  const filterKey = JSON.stringify(filter);

  // How many match, once every row shown is selected and there are more pages.
  useEffect(() => {
    setMatching(null);
    if (!everyShownSelected || !hasMore) return undefined;
    const controller = new AbortController();
    api.countMatching(filter, controller.signal).then(
      (r) => setMatching({ count: r.count, limit: r.limit, over: r.over_limit }),
      () => {},
    );
    return () => controller.abort();
    // `filter` is new on every render; its content is filterKey.
  }, [everyShownSelected, hasMore, filterKey]);

  if (!selection.target && !outcome && !error) return null;

  async function run(action: BulkActionName, params: Record<string, unknown> = {}) {
    const target = selection.target;
    if (!target || busy) return;
    menus.current?.querySelectorAll('details[open]').forEach((d) => d.removeAttribute('open'));
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const result = await api.bulkAction(action, target, params);
      selection.clear();
      if (action === 'delete') onDeleted(result);
      if (action !== 'delete' || result.skipped.length > 0) setOutcome(result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function changeLabel(action: 'add_label' | 'remove_label') {
    if (!label.trim()) {
      setError(s.labelMissing);
      return;
    }
    void run(action, { label: label.trim() }).then(() => setLabel(''));
  }

  const count = selection.allMatching ? matching?.count ?? null : selection.ids.size;
  const colleagues = people.filter((p) => p.id !== user.id && p.role !== 'viewer');

  return (
    <div class="bulk-bar" role="region" aria-label={s.barLabel} ref={menus}>
      {selection.target && (
        <div class="bulk-row">
          <span class="bulk-count" role="status">
            {selection.allMatching ? s.allMatchingSelected(count) : s.selected(selection.ids.size)}
          </span>
          {everyShownSelected && hasMore && !selection.allMatching &&
            (matching?.over ? (
              <span class="muted small">{s.overLimit(matching.limit)}</span>
            ) : (
              <button type="button" class="link-button small bulk-all" onClick={selection.selectAllMatching}>
                {s.selectAllMatching(matching?.count ?? null)}
              </button>
            ))}
          <button type="button" class="link-button small" onClick={selection.clear} disabled={busy}>
            {s.clear}
          </button>
        </div>
      )}
      {selection.target && (
        <div class="bulk-row bulk-actions" aria-busy={busy}>
          <details class="menu">
            <summary class="button small">{s.assign}</summary>
            <div class="menu-items" role="group" aria-label={s.assign}>
              <button type="button" class="menu-item" disabled={busy} onClick={() => run('assign', { user_id: user.id })}>
                {s.assignMe}
              </button>
              {colleagues.map((p) => (
                <button key={p.id} type="button" class="menu-item" disabled={busy} onClick={() => run('assign', { user_id: p.id })}>
                  {p.name || p.email}
                </button>
              ))}
              <button type="button" class="menu-item" disabled={busy} onClick={() => run('assign', { user_id: null })}>
                {s.unassign}
              </button>
            </div>
          </details>
          <details class="menu">
            <summary class="button small">{s.status}</summary>
            <div class="menu-items" role="group" aria-label={s.status}>
              {(['open', 'waiting', 'resolved'] as const).map((status) => (
                <button key={status} type="button" class="menu-item" disabled={busy} onClick={() => run('status', { status })}>
                  {strings.status[status]}
                </button>
              ))}
              <button
                type="button"
                class="menu-item"
                disabled={busy}
                onClick={() => run('status', { status: 'snoozed', snoozed_until: new Date(Date.now() + 3_600_000).toISOString() })}
              >
                {s.snoozeHour}
              </button>
              <button
                type="button"
                class="menu-item"
                disabled={busy}
                onClick={() => run('status', { status: 'snoozed', snoozed_until: tomorrowMorning() })}
              >
                {s.snoozeTomorrow}
              </button>
            </div>
          </details>
          <form
            class="bulk-label"
            onSubmit={(e) => {
              e.preventDefault();
              changeLabel('add_label');
            }}
          >
            <input
              type="text"
              class="bulk-label-input"
              value={label}
              maxLength={60}
              placeholder={s.labelPlaceholder}
              aria-label={s.label}
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
            <button type="submit" class="button small" disabled={busy}>
              {s.addLabel}
            </button>
            <button type="button" class="button small" disabled={busy} onClick={() => changeLabel('remove_label')}>
              {s.removeLabel}
            </button>
          </form>
          {mayDelete && (
            <button type="button" class="button small danger bulk-delete" disabled={busy} onClick={() => run('delete')}>
              {s.delete}
            </button>
          )}
          {busy && <span class="muted small">{s.working}</span>}
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {outcome && (
        <div class="bulk-outcome" role="status">
          <span>
            {outcome.action === 'delete' ? s.deleted(outcome.affected) : s.changed(outcome.affected)}
            {outcome.skipped.length > 0 && s.left(outcome.skipped.length)}
          </span>
          {outcome.skipped.length > 0 && (
            <details class="bulk-skipped">
              <summary>{s.skippedTitle}</summary>
              <ul>
                {outcome.skipped.map((skip) => (
                  <li key={skip.id}>
                    <a href={routeHash({ ...INBOX, conversationId: skip.id })}>#{skip.id}</a> {skip.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button type="button" class="link-button small" onClick={() => setOutcome(null)}>
            {s.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
