// The canned-answer picker of the composer. Typing "/" at the start of a word opens it; the
// text after the slash searches (the server ranks shortcuts first, then titles and texts);
// ↑ and ↓ choose, Enter (or Tab, or a click) inserts the answer filled in for the conversation
// in place of "/query", Escape closes it until the slash is typed again.
//
// It is a hook so that the composer keeps its one textarea: the composer passes its input and
// keys through and renders `element` under the textarea.

import type { JSX, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from './api';
import type { CannedAnswer } from './api';
import { errorText, firstLine, networkLabel } from './format';
import { strings } from './strings';

const SEARCH_DELAY_MS = 100;
const SHOWN = 8;
const LIST_ID = 'canned-list';
/** "/" at the start of the text or after white space, then up to 32 characters of a shortcut. */
const TRIGGER = /(^|\s)\/([^\s/]{0,32})$/;

interface Trigger {
  /** Index of the "/" in the text. */
  start: number;
  query: string;
}

interface Results {
  query: string;
  answers: CannedAnswer[];
}

export interface CannedPicker {
  open: boolean;
  /** Call on every input of the textarea. */
  onInput: (value: string, caret: number) => void;
  /** Call first on every keydown of the textarea; true when the picker used the key. */
  onKeyDown: (e: KeyboardEvent) => boolean;
  /** ARIA attributes for the textarea while the list is open (spread after the others). */
  ariaProps: Record<string, string | boolean>;
  element: JSX.Element | null;
}

interface Options {
  conversationId: number;
  /** Only replies use canned answers. */
  enabled: boolean;
  textarea: RefObject<HTMLTextAreaElement>;
  text: string;
  setText: (text: string) => void;
}

export function useCannedPicker({ conversationId, enabled, textarea, text, setText }: Options): CannedPicker {
  const s = strings.canned;
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [active, setActive] = useState(0);
  const [inserting, setInserting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The "/" the user closed the picker for: typing on after it does not reopen it. */
  const dismissedAt = useRef<number | null>(null);
  /** Enter pressed before the results for the current query arrived. */
  const enterPending = useRef(false);
  const textRef = useRef(text);
  textRef.current = text;

  const open = enabled && trigger !== null;
  const fresh = results !== null && trigger !== null && results.query === trigger.query;
  const answers = results?.answers ?? [];

  function close() {
    setTrigger(null);
    setResults(null);
    setError(null);
    setInserting(false);
    enterPending.current = false;
  }

  useEffect(() => {
    if (!enabled) close();
  }, [enabled]);

  // Search as the user types, a moment after the last key.
  const query = trigger?.query ?? null;
  useEffect(() => {
    if (!open || query === null) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.listCannedAnswers(query, conversationId, controller.signal, SHOWN).then(
        (found) => {
          setResults({ query, answers: found });
          setActive(0);
          setError(null);
        },
        (e: unknown) => {
          if (api.isAbort(e)) return;
          enterPending.current = false;
          setResults({ query, answers: [] });
          setError(errorText(e));
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, conversationId]);

  // Enter before the results came: take the best match once they are there.
  useEffect(() => {
    if (fresh && enterPending.current) {
      enterPending.current = false;
      if (answers.length > 0) void insert(answers[0]);
    }
  }, [fresh, results]);

  // Leaving the textarea closes the list (a click in the list keeps the focus: onMouseDown).
  useEffect(() => {
    const el = textarea.current;
    if (!el) return undefined;
    const onBlur = () =>
      window.setTimeout(() => {
        if (document.activeElement !== el) close();
      }, 150);
    el.addEventListener('blur', onBlur);
    return () => el.removeEventListener('blur', onBlur);
  }, [textarea.current]);

  function onInput(value: string, caret: number) {
    if (!enabled) return;
    const match = TRIGGER.exec(value.slice(0, caret));
    if (!match) {
      dismissedAt.current = null;
      if (trigger) close();
      return;
    }
    const start = caret - match[2].length - 1;
    if (dismissedAt.current === start) return;
    dismissedAt.current = null;
    setTrigger({ start, query: match[2] });
  }

  async function insert(answer: CannedAnswer) {
    if (inserting || !trigger) return;
    const at = trigger;
    setInserting(true);
    setError(null);
    try {
      const rendered = await api.renderCannedAnswer(answer.id, conversationId);
      const el = textarea.current;
      const current = textRef.current;
      const typed = `/${at.query}`;
      // The "/query" is replaced; should the text have changed meanwhile, the answer goes
      // where the cursor is instead.
      let from = at.start;
      let to = at.start + typed.length;
      if (current.slice(from, to) !== typed) {
        from = to = el?.selectionStart ?? current.length;
      }
      setText(current.slice(0, from) + rendered + current.slice(to));
      close();
      const caret = from + rendered.length;
      window.setTimeout(() => {
        el?.focus();
        el?.setSelectionRange(caret, caret);
      }, 0);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) return;
      setError(errorText(e));
      setInserting(false);
    }
  }

  function onKeyDown(e: KeyboardEvent): boolean {
    if (!open || !trigger) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismissedAt.current = trigger.start;
      close();
      return true;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (answers.length > 0) {
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + answers.length) % answers.length);
      }
      return true;
    }
    const choose = (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey) || e.key === 'Tab';
    if (choose) {
      if (!fresh) {
        // Still searching: keep the key for the best match rather than typing a new line.
        e.preventDefault();
        enterPending.current = true;
        return true;
      }
      if (answers.length === 0) return false;
      e.preventDefault();
      void insert(answers[Math.min(active, answers.length - 1)]);
      return true;
    }
    return false;
  }

  const optionId = (a: CannedAnswer) => `canned-option-${a.id}`;
  const activeAnswer = answers[Math.min(active, answers.length - 1)];
  const ariaProps: Record<string, string | boolean> = open
    ? {
        'aria-controls': LIST_ID,
        'aria-expanded': true,
        'aria-autocomplete': 'list',
        ...(activeAnswer ? { 'aria-activedescendant': optionId(activeAnswer) } : {}),
      }
    : {};

  let status: string;
  if (error) status = error;
  else if (inserting) status = s.pickerInserting;
  else if (!fresh) status = s.pickerLoading;
  else if (answers.length === 0) status = s.pickerNone(trigger?.query ?? '');
  else status = `${s.pickerCount(answers.length)} · ${s.pickerHint}`;

  const element = open ? (
    <div class="canned-picker" aria-busy={!fresh || inserting}>
      {answers.length > 0 && (
        <ul id={LIST_ID} class="canned-list" role="listbox" aria-label={s.pickerLabel}>
          {answers.map((a, i) => (
            <li
              key={a.id}
              id={optionId(a)}
              role="option"
              aria-selected={i === active}
              class={`canned-option${i === active ? ' is-active' : ''}`}
              data-shortcut={a.shortcut}
              onMouseDown={(e) => {
                e.preventDefault();
                void insert(a);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span class="canned-option-head">
                <span class="canned-shortcut">/{a.shortcut}</span>
                <span class="canned-title">{a.title}</span>
                <span class="canned-scope muted small">
                  {a.team ? a.team.name : s.companyWide}
                  {a.network ? ` · ${networkLabel(a.network)}` : ''}
                </span>
              </span>
              <span class="canned-body muted small">{firstLine(a.body)}</span>
            </li>
          ))}
        </ul>
      )}
      <p class={`canned-status small${error ? ' form-error' : ' muted'}`} role="status">
        {status}
      </p>
    </div>
  ) : null;

  return { open, onInput, onKeyDown, ariaProps, element };
}
