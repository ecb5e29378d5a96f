import { useEffect, useRef } from 'preact/hooks';
import { strings } from './strings';

interface Props {
  open: boolean;
  onClose: () => void;
}

/** The `?` overlay: a native modal <dialog> (focus trap and Escape come with it). */
export function ShortcutsDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const s = strings.shortcuts;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      class="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself) closes it.
        if (e.target === ref.current) onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === '?') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div class="shortcuts-body">
        <h2 id="shortcuts-title">{s.title}</h2>
        <dl>
          {s.list.map(([key, what]) => (
            <div key={key} class="shortcut">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" class="button" autofocus>
            {s.close}
          </button>
        </form>
      </div>
    </dialog>
  );
}
