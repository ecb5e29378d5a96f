// The streams of the listening engine (#/streams): everyone sees the list; team leads and
// administrators create, edit and delete, with a live preview of what a query catches.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { PreviewPost, Stream, StreamInput, Team, User } from './api';
import { StreamChip } from './Analysis';
import { ConfirmDialog } from './ConfirmDialog';
import { NetworkBadge, RelativeTime } from './ConversationList';
import { DEFAULT_STREAM_COLOUR, displayName, errorText, isHexColour, networkLabel, safeColour } from './format';
import { INBOX, routeHash } from './route';
import { strings } from './strings';
import { FormFooter, LoadStatus, RowEditDelete, useDebouncedAsk, useEditableList, useFormSubmit, useLoad } from './EditableList';

const PREVIEW_LIMIT = 20;
const PREVIEW_DELAY_MS = 300;

export function canManageStreams(user: User): boolean {
  return user.role === 'lead' || user.role === 'admin';
}

interface Props {
  user: User;
  /** After a stream was created, changed or deleted (the inbox refreshes its filters). */
  onChanged: () => void;
}

export function StreamsScreen({ user, onChanged }: Props) {
  const s = strings.streams;
  const canManage = canManageStreams(user);
  const { load, reload: retry } = useLoad((signal) =>
    Promise.all([api.listStreams(signal), api.listTeams(signal)]).then(([streams, teams]) => ({ streams, teams })),
  );
  const reload = () => {
    retry();
    onChanged();
  };
  const list = useEditableList<Stream>(
    (stream) => api.deleteStream(stream.id),
    (gone) => {
      list.setNotice(s.deleted(gone.name));
      reload();
    },
  );
  const { editing, startCreate, toDelete } = list;

  function saved(stream: Stream, created: boolean) {
    list.setEditing(null);
    list.setNotice(created ? s.created(stream.name) : s.saved(stream.name));
    reload();
  }

  const teams = load.kind === 'loaded' ? load.teams : [];
  const teamName = (id: number | null) => {
    if (id === null) return null;
    return teams.find((t) => t.id === id)?.name ?? strings.filters.unknownTeam(String(id));
  };

  return (
    <div class="screen-body streams-screen">
      <header class="screen-header">
        <div>
          <h1>{s.title}</h1>
          <p class="muted">{s.intro}</p>
        </div>
        {canManage && !editing && (
          <button type="button" class="button primary" id="stream-create" ref={list.createRef} onClick={startCreate}>
            <span aria-hidden="true">+</span> {s.create}
          </button>
        )}
      </header>
      {!canManage && <p class="notice read-only-note">{s.readOnly}</p>}
      <div role="status" class="screen-notice" aria-live="polite">
        {list.notice && <p class="notice">{list.notice}</p>}
      </div>

      {editing && canManage && (
        <StreamEditor key={list.editorKey} stream={list.editedItem} teams={teams} onSaved={saved} onCancel={list.closeEditor} />
      )}

      <LoadStatus load={load} loading={s.loading} errorTitle={s.errorTitle} retry={s.retry} onRetry={retry} />
      {load.kind === 'loaded' && load.streams.length === 0 && (
        <div class="empty-state streams-empty">
          <p>{canManage ? s.empty : s.emptyReadOnly}</p>
          {canManage && !editing && (
            <button type="button" class="button primary" onClick={startCreate}>
              {s.create}
            </button>
          )}
        </div>
      )}
      {load.kind === 'loaded' && load.streams.length > 0 && (
        <div class="table-scroll">
          <table class="streams-table">
            <caption class="visually-hidden">{s.count(load.streams.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{s.columns.name}</th>
                <th scope="col">{s.columns.query}</th>
                <th scope="col">{s.columns.team}</th>
                <th scope="col" class="num">
                  {s.columns.weight}
                </th>
                <th scope="col">{s.columns.active}</th>
                <th scope="col">
                  <span class="visually-hidden">{s.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {load.streams.map((stream) => {
                const team = teamName(stream.team_id);
                return (
                  <tr key={stream.id} data-stream-id={stream.id} class={stream.active ? undefined : 'is-paused'}>
                    <th scope="row" class="stream-name-cell">
                      <StreamChip stream={stream} colour={stream.colour} />
                    </th>
                    <td>
                      <code class="query-text">{stream.query}</code>
                    </td>
                    <td class="stream-team">{team ?? <span class="muted">{s.noTeam}</span>}</td>
                    <td class="num stream-weight">{s.weight(stream.priority_weight)}</td>
                    <td class="stream-active">
                      <span class={`state-pill ${stream.active ? 'is-on' : 'is-off'}`}>
                        {stream.active ? s.active : s.paused}
                      </span>
                    </td>
                    <td class="row-actions">
                      <a
                        class="link-button"
                        href={routeHash({ ...INBOX, stream: String(stream.id) })}
                        aria-label={s.showInInboxLabel(stream.name)}
                      >
                        {s.showInInbox}
                      </a>
                      {canManage && (
                        <RowEditDelete
                          texts={s}
                          name={stream.name}
                          onEdit={() => list.startEdit(stream)}
                          onRemove={() => list.askDelete(stream)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog {...list.deleteDialog} title={s.confirmTitle} confirmLabel={s.confirmDelete} busyLabel={s.deleting}>
        <p>{toDelete ? s.confirmText(toDelete.name) : ''}</p>
      </ConfirmDialog>
    </div>
  );
}

// ---------- The form ----------

interface EditorProps {
  stream: Stream | null;
  teams: Team[];
  onSaved: (stream: Stream, created: boolean) => void;
  onCancel: () => void;
}

function StreamEditor({ stream, teams, onSaved, onCancel }: EditorProps) {
  const s = strings.streams;
  const [name, setName] = useState(stream?.name ?? '');
  const [query, setQuery] = useState(stream?.query ?? '');
  const [teamId, setTeamId] = useState(stream?.team_id != null ? String(stream.team_id) : '');
  const [colour, setColour] = useState(stream?.colour ?? DEFAULT_STREAM_COLOUR);
  const [weight, setWeight] = useState(String(stream?.priority_weight ?? 0));
  const [active, setActive] = useState(stream?.active ?? true);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const preview = usePreview(query);

  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'nearest' });
    nameRef.current?.focus();
  }, []);

  const { saving, error, submit } = useFormSubmit(
    () => {
      const w = Number(weight);
      if (!name.trim()) return s.nameRequired;
      if (!query.trim()) return s.queryRequired;
      if (!isHexColour(colour)) return s.colourInvalid;
      if (weight.trim() === '' || !Number.isInteger(w) || w < -100 || w > 100) return s.weightInvalid;
      return null;
    },
    () => {
      const input: StreamInput = {
        name: name.trim(),
        query: query.trim(),
        team_id: teamId ? Number(teamId) : null,
        colour: colour.toLowerCase(),
        priority_weight: Number(weight),
        active,
      };
      return stream ? api.updateStream(stream.id, input) : api.createStream(input);
    },
    (result) => onSaved(result, stream === null),
  );

  const queryError = preview.kind === 'query-error' ? preview : null;
  const describedBy = ['stream-query-hint', queryError ? 'stream-query-error' : ''].filter(Boolean).join(' ');
  const teamKnown = !teamId || teams.some((t) => String(t.id) === teamId);

  return (
    <section class="stream-editor" aria-labelledby="stream-editor-title">
      <form ref={formRef} class="stream-form" onSubmit={submit} noValidate>
        <h2 id="stream-editor-title">{stream ? s.formEdit(stream.name) : s.formCreate}</h2>
        <div class="field">
          <label for="stream-name">{s.name}</label>
          <input
            ref={nameRef}
            id="stream-name"
            name="name"
            type="text"
            maxLength={100}
            autocomplete="off"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            required
          />
        </div>
        <div class="field">
          <label for="stream-query">{s.query}</label>
          <textarea
            id="stream-query"
            name="query"
            rows={3}
            spellcheck={false}
            autocomplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            aria-invalid={queryError ? true : undefined}
            aria-describedby={describedBy}
            required
          />
          <p id="stream-query-hint" class="field-hint">
            {s.queryHint}
          </p>
          {queryError && <QueryErrorView id="stream-query-error" query={queryError.query} message={queryError.message} column={queryError.column} />}
        </div>
        <div class="field-row">
          <div class="field">
            <label for="stream-team">{s.team}</label>
            <select id="stream-team" value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
              <option value="">{s.noTeam}</option>
              {teams.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
              {!teamKnown && <option value={teamId}>{strings.filters.unknownTeam(teamId)}</option>}
            </select>
          </div>
          <div class="field">
            <label for="stream-colour">{s.colour}</label>
            <span class="colour-field">
              <input
                id="stream-colour"
                type="color"
                value={safeColour(colour)}
                onInput={(e) => setColour(e.currentTarget.value)}
              />
              <input
                id="stream-colour-hex"
                type="text"
                class="mono"
                aria-label={s.colourHex}
                maxLength={7}
                size={8}
                value={colour}
                onInput={(e) => setColour(e.currentTarget.value.trim())}
                aria-invalid={isHexColour(colour) ? undefined : true}
              />
            </span>
          </div>
          <div class="field">
            <label for="stream-weight">{s.weightLabel}</label>
            <input
              id="stream-weight"
              type="number"
              min={-100}
              max={100}
              step={1}
              value={weight}
              onInput={(e) => setWeight(e.currentTarget.value)}
              aria-describedby="stream-weight-hint"
            />
          </div>
        </div>
        <p id="stream-weight-hint" class="field-hint">
          {s.weightHint}
        </p>
        <label class="check">
          <input id="stream-active" type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          {s.activeLabel}
        </label>
        <FormFooter id="stream" texts={s} isNew={stream === null} error={error} saving={saving} onCancel={onCancel} />
      </form>
      <PreviewPane state={preview} />
    </section>
  );
}

// ---------- Query errors ----------

/** The column of "error at column N: ..." (1-based, in characters), or null. */
export function errorColumn(message: string): number | null {
  const m = /\bcolumn (\d+)\b/.exec(message);
  return m ? Number(m[1]) : null;
}

function QueryErrorView({ id, query, message, column }: { id: string; query: string; message: string; column: number | null }) {
  const chars = Array.from(query);
  const at = column !== null && column >= 1 ? Math.min(column - 1, chars.length) : null;
  return (
    <div id={id} class="query-error" role="alert">
      <p class="query-error-message">
        <span class="visually-hidden">{strings.streams.queryError}: </span>
        {message}
      </p>
      {at !== null && (
        <code class="query-error-context" aria-hidden="true">
          {chars.slice(0, at).join('')}
          <mark>{chars[at] ?? ' '}</mark>
          {chars.slice(at + 1).join('')}
        </code>
      )}
    </div>
  );
}

// ---------- The live preview ----------

type Preview =
  | { kind: 'idle' }
  | { kind: 'loading'; posts: PreviewPost[] | null }
  | { kind: 'loaded'; posts: PreviewPost[] }
  | { kind: 'query-error'; query: string; message: string; column: number | null }
  | { kind: 'error'; message: string };

/** Asks the server which stored posts `query` catches, 300 ms after the last keystroke. */
function usePreview(query: string): Preview {
  const state = useDebouncedAsk(query, PREVIEW_DELAY_MS, (q, signal) => api.previewStream(q.trim(), PREVIEW_LIMIT, signal));
  switch (state.kind) {
    case 'idle':
      return state;
    case 'loading':
      return { kind: 'loading', posts: state.last };
    case 'loaded':
      return { kind: 'loaded', posts: state.value };
    case 'error': {
      const e = state.error;
      // A 400 is the query itself: shown under the field, where it can be corrected.
      if (e instanceof api.ApiError && e.status === 400) {
        return { kind: 'query-error', query: state.input.trim(), message: errorText(e), column: errorColumn(e.message) };
      }
      return { kind: 'error', message: errorText(e) };
    }
  }
}

function PreviewPane({ state }: { state: Preview }) {
  const s = strings.streams;
  const now = Date.now();
  const posts = state.kind === 'loaded' ? state.posts : state.kind === 'loading' ? state.posts : null;
  let status = '';
  if (state.kind === 'idle') status = s.previewHint;
  else if (state.kind === 'loading' && !posts) status = s.previewLoading;
  else if (posts) status = posts.length === 0 ? s.previewNone : s.previewCount(posts.length, PREVIEW_LIMIT);
  return (
    <section class="stream-preview" aria-labelledby="stream-preview-title" aria-busy={state.kind === 'loading'}>
      <h2 id="stream-preview-title">{s.previewTitle}</h2>
      <p class="muted small preview-status" role="status">
        {status}
      </p>
      {state.kind === 'query-error' && <p class="muted small">{s.previewQueryError}</p>}
      {state.kind === 'error' && (
        <p class="form-error" role="alert">
          {`${s.previewError}: ${state.message}`}
        </p>
      )}
      {posts && posts.length > 0 && (
        <ol class={`preview-posts${state.kind === 'loading' ? ' is-refreshing' : ''}`}>
          {posts.map((p) => (
            <li key={p.id} class="preview-post" data-post-id={p.id}>
              <header class="preview-post-header">
                <NetworkBadge network={p.network} />
                <span class="author-name">{displayName(p.author.name, p.author.handle)}</span>
                <span class="visually-hidden">{networkLabel(p.network)}</span>
                <RelativeTime iso={p.created_at} now={now} />
              </header>
              <p class="preview-text">{p.text || <span class="muted">{strings.conversation.noText}</span>}</p>
              {p.matched && p.matched.length > 0 && (
                <ul class="matched" aria-label={s.matched}>
                  {p.matched.map((m, i) => (
                    <li key={i} class="matched-chip">
                      {m}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
