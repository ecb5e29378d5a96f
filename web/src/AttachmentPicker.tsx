// Files for a reply: an "Attach" button, dropping files on the composer and pasting images
// into it. Each file uploads at once (POST /attachments) with a progress bar; images get a
// preview; refusals (too large, a type that cannot be attached) are shown per file with the
// server's sentence. The composer sends the ids of the finished uploads with the reply.
//
// And PostAttachments: the files on a post in the thread, images inline (through the
// authenticated URL, so only who may see the conversation sees them) and the rest as downloads.

import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Attachment, AttachmentLimits } from './api';
import { errorText, safeHref } from './format';
import { strings } from './strings';

/** One file in the composer, from choosing it to its finished upload. */
export interface PickedFile {
  key: number;
  name: string;
  size: number;
  /** An object URL of the local file, for an image's preview; revoked when it is removed. */
  preview: string | null;
  state: 'uploading' | 'done' | 'failed';
  progress: number;
  error: string | null;
  uploaded: api.UploadedAttachment | null;
}

/** At most this many files per reply (inbox/reply_attachments.h). */
export const MAX_FILES = 4;
const FALLBACK_LIMITS: AttachmentLimits = {
  max_bytes: 10 * 1024 * 1024,
  media_types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'],
};

let nextKey = 1;

/** The ids to send with the reply. */
export function pickedIds(files: PickedFile[]): number[] {
  return files.flatMap((f) => (f.state === 'done' && f.uploaded ? [f.uploaded.id] : []));
}

export function uploadsBusy(files: PickedFile[]): boolean {
  return files.some((f) => f.state === 'uploading');
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

interface Props {
  files: PickedFile[];
  setFiles: (update: (files: PickedFile[]) => PickedFile[]) => void;
  /** The text field: pasting an image into it attaches the image. */
  textarea: RefObject<HTMLTextAreaElement>;
  disabled?: boolean;
}

export function AttachmentPicker({ files, setFiles, textarea, disabled = false }: Props) {
  const s = strings.attachments;
  const input = useRef<HTMLInputElement>(null);
  const [limits, setLimits] = useState<AttachmentLimits>(FALLBACK_LIMITS);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const controllers = useRef(new Map<number, AbortController>());
  const latest = useRef({ files, limits, disabled });
  latest.current = { files, limits, disabled };

  useEffect(() => {
    const controller = new AbortController();
    api.getAttachmentLimits(controller.signal).then(setLimits, () => {});
    return () => controller.abort();
  }, []);

  // Object URLs of previews that left the list are released; uploads still running are
  // cancelled when the composer goes away.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const shown = new Set(files.flatMap((f) => (f.preview ? [f.preview] : [])));
    for (const url of previews.current) if (!shown.has(url)) URL.revokeObjectURL(url);
    previews.current = shown;
  }, [files]);
  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  function update(key: number, patch: Partial<PickedFile>) {
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  }

  function add(chosen: File[]) {
    const { files: current, limits: l, disabled: off } = latest.current;
    if (off || chosen.length === 0) return;
    const room = MAX_FILES - current.length;
    setNotice(chosen.length > room ? s.tooMany(MAX_FILES) : null);
    const accepted = chosen.slice(0, Math.max(0, room));
    const added: PickedFile[] = [];
    for (const file of accepted) {
      const key = nextKey++;
      const name = file.name || s.pastedName(file.type);
      // Refused here already when the browser knows it is too big; the server checks again,
      // and decides the type from the content.
      const tooBig = file.size > l.max_bytes;
      const isImage = l.media_types.includes(file.type) && file.type.startsWith('image/');
      added.push({
        key,
        name,
        size: file.size,
        preview: isImage && !tooBig ? URL.createObjectURL(file) : null,
        state: tooBig ? 'failed' : 'uploading',
        progress: 0,
        error: tooBig ? s.tooLarge(formatSize(file.size), formatSize(l.max_bytes)) : null,
        uploaded: null,
      });
      if (tooBig) continue;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      api
        .uploadAttachment(file, name, (progress) => update(key, { progress }), controller.signal)
        .then(
          (uploaded) => update(key, { state: 'done', progress: 1, uploaded, name: uploaded.name }),
          (e: unknown) => {
            if (!api.isAbort(e)) update(key, { state: 'failed', error: errorText(e) || s.failed });
          },
        )
        .finally(() => controllers.current.delete(key));
    }
    if (added.length > 0) setFiles((list) => [...list, ...added]);
  }

  function remove(key: number) {
    controllers.current.get(key)?.abort();
    setFiles((list) => list.filter((f) => f.key !== key));
    setNotice(null);
  }

  // Drop on the whole composer; paste into its text field.
  useEffect(() => {
    const field = textarea.current;
    const zone = field?.closest<HTMLElement>('.composer');
    if (!field || !zone) return undefined;
    // Not while a note is written or the reply is being sent.
    const hasFiles = (e: DragEvent) =>
      !latest.current.disabled && !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!(e.relatedTarget instanceof Node) || !zone.contains(e.relatedTarget)) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      add(Array.from(e.dataTransfer?.files ?? []));
    };
    const onPaste = (e: ClipboardEvent) => {
      const pasted = Array.from(e.clipboardData?.files ?? []);
      if (pasted.length === 0 || latest.current.disabled) return; // text pastes as usual
      e.preventDefault();
      add(pasted);
    };
    zone.addEventListener('dragover', onOver);
    zone.addEventListener('dragleave', onLeave);
    zone.addEventListener('drop', onDrop);
    field.addEventListener('paste', onPaste);
    return () => {
      zone.removeEventListener('dragover', onOver);
      zone.removeEventListener('dragleave', onLeave);
      zone.removeEventListener('drop', onDrop);
      field.removeEventListener('paste', onPaste);
    };
  }, [textarea]);

  useEffect(() => {
    textarea.current?.closest('.composer')?.classList.toggle('is-dropping', dragging);
  }, [dragging, textarea]);

  const full = files.length >= MAX_FILES;
  return (
    <div class="attachment-picker">
      <input
        ref={input}
        id="attachment-input"
        type="file"
        class="visually-hidden"
        tabIndex={-1}
        multiple
        accept={limits.media_types.join(',')}
        onChange={(e) => {
          add(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = '';
        }}
      />
      <button
        type="button"
        class="button subtle attach-button"
        id="attach-button"
        disabled={disabled || full}
        title={full ? s.tooMany(MAX_FILES) : s.attachTitle(formatSize(limits.max_bytes))}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
        {s.attach}
      </button>
      {notice && (
        <span class="attach-notice small" role="status">
          {notice}
        </span>
      )}
      {files.length > 0 && (
        <ul class="attachment-chips" aria-label={s.listLabel}>
          {files.map((f) => (
            <li
              key={f.key}
              class={`attachment-chip is-${f.state}`}
              data-state={f.state}
              aria-busy={f.state === 'uploading' ? true : undefined}
            >
              {f.preview ? (
                <img class="attachment-thumb" src={f.preview} alt="" />
              ) : (
                <span class="attachment-icon" aria-hidden="true">
                  <DocumentIcon />
                </span>
              )}
              <span class="attachment-meta">
                {/* The file's name: a text node. */}
                <span class="attachment-name" title={f.name}>
                  {f.name}
                </span>
                <span class="small muted">{formatSize(f.size)}</span>
                {f.state === 'uploading' && (
                  <progress
                    class="attachment-progress"
                    max={1}
                    value={f.progress}
                    aria-label={s.uploading(f.name)}
                  />
                )}
                {f.state === 'failed' && f.error && (
                  <span class="attachment-error small" role="alert">
                    {f.error}
                  </span>
                )}
              </span>
              <button
                type="button"
                class="icon-button attachment-remove"
                aria-label={s.remove(f.name)}
                title={s.remove(f.name)}
                onClick={() => remove(f.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {dragging && <span class="drop-hint">{s.dropHere}</span>}
    </div>
  );
}

// Drawn inline: emoji fonts are not everywhere (headless browsers, some Linux desktops).
function PaperclipIcon() {
  return (
    <svg class="attach-icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d="M16.5 6.5v9a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10a1.5 1.5 0 0 1-3 0V6.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
      />
    </svg>
  );
}

function DocumentIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d="M6 2h8l5 5v15H6z M14 2v5h5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
    </svg>
  );
}

/** Whether an attachment is a file in Webcare (served with the user's session). */
function isOwnFile(a: Attachment): boolean {
  return typeof a.id === 'number' && a.url.startsWith('/api/v1/attachments/');
}

export function PostAttachments({ attachments }: { attachments: Attachment[] }) {
  const s = strings.attachments;
  if (attachments.length === 0) return null;
  return (
    <ul class="attachments" aria-label={strings.conversation.attachments}>
      {attachments.map((a, i) => {
        const label = a.name || a.media_type || a.url;
        if (isOwnFile(a) && a.media_type.startsWith('image/')) {
          return (
            <li key={i} class="attachment-image">
              <a href={a.url} target="_blank" rel="noopener noreferrer" title={s.openImage(label)}>
                <img src={a.url} alt={label} loading="lazy" />
              </a>
            </li>
          );
        }
        const href = isOwnFile(a) ? a.url : safeHref(a.url);
        return (
          <li key={i} class="attachment-file">
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow" download={isOwnFile(a) ? label : undefined}>
                {label}
              </a>
            ) : (
              label
            )}
            {typeof a.size === 'number' && a.size > 0 && <span class="small muted"> ({formatSize(a.size)})</span>}
          </li>
        );
      })}
    </ul>
  );
}
