// Canned answers (#/canned): leads and admins create, edit and delete them with a live
// preview; admins also set the company's name ({{ company.name }}) and whether links in replies
// become tracked short links. Agents use the answers in the composer by typing "/".

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { CannedAnswer, CannedAnswerInput, CompanySettings, Team, TemplateVariable, User } from './api';
import { CompanyForm } from './CompanySettingsForm';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText, networkLabel } from './format';
import { strings } from './strings';
import {
  FormFooter,
  LoadStatus,
  RowEditDelete,
  useDebouncedAsk,
  useEditableList,
  useFormSubmit,
  useLoad,
} from './EditableList';

const NETWORKS = ['x', 'mastodon', 'facebook', 'instagram', 'linkedin', 'email', 'forum'];
const PREVIEW_DELAY_MS = 250;
const LIST_LIMIT = 200;

interface Data {
  answers: CannedAnswer[];
  teams: Team[];
  variables: TemplateVariable[];
  company: CompanySettings;
}

function matches(answer: CannedAnswer, filter: string): boolean {
  const f = filter.trim().replace(/^\//, '').toLowerCase();
  if (!f) return true;
  return [answer.shortcut, answer.title, answer.body].some((text) => text.toLowerCase().includes(f));
}

export function CannedScreen({ user }: { user: User }) {
  const s = strings.canned;
  const canManage = user.role === 'lead' || user.role === 'admin';
  const { load, setLoad, reload } = useLoad<Data>((signal) =>
    Promise.all([
      api.listCannedAnswers('', null, signal, LIST_LIMIT),
      api.listTeams(signal),
      api.listTemplateVariables(signal),
      api.getCompanySettings(signal),
    ]).then(([answers, teams, variables, company]) => ({ answers, teams, variables, company })),
  );
  const [filter, setFilter] = useState('');
  const list = useEditableList<CannedAnswer>(
    (answer) => api.deleteCannedAnswer(answer.id),
    (gone) => {
      setLoad((old) => (old.kind === 'loaded' ? { ...old, answers: old.answers.filter((a) => a.id !== gone.id) } : old));
      list.setNotice(s.deleted(gone.shortcut));
    },
  );
  const { editing, toDelete } = list;

  const shown = useMemo(() => {
    if (load.kind !== 'loaded') return [];
    return load.answers.filter((a) => matches(a, filter)).sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  }, [load, filter]);

  function saved(answer: CannedAnswer, created: boolean) {
    setLoad((old) =>
      old.kind === 'loaded'
        ? { ...old, answers: [...old.answers.filter((a) => a.id !== answer.id), answer] }
        : old,
    );
    list.closeEditor();
    list.setNotice(created ? s.created(answer.shortcut) : s.saved(answer.shortcut));
  }

  return (
    <div class="screen-body canned-screen">
      <header class="screen-header">
        <h1>{s.title}</h1>
        {canManage && load.kind === 'loaded' && !editing && (
          <button ref={list.createRef} type="button" class="button primary" id="canned-create" onClick={list.startCreate}>
            {s.create}
          </button>
        )}
      </header>
      <p class="muted">{s.intro}</p>
      {!canManage && <p class="read-only-note">{s.readOnly}</p>}
      <p class="notice" role="status">
        {list.notice}
      </p>

      <LoadStatus load={load} loading={s.loading} errorTitle={s.errorTitle} retry={s.retry} onRetry={reload} />

      {load.kind === 'loaded' && (
        <>
          {canManage && (
            <CompanyForm
              company={load.company}
              canEdit={user.role === 'admin'}
              onSaved={(company) => setLoad((old) => (old.kind === 'loaded' ? { ...old, company } : old))}
            />
          )}

          {editing && canManage && (
            <AnswerEditor
              key={list.editorKey}
              answer={list.editedItem}
              teams={load.teams}
              variables={load.variables}
              onSaved={saved}
              onCancel={list.closeEditor}
            />
          )}

          {load.answers.length === 0 ? (
            <div class="empty-state">
              <p>{canManage ? s.empty : s.readOnly}</p>
            </div>
          ) : (
            <>
              <div class="canned-search">
                <label class="visually-hidden" for="canned-filter">
                  {s.search}
                </label>
                <input
                  id="canned-filter"
                  type="search"
                  value={filter}
                  placeholder={s.searchPlaceholder}
                  autocomplete="off"
                  onInput={(e) => setFilter(e.currentTarget.value)}
                />
              </div>
              {shown.length === 0 ? (
                <p class="muted">{s.noMatch}</p>
              ) : (
                <div class="table-scroll">
                  <table class="canned-table">
                    <caption class="visually-hidden">{s.count(shown.length)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{s.columns.shortcut}</th>
                        <th scope="col">{s.columns.title}</th>
                        <th scope="col">{s.columns.team}</th>
                        <th scope="col">{s.columns.network}</th>
                        <th scope="col" class="num">
                          {s.columns.uses}
                        </th>
                        {canManage && (
                          <th scope="col">
                            <span class="visually-hidden">{s.columns.actions}</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((a) => (
                        <tr key={a.id} data-canned-id={a.id}>
                          <th scope="row">
                            <code class="canned-shortcut">/{a.shortcut}</code>
                          </th>
                          <td>
                            <span class="canned-title">{a.title}</span>
                            <span class="canned-body muted small">{a.body}</span>
                          </td>
                          <td>{a.team ? a.team.name : <span class="muted">{s.companyWide}</span>}</td>
                          <td>{a.network ? networkLabel(a.network) : <span class="muted">{s.anyNetwork}</span>}</td>
                          <td class="num">{s.uses(a.usage_count)}</td>
                          {canManage && (
                            <td class="row-actions">
                              <RowEditDelete
                                texts={s}
                                name={a.shortcut}
                                onEdit={() => list.startEdit(a)}
                                onRemove={() => list.askDelete(a)}
                              />
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>
      )}

      <ConfirmDialog {...list.deleteDialog} title={s.confirmTitle} confirmLabel={s.confirmDelete} busyLabel={s.deleting}>
        <p>{toDelete ? s.confirmText(toDelete.shortcut, toDelete.title) : ''}</p>
      </ConfirmDialog>
    </div>
  );
}

// ---------- The form ----------

interface EditorProps {
  answer: CannedAnswer | null;
  teams: Team[];
  variables: TemplateVariable[];
  onSaved: (answer: CannedAnswer, created: boolean) => void;
  onCancel: () => void;
}

function AnswerEditor({ answer, teams, variables, onSaved, onCancel }: EditorProps) {
  const s = strings.canned;
  const [title, setTitle] = useState(answer?.title ?? '');
  const [shortcut, setShortcut] = useState(answer?.shortcut ?? '');
  const [teamId, setTeamId] = useState(answer?.team ? String(answer.team.id) : '');
  const [network, setNetwork] = useState(answer?.network ?? '');
  const [body, setBody] = useState(answer?.body ?? '');
  const titleRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const preview = usePreview(body);
  // While a new preview is on its way the last one stays, as text the customer would read.
  const previewText = preview.kind === 'loaded' ? preview.value : preview.kind === 'loading' ? preview.last : null;

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  function insertVariable(name: string) {
    const el = bodyRef.current;
    const token = `{{ ${name} }}`;
    const from = el?.selectionStart ?? body.length;
    const to = el?.selectionEnd ?? body.length;
    const next = body.slice(0, from) + token + body.slice(to);
    setBody(next);
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(from + token.length, from + token.length);
    }, 0);
  }

  const { saving, error, submit } = useFormSubmit(
    () => (!title.trim() ? s.titleRequired : !shortcut.trim() ? s.shortcutRequired : !body.trim() ? s.bodyRequired : null),
    () => {
      const input: CannedAnswerInput = {
        title: title.trim(),
        shortcut: shortcut.trim(),
        body,
        team_id: teamId ? Number(teamId) : null,
        network: network || null,
      };
      return answer ? api.updateCannedAnswer(answer.id, input) : api.createCannedAnswer(input);
    },
    (result) => onSaved(result, answer === null),
  );

  return (
    <section class="canned-editor" aria-labelledby="canned-editor-title">
      <form class="canned-form" onSubmit={submit} noValidate>
        <h2 id="canned-editor-title">{answer ? s.formEdit(answer.shortcut) : s.formCreate}</h2>
        <div class="field-row">
          <div class="field">
            <label for="canned-title">{s.titleLabel}</label>
            <input
              ref={titleRef}
              id="canned-title"
              type="text"
              maxLength={200}
              autocomplete="off"
              value={title}
              onInput={(e) => setTitle(e.currentTarget.value)}
              required
            />
          </div>
          <div class="field">
            <label for="canned-shortcut">{s.shortcutLabel}</label>
            <span class="canned-shortcut-field">
              <span aria-hidden="true">/</span>
              <input
                id="canned-shortcut"
                type="text"
                class="mono"
                maxLength={33}
                autocomplete="off"
                spellcheck={false}
                value={shortcut}
                aria-describedby="canned-shortcut-hint"
                onInput={(e) => setShortcut(e.currentTarget.value)}
                required
              />
            </span>
            <p id="canned-shortcut-hint" class="field-hint">
              {s.shortcutHint}
            </p>
          </div>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="canned-team">{s.teamLabel}</label>
            <select id="canned-team" value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
              <option value="">{s.companyWide}</option>
              {teams.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="canned-network">{s.networkLabel}</label>
            <select id="canned-network" value={network} onChange={(e) => setNetwork(e.currentTarget.value)}>
              <option value="">{s.anyNetwork}</option>
              {NETWORKS.map((n) => (
                <option key={n} value={n}>
                  {networkLabel(n)}
                </option>
              ))}
              {network && !NETWORKS.includes(network) && <option value={network}>{networkLabel(network)}</option>}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="canned-body">{s.bodyLabel}</label>
          <textarea
            ref={bodyRef}
            id="canned-body"
            rows={5}
            value={body}
            aria-describedby="canned-body-hint"
            onInput={(e) => setBody(e.currentTarget.value)}
            required
          />
          <p id="canned-body-hint" class="field-hint">
            {s.bodyHint}
          </p>
          <ul class="canned-variables" aria-label={s.variables}>
            {variables.map((v) => (
              <li key={v.name}>
                <button
                  type="button"
                  class="chip-button"
                  title={v.meaning}
                  aria-label={s.insertVariable(v.name)}
                  onClick={() => insertVariable(v.name)}
                >
                  {v.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <FormFooter id="canned" texts={s} isNew={answer === null} error={error} saving={saving} onCancel={onCancel} />
      </form>
      <section
        class="canned-preview"
        aria-labelledby="canned-preview-title"
        aria-busy={preview.kind === 'loading' && previewText === null}
      >
        <h2 id="canned-preview-title">{s.previewTitle}</h2>
        {preview.kind === 'idle' && <p class="muted small">{s.previewEmpty}</p>}
        {previewText === null && preview.kind === 'loading' && <p class="muted small">{s.previewLoading}</p>}
        {preview.kind === 'error' && (
          <p class="form-error" role="alert" id="canned-preview-error">
            {errorText(preview.error)}
          </p>
        )}
        {/* Rendered as text: what the customer would read. */}
        {previewText !== null && (
          <p class="canned-preview-text" id="canned-preview-text">
            {previewText}
          </p>
        )}
      </section>
    </section>
  );
}

/** The text filled in with sample values, a moment after the last keystroke. */
function usePreview(body: string) {
  return useDebouncedAsk(body, PREVIEW_DELAY_MS, (text, signal) => api.previewCannedAnswer(text, signal));
}
