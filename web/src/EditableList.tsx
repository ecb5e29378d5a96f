// What the screens that manage a list share (StreamsScreen.tsx, CannedScreen.tsx): the list
// loaded with what its form needs, one add or edit form at a time, a deletion confirmed first,
// and a preview that asks the server a moment after the last keystroke.
//
// A 401 is never shown as an error here: the session has ended and the app is already on its
// way to the log-in page.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import { errorText } from './format';
import { LoadError } from './LoadError';

function sessionEnded(e: unknown): boolean {
  return e instanceof api.ApiError && e.status === 401;
}

export type Load<T extends object> = { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'loaded' } & T);

/**
 * Loads the screen's data, and again on reload(). While it reloads the old list stays on the
 * screen, so that saving an item does not make the list blink.
 */
export function useLoad<T extends object>(fetch: (signal: AbortSignal) => Promise<T>) {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad((l) => (l.kind === 'loaded' ? l : { kind: 'loading' }));
    fetch(controller.signal)
      .then((data) => setLoad({ kind: 'loaded', ...data }))
      .catch((e: unknown) => {
        if (api.isAbort(e) || sessionEnded(e)) return;
        setLoad({ kind: 'error', message: errorText(e) });
      });
    return () => controller.abort();
  }, [attempt]);

  return { load, setLoad, reload: () => setAttempt((n) => n + 1) };
}

/** "Loading…" or why it could not be loaded, with a button to try again. */
export function LoadStatus({
  load,
  loading,
  errorTitle,
  retry,
  onRetry,
}: {
  load: Load<object>;
  loading: string;
  errorTitle: string;
  retry: string;
  onRetry: () => void;
}) {
  if (load.kind === 'loading') {
    return (
      <p class="muted" role="status" aria-busy="true">
        {loading}
      </p>
    );
  }
  if (load.kind === 'error') return <LoadError title={errorTitle} message={load.message} retry={retry} onRetry={onRetry} />;
  return null;
}

export type Editing<T> = null | { mode: 'new' } | { mode: 'edit'; item: T };

/**
 * Which item the form edits (or a new one), the notice above the list, and the deletion of an
 * item: asked first, and the dialog stays open with the server's reason when it refuses.
 */
export function useEditableList<T extends { id: number }>(remove: (item: T) => Promise<void>, onRemoved: (item: T) => void) {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<T | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // The "New ..." button: focus returns to it when the form closes, so the keyboard is not lost.
  const createRef = useRef<HTMLButtonElement>(null);

  function edit(next: Editing<T>) {
    setNotice(null);
    setEditing(next);
  }

  function closeEditor() {
    setEditing(null);
    window.setTimeout(() => createRef.current?.focus(), 0);
  }

  async function confirmDelete() {
    if (!toDelete || deleting) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await remove(toDelete);
      const gone = toDelete;
      if (editing?.mode === 'edit' && editing.item.id === gone.id) setEditing(null);
      setToDelete(null);
      onRemoved(gone);
    } catch (e) {
      if (sessionEnded(e)) return;
      setDeleteError(errorText(e));
    } finally {
      setDeleting(false);
    }
  }

  return {
    editing,
    /** The item the form edits; null for a new one. */
    editedItem: editing?.mode === 'edit' ? editing.item : null,
    /** A fresh form for every item, so that no field keeps the last one's text. */
    editorKey: editing?.mode === 'edit' ? editing.item.id : 'new',
    startCreate: () => edit({ mode: 'new' }),
    startEdit: (item: T) => edit({ mode: 'edit', item }),
    setEditing,
    closeEditor,
    notice,
    setNotice,
    createRef,
    toDelete,
    askDelete: (item: T) => {
      setDeleteError(null);
      setToDelete(item);
    },
    /** Spread into <ConfirmDialog>, which adds the texts. */
    deleteDialog: {
      open: toDelete !== null,
      busy: deleting,
      error: deleteError,
      danger: true,
      onConfirm: confirmDelete,
      onClose: () => {
        if (!deleting) setToDelete(null);
      },
    },
  };
}

/** The Edit and Delete buttons of a row; `name` tells screen readers which row they act on. */
export function RowEditDelete({
  texts,
  name,
  onEdit,
  onRemove,
}: {
  texts: { edit: string; editLabel: (name: string) => string; delete: string; deleteLabel: (name: string) => string };
  name: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <>
      <button type="button" class="link-button" aria-label={texts.editLabel(name)} onClick={onEdit}>
        {texts.edit}
      </button>
      <button type="button" class="link-button danger-link" aria-label={texts.deleteLabel(name)} onClick={onRemove}>
        {texts.delete}
      </button>
    </>
  );
}

/**
 * The submit of an add or edit form: `check` says what is missing or wrong, `save` sends it.
 * When the server refuses, its reason is shown and the form stays open with what was typed.
 */
export function useFormSubmit<R>(check: () => string | null, save: () => Promise<R>, onSaved: (result: R) => void) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    const problem = check();
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await save());
    } catch (e) {
      if (sessionEnded(e)) return;
      setError(errorText(e));
      setSaving(false);
    }
  }

  return { saving, error, submit };
}

/** The form's error line, then Cancel and Save ("Create" for a new item). */
export function FormFooter({
  id,
  texts,
  isNew,
  error,
  saving,
  onCancel,
}: {
  /** "stream": the ids stream-form-error and stream-save. */
  id: string;
  texts: { cancel: string; save: string; saveNew: string; saving: string };
  isNew: boolean;
  error: string | null;
  saving: boolean;
  onCancel: () => void;
}) {
  return (
    <>
      <div id={`${id}-form-error`} class="form-error" role="alert">
        {error}
      </div>
      <div class="form-actions">
        <button type="button" class="button" onClick={onCancel} disabled={saving}>
          {texts.cancel}
        </button>
        <button type="submit" class="button primary" id={`${id}-save`} disabled={saving} aria-busy={saving}>
          {saving ? texts.saving : isNew ? texts.saveNew : texts.save}
        </button>
      </div>
    </>
  );
}

export type Pending<T> =
  | { kind: 'idle' }
  // The last answer stays on the screen while the next is on its way.
  | { kind: 'loading'; last: T | null }
  | { kind: 'loaded'; value: T }
  | { kind: 'error'; input: string; error: unknown };

/**
 * Asks the server about `input` `delayMs` after the last keystroke (nothing while it is blank);
 * each keystroke cancels the question before it.
 */
export function useDebouncedAsk<T>(
  input: string,
  delayMs: number,
  ask: (input: string, signal: AbortSignal) => Promise<T>,
): Pending<T> {
  const [state, setState] = useState<Pending<T>>({ kind: 'idle' });
  useEffect(() => {
    if (!input.trim()) {
      setState({ kind: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState((p) => ({ kind: 'loading', last: p.kind === 'loaded' ? p.value : p.kind === 'loading' ? p.last : null }));
      ask(input, controller.signal).then(
        (value) => setState({ kind: 'loaded', value }),
        (error: unknown) => {
          if (api.isAbort(error) || sessionEnded(error)) return;
          setState({ kind: 'error', input, error });
        },
      );
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [input]);
  return state;
}
