// "12 conversations deleted · Undo (9 s)": shown after a bulk deletion while the server can
// still bring the conversations back, counting down to the end of that window.

import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { BulkUndo } from './api';
import { errorText } from './format';
import { strings } from './strings';

interface Props {
  undo: BulkUndo;
  /** When the deletion answer arrived, by this browser's clock (ms). */
  receivedAt: number;
  /** The deletion was undone: the list should show the conversations again. */
  onRestored: () => void;
  onClose: () => void;
}

export function UndoToast({ undo, receivedAt, onRestored, onClose }: Props) {
  const s = strings.bulk;
  // The window's length as the server gave it, counted on this browser's clock, so a clock
  // that differs from the server's does not shorten or lengthen it.
  const windowMs = Math.max(0, Date.parse(undo.expires_at) - Date.parse(undo.deleted_at));
  const deadline = receivedAt + windowMs - 250;  // A little early rather than a refusal at 0 s.
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);

  // When the window has closed (and nothing is being reported), the toast goes.
  useEffect(() => {
    if (left === 0 && !busy && !message) onClose();
  }, [left, busy, message, onClose]);

  // A message (restored, or why not) stays a few seconds.
  useEffect(() => {
    if (!message) return undefined;
    const timer = window.setTimeout(onClose, 5000);
    return () => window.clearTimeout(timer);
  }, [message, onClose]);

  async function undoNow() {
    setBusy(true);
    try {
      const restored = await api.undoBulkDelete(undo.batch);
      setMessage({ text: s.restored(restored.restored), error: false });
      onRestored();
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class={`toast undo-toast${message?.error ? ' is-error' : ''}`} role="status" aria-live="polite">
      {message ? (
        <span>{message.text}</span>
      ) : (
        <>
          <span>{s.deleted(undo.conversations)}</span>
          <span aria-hidden="true"> · </span>
          <button type="button" class="link-button toast-action" onClick={undoNow} disabled={busy || left === 0}>
            {busy ? s.undoing : s.undo(left)}
          </button>
        </>
      )}
      <button type="button" class="icon-button toast-close" onClick={onClose} title={s.dismiss} aria-label={s.dismiss}>
        ×
      </button>
    </div>
  );
}
