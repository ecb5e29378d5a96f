// The routing rules (#/routing): the weights that make a post's priority, with what each
// means. Administrators edit and save them; everyone else reads them.

import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { RoutingRules, Team, User } from './api';
import { errorText } from './format';
import { strings } from './strings';
import { LoadError } from './LoadError';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; rules: RoutingRules; teams: Team[] };

/** The order of the known keys; keys the server adds later follow, by name. */
const KNOWN_KEYS = Object.keys(strings.routing.fields);

function orderedKeys(rules: RoutingRules): string[] {
  const known = KNOWN_KEYS.filter((k) => k in rules);
  const extra = Object.keys(rules)
    .filter((k) => !KNOWN_KEYS.includes(k))
    .sort();
  return [...known, ...extra];
}

function toDraft(rules: RoutingRules): Record<string, string> {
  const draft: Record<string, string> = {};
  for (const [k, v] of Object.entries(rules)) draft[k] = String(v);
  return draft;
}

export function RoutingScreen({ user }: { user: User }) {
  const s = strings.routing;
  const canEdit = user.role === 'admin';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    Promise.all([api.getRoutingRules(controller.signal), api.listTeams(controller.signal)])
      .then(([rules, teams]) => {
        setLoad({ kind: 'loaded', rules, teams });
        setDraft(toDraft(rules));
      })
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        if (e instanceof api.ApiError && e.status === 401) return;
        setLoad({ kind: 'error', message: errorText(e) });
      });
    return () => controller.abort();
  }, [attempt]);

  if (load.kind === 'loading') {
    return (
      <div class="screen-body">
        <h1>{s.title}</h1>
        <p class="muted" role="status" aria-busy="true">
          {s.loading}
        </p>
      </div>
    );
  }
  if (load.kind === 'error') {
    return (
      <div class="screen-body">
        <h1>{s.title}</h1>
        <LoadError title={s.errorTitle} message={load.message} retry={s.retry} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }

  const { rules, teams } = load;
  const keys = orderedKeys(rules);
  const label = (key: string) => s.fields[key]?.[0] ?? key;
  const changed = keys.some((k) => draft[k] !== String(rules[k]));

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    const next: RoutingRules = {};
    for (const key of keys) {
      const text = (draft[key] ?? '').trim();
      const n = Number(text);
      if (text === '' || !Number.isInteger(n)) {
        setError(s.invalid(label(key)));
        document.getElementById(`rule-${key}`)?.focus();
        return;
      }
      next[key] = n;
    }
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      const stored = await api.putRoutingRules(next);
      setLoad({ kind: 'loaded', rules: stored, teams });
      setDraft(toDraft(stored));
      setNotice(s.saved);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) return;
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  const teamName = (id: number) => (id === 0 ? s.noTeam : teams.find((t) => t.id === id)?.name ?? s.unknownTeam(id));

  return (
    <div class="screen-body routing-screen">
      <header class="screen-header">
        <div>
          <h1>{s.title}</h1>
          <p class="muted">{s.intro}</p>
        </div>
      </header>
      {!canEdit && <p class="notice read-only-note">{s.readOnly}</p>}
      <form class="rules-form" onSubmit={save} noValidate aria-describedby={error ? 'rules-error' : undefined}>
        <div class="rules-list">
          {keys.map((key) => {
            const [name, help] = s.fields[key] ?? [key, ''];
            const id = `rule-${key}`;
            const isTeam = key === 'default_team';
            const isFollowers = key === 'influence_max_followers';
            const value = draft[key] ?? '';
            return (
              <div class="rule-row" key={key} data-rule={key}>
                <div class="rule-text">
                  <label for={id}>{name}</label>
                  {help && (
                    <p class="field-hint" id={`${id}-help`}>
                      {help}
                    </p>
                  )}
                </div>
                <div class="rule-value">
                  {!canEdit ? (
                    <output id={id} aria-describedby={help ? `${id}-help` : undefined}>
                      {isTeam ? teamName(Number(value)) : value}
                      {!isTeam && <span class="muted small"> {isFollowers ? s.followers : s.points}</span>}
                    </output>
                  ) : isTeam ? (
                    <select
                      id={id}
                      value={value}
                      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
                      aria-describedby={help ? `${id}-help` : undefined}
                    >
                      <option value="0">{s.noTeam}</option>
                      {teams.map((t) => (
                        <option key={t.id} value={String(t.id)}>
                          {t.name}
                        </option>
                      ))}
                      {value !== '0' && !teams.some((t) => String(t.id) === value) && (
                        <option value={value}>{s.unknownTeam(Number(value))}</option>
                      )}
                    </select>
                  ) : (
                    <span class="number-field">
                      <input
                        id={id}
                        type="number"
                        step={1}
                        min={isFollowers ? 0 : -100}
                        max={isFollowers ? undefined : 100}
                        value={value}
                        onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
                        aria-describedby={help ? `${id}-help` : undefined}
                      />
                      <span class="muted small">{isFollowers ? s.followers : s.points}</span>
                    </span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
        {canEdit && (
          <>
            <div id="rules-error" class="form-error" role="alert">
              {error}
            </div>
            <div role="status" aria-live="polite">
              {notice && <p class="notice">{notice}</p>}
            </div>
            <div class="form-actions">
              <button
                type="button"
                class="button"
                disabled={!changed || saving}
                onClick={() => {
                  setDraft(toDraft(rules));
                  setError(null);
                }}
              >
                {s.reset}
              </button>
              <button type="submit" class="button primary" id="rules-save" disabled={saving} aria-busy={saving}>
                {saving ? s.saving : s.save}
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}
