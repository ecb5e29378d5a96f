// The composer at the bottom of a conversation: a reply to the customer (public or private
// where the network allows it, with the signature and the length as the network counts it,
// measured by the server) or an internal note with @mentions of colleagues.

import type { MutableRef } from 'preact/hooks';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { Conversation, Person, ReplyInput, ReplyMeasure, User } from './api';
import { strings } from './strings';
import { useCannedPicker } from './CannedPicker';
import { AttachmentPicker, pickedIds, uploadsBusy, type PickedFile } from './AttachmentPicker';

export interface ComposerHandle {
  focus: (mode: 'reply' | 'note') => void;
}

interface Props {
  handle: MutableRef<ComposerHandle | null>;
  conversation: Conversation;
  user: User;
  people: Person[];
  /** The name of the colleague who claimed the conversation, when only they may reply. */
  blockedBy: string | null;
  /** The text changed: true while there is text, false when it was emptied. */
  onTyping: (typing: boolean) => void;
  onSendReply: (input: ReplyInput) => Promise<boolean>;
  onSendNote: (text: string, mentions: number[]) => Promise<boolean>;
  onShowThread: () => void;
}

/** Networks where a public conversation can also be answered with a private message. */
const PRIVATE_REPLY_NETWORKS = new Set(['x', 'twitter', 'mastodon', 'bluesky', 'facebook', 'instagram', 'linkedin']);
const MEASURE_DELAY_MS = 150;
/** A link the server would turn into a tracked short link (inbox/tracked_links.h). */
const HAS_LINK = /https?:\/\/\S/i;

/** Read once per page: whether replies' links become tracked short links at all. */
let linkTracking: Promise<boolean> | null = null;

function useLinkTracking(): boolean {
  const [tracked, setTracked] = useState(false);
  useEffect(() => {
    linkTracking ??= api.getCompanySettings().then(
      (company) => company.track_links && !!company.public_url,
      () => {
        linkTracking = null; // Asked again by the next composer.
        return false;
      },
    );
    let live = true;
    linkTracking.then((value) => live && setTracked(value));
    return () => {
      live = false;
    };
  }, []);
  return tracked;
}
type StatusAfter = 'waiting' | 'open' | 'resolved';

interface MentionState {
  /** Index of the "@" in the text. */
  start: number;
  query: string;
  active: number;
}

export function Composer({
  handle,
  conversation: c,
  user,
  people,
  blockedBy,
  onTyping,
  onSendReply,
  onSendNote,
  onShowThread,
}: Props) {
  const s = strings.composer;
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [replyText, setReplyText] = useState('');
  const [noteText, setNoteText] = useState('');
  const privateOnly = c.private;
  const canChoosePrivate = !c.private && PRIVATE_REPLY_NETWORKS.has(c.network);
  const [isPrivate, setPrivate] = useState(c.private);
  const [signature, setSignature] = useState(true);
  const [trackLinks, setTrackLinks] = useState(true);
  const linksTracked = useLinkTracking();
  const [statusAfter, setStatusAfter] = useState<StatusAfter>('waiting');
  const [measure, setMeasure] = useState<{ key: string; result: ReplyMeasure } | null>(null);
  const [sending, setSending] = useState(false);
  const [mention, setMention] = useState<MentionState | null>(null);
  const mentioned = useRef(new Map<number, string>());
  const textarea = useRef<HTMLTextAreaElement>(null);
  // "/" at the start of a word opens the canned answers (CannedPicker.tsx).
  const canned = useCannedPicker({ conversationId: c.id, enabled: mode === 'reply', textarea, text: replyText, setText: setReplyText });
  const [files, setFiles] = useState<PickedFile[]>([]);

  handle.current = {
    focus: (m) => {
      setMode(m);
      onShowThread();
      window.setTimeout(() => textarea.current?.focus(), 0);
    },
  };

  const sendPrivate = privateOnly || (canChoosePrivate && isPrivate);
  // The choice only shows, and only counts, for a reply with a link where the company tracks them.
  const offerTracking = linksTracked && HAS_LINK.test(replyText);
  const track = !offerTracking || trackLinks;
  const measureKey = JSON.stringify([c.id, replyText, sendPrivate, signature, track]);

  // The live count comes from the server (each network counts differently); debounced.
  useEffect(() => {
    if (mode !== 'reply') return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.measureReply(c.id, replyText, sendPrivate, signature, track, controller.signal).then(
        (result) => setMeasure({ key: measureKey, result }),
        () => {},
      );
    }, MEASURE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [mode, measureKey]);

  const text = mode === 'reply' ? replyText : noteText;
  const setText = mode === 'reply' ? setReplyText : setNoteText;
  const m = measure?.result ?? null;
  const fresh = measure?.key === measureKey;
  const over = !!m && !m.fits;

  let reason: string | null = null;
  if (mode === 'reply') {
    if (blockedBy) reason = s.claimedByOther(blockedBy);
    else if (over) reason = s.tooLong(m.count, m.limit);
    else if (!replyText.trim()) reason = s.empty;
    else if (uploadsBusy(files)) reason = strings.attachments.waitForUpload;
  } else if (!noteText.trim()) reason = s.empty;

  const candidates = useMemo(() => {
    if (!mention) return [];
    const q = mention.query.toLowerCase();
    return people
      .filter((p) => p.id !== user.id && p.role !== 'viewer')
      .filter((p) => p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || p.name.toLowerCase().startsWith(q))
      .slice(0, 6);
  }, [mention, people, user.id]);

  function findMention(value: string, caret: number) {
    if (mode !== 'note') return setMention(null);
    const before = value.slice(0, caret);
    const match = /(^|\s)@([^\s@]{0,30})$/.exec(before);
    if (!match) return setMention(null);
    setMention({ start: caret - match[2].length - 1, query: match[2], active: 0 });
  }

  function pick(p: Person) {
    const el = textarea.current;
    if (!mention || !el) return;
    const caret = el.selectionStart ?? noteText.length;
    const insert = `@${p.name} `;
    const next = noteText.slice(0, mention.start) + insert + noteText.slice(caret);
    mentioned.current.set(p.id, p.name);
    setNoteText(next);
    setMention(null);
    const at = mention.start + insert.length;
    window.setTimeout(() => {
      el.focus();
      el.setSelectionRange(at, at);
    }, 0);
  }

  async function send() {
    if (reason || sending) return;
    setSending(true);
    onTyping(false);
    if (mode === 'reply') {
      const draft = replyText;
      setReplyText('');
      const ok = await onSendReply({
        text: draft,
        private: sendPrivate,
        signature,
        track_links: track,
        status_after: statusAfter,
        attachments: pickedIds(files),
      });
      if (!ok) setReplyText((t) => t || draft);
      else setFiles([]);
    } else {
      const draft = noteText;
      const ids = [...mentioned.current].filter(([, name]) => draft.includes(`@${name}`)).map(([id]) => id);
      setNoteText('');
      setMention(null);
      const ok = await onSendNote(draft, ids);
      if (ok) mentioned.current.clear();
      else setNoteText((t) => t || draft);
    }
    setSending(false);
    textarea.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (canned.onKeyDown(e)) return;
    if (mention && candidates.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, active: (mention.active + d + candidates.length) % candidates.length });
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        pick(candidates[Math.min(mention.active, candidates.length - 1)]);
        return;
      }
    }
    if (mention && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setMention(null);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const reasonId = `composer-reason-${c.id}`;
  return (
    <section class={`composer composer-${mode}`} aria-label={s.label}>
      <div class="composer-tabs" role="tablist" aria-label={s.modes}>
        <button
          type="button"
          role="tab"
          id="composer-mode-reply"
          class="composer-tab"
          aria-selected={mode === 'reply'}
          title={s.replyTitle}
          onClick={() => {
            setMode('reply');
            setMention(null);
            textarea.current?.focus();
          }}
        >
          {s.reply}
        </button>
        <button
          type="button"
          role="tab"
          id="composer-mode-note"
          class="composer-tab"
          aria-selected={mode === 'note'}
          title={s.noteTitle}
          onClick={() => {
            setMode('note');
            textarea.current?.focus();
          }}
        >
          {s.note}
        </button>
        {mode === 'reply' && (
          <span class="composer-visibility">
            {privateOnly ? (
              <span class="private-tag" title={s.privateOnly}>
                {s.private}
              </span>
            ) : canChoosePrivate ? (
              <span class="segmented" role="radiogroup" aria-label={s.visibility}>
                <button type="button" role="radio" aria-checked={!isPrivate} onClick={() => setPrivate(false)}>
                  {s.public}
                </button>
                <button type="button" role="radio" aria-checked={isPrivate} onClick={() => setPrivate(true)}>
                  {s.private}
                </button>
              </span>
            ) : null}
          </span>
        )}
      </div>
      {mode === 'note' && <p class="composer-hint small">{strings.conversation.noteHint}</p>}
      <div class="composer-field">
        <label class="visually-hidden" for="composer-text">
          {mode === 'reply' ? s.replyPlaceholder : s.notePlaceholder}
        </label>
        <textarea
          id="composer-text"
          ref={textarea}
          rows={2}
          value={text}
          placeholder={mode === 'reply' ? s.replyPlaceholder : s.notePlaceholder}
          aria-describedby={reason ? reasonId : undefined}
          aria-autocomplete={mode === 'note' ? 'list' : undefined}
          aria-controls={mention && candidates.length > 0 ? 'mention-list' : undefined}
          {...canned.ariaProps}
          onInput={(e) => {
            const el = e.currentTarget;
            setText(el.value);
            findMention(el.value, el.selectionStart ?? el.value.length);
            canned.onInput(el.value, el.selectionStart ?? el.value.length);
            onTyping(el.value.trim() !== '');
          }}
          onKeyDown={onKeyDown}
          onBlur={() =>
            window.setTimeout(() => {
              if (document.activeElement !== textarea.current) setMention(null);
            }, 150)
          }
        />
        {canned.element}
        {mode === 'note' && mention && (
          <ul class="mention-list" id="mention-list" role="listbox" aria-label={s.mentionList}>
            {candidates.length === 0 ? (
              <li class="muted small mention-none">{s.noMatch}</li>
            ) : (
              candidates.map((p, i) => (
                <li
                  key={p.id}
                  role="option"
                  aria-selected={i === mention.active}
                  class={`mention-option${i === mention.active ? ' is-active' : ''}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                >
                  {p.name}
                  <span class="muted small">{p.email}</span>
                </li>
              ))
            )}
          </ul>
        )}
      </div>
      {mode === 'reply' && signature && m && fresh && m.text && m.text !== replyText && replyText.trim() !== '' && (
        <div class="signature-preview">
          <span class="small muted">{s.preview}</span>
          {/* The text as it will be sent: a text node. */}
          <div class="signature-preview-text">{m.text}</div>
        </div>
      )}
      {/* Kept while a note is written, so uploads in progress go on. */}
      <div hidden={mode !== 'reply'}>
        <AttachmentPicker files={files} setFiles={setFiles} textarea={textarea} disabled={sending || mode !== 'reply'} />
      </div>
      <div class="composer-bar">
        {mode === 'reply' && (
          <>
            <label class="check small">
              <input type="checkbox" checked={signature} onChange={(e) => setSignature(e.currentTarget.checked)} />
              {s.signature}
            </label>
            {offerTracking && (
              <label class="check small" title={s.trackLinksTitle}>
                <input
                  type="checkbox"
                  id="composer-track-links"
                  checked={trackLinks}
                  onChange={(e) => setTrackLinks(e.currentTarget.checked)}
                />
                {s.trackLinks}
              </label>
            )}
            <label class="small composer-after">
              <span>{s.statusAfter}</span>
              <select value={statusAfter} onChange={(e) => setStatusAfter(e.currentTarget.value as StatusAfter)}>
                {(['waiting', 'open', 'resolved'] as const).map((v) => (
                  <option key={v} value={v}>
                    {s.after[v]}
                  </option>
                ))}
              </select>
            </label>
            <span
              class={`char-count${over ? ' is-over' : ''}${fresh ? '' : ' is-stale'}`}
              id="char-count"
              title={m ? s.countTitle(m.counting) : s.counting}
              aria-live="polite"
            >
              {m ? s.count(m.count, m.limit) : s.counting}
            </span>
          </>
        )}
        <span class="composer-send">
          {reason && (text.trim() !== '' || blockedBy) && (
            <span class="send-reason small" id={reasonId}>
              {reason}
            </span>
          )}
          {reason && text.trim() === '' && !blockedBy && (
            <span class="visually-hidden" id={reasonId}>
              {reason}
            </span>
          )}
          <button
            type="button"
            id="composer-send"
            class="button primary"
            disabled={!!reason || sending}
            title={reason ?? s.sendShortcut}
            onClick={() => void send()}
          >
            {sending ? s.sending : mode === 'reply' ? s.send : s.sendNote}
          </button>
        </span>
      </div>
    </section>
  );
}
