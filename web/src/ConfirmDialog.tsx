import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { strings } from './strings';

interface Props {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Shown in the dialog when the action failed; the dialog stays open. */
  error: string | null;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal "are you sure?" (native <dialog>: focus trap and Escape come with it). */
export function ConfirmDialog({ open, title, children, confirmLabel, busyLabel, busy, error, danger, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onClose={onClose}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      <div class="confirm-body">
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-text">{children}</div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="button" class="button" ref={cancelRef} onClick={onClose} disabled={busy}>
            {strings.confirm.cancel}
          </button>
          <button
            type="button"
            class={`button ${danger ? 'danger' : 'primary'}`}
            onClick={onConfirm}
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
