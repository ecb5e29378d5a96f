// What the listening engine found, shown in the list and under each post: priority, sentiment,
// language, intent and streams, and the "Why?" behind the sentiment and the priority.
// Every name and word here comes from users (stream names, post words): text nodes only.

import { createContext, Fragment } from 'preact';
import { useContext } from 'preact/hooks';
import type { PostAnalysis, StreamRef } from './api';
import {
  intentLabel,
  languageName,
  priorityBand,
  safeColour,
  sentimentLabel,
  signed,
  signedPoints,
} from './format';
import { strings } from './strings';

/** Stream id → colour, from GET /streams (conversations and posts name streams without it). */
export const StreamColours = createContext<ReadonlyMap<number, string>>(new Map());

export function PriorityBadge({ priority }: { priority: number }) {
  const band = priorityBand(priority);
  const title = strings.priority.title(priority, strings.priority.bands[band]);
  return (
    <span class={`priority-badge priority-${band}`} title={title} data-priority={priority}>
      <span class="visually-hidden">{title}</span>
      <span aria-hidden="true">{priority}</span>
    </span>
  );
}

export function SentimentTag({ label, score }: { label: string; score?: number }) {
  const known = label === 'negative' || label === 'neutral' || label === 'positive';
  const text = sentimentLabel(label);
  return (
    <span
      class={`sentiment-tag sentiment-${known ? label : 'other'}`}
      data-sentiment={label}
      title={`${strings.analysis.sentiment}: ${text}${score !== undefined ? ` (${signed(score)})` : ''}`}
    >
      <span class="sentiment-mark" aria-hidden="true" />
      {text}
      {score !== undefined && <span class="sentiment-score">{signed(score)}</span>}
    </span>
  );
}

export function LanguageTag({ code }: { code: string }) {
  const name = languageName(code);
  return (
    <span class="lang-tag" title={strings.language.title(name)} data-language={code}>
      <span class="visually-hidden">{strings.language.title(name)}</span>
      <span aria-hidden="true">{code && code !== 'und' ? code.toUpperCase() : '?'}</span>
    </span>
  );
}

export function StreamChip({ stream, colour }: { stream: Pick<StreamRef, 'name'> & { id?: number }; colour?: string }) {
  const colours = useContext(StreamColours);
  const c = safeColour(colour ?? (stream.id !== undefined ? colours.get(stream.id) : undefined));
  return (
    <span class="stream-chip" style={{ '--chip': c }} data-stream-id={stream.id}>
      <span class="stream-dot" aria-hidden="true" />
      <span class="stream-chip-name">{stream.name}</span>
    </span>
  );
}

export function StreamChips({ streams }: { streams: StreamRef[] | undefined }) {
  if (!streams || streams.length === 0) return null;
  return (
    <span class="stream-chips">
      {streams.map((s) => (
        <StreamChip key={s.id} stream={s} />
      ))}
    </span>
  );
}

/** The compact analysis line under a post, with the expandable "Why?". */
export function AnalysisLine({ analysis: a, postId }: { analysis: PostAnalysis; postId: number }) {
  const s = strings.analysis;
  const explanation = a.sentiment?.explanation ?? [];
  const reasons = a.reasons ?? [];
  const sum = reasons.reduce((total, r) => total + r.points, 0);
  const headingId = `why-${postId}`;
  return (
    <div class="analysis" data-analysis>
      <ul class="analysis-facts" aria-label={s.label}>
        <li>
          <LanguageTag code={a.language} />
        </li>
        <li>
          <SentimentTag label={a.sentiment.label} score={a.sentiment.score} />
        </li>
        <li class="intent-tag" data-intent={a.intent} title={s.intent}>
          {intentLabel(a.intent)}
        </li>
        {a.streams.length > 0 && (
          <li>
            <span class="visually-hidden">{s.streams}: </span>
            <StreamChips streams={a.streams} />
          </li>
        )}
        <li>
          <PriorityBadge priority={a.priority} />
        </li>
      </ul>
      <details class="why">
        <summary aria-label={s.whyLabel}>{s.why}</summary>
        <div class="why-body" aria-labelledby={headingId}>
          <span id={headingId} class="visually-hidden">
            {s.whyLabel}
          </span>
          <section class="why-sentiment">
            <h3>{s.sentimentHeading(sentimentLabel(a.sentiment.label), signed(a.sentiment.score))}</h3>
            {explanation.length === 0 ? (
              <p class="muted">{s.noTerms}</p>
            ) : (
              <table class="why-table">
                <thead>
                  <tr>
                    <th scope="col">{s.term}</th>
                    <th scope="col" class="num">
                      {s.contribution}
                    </th>
                    <th scope="col">{s.rule}</th>
                  </tr>
                </thead>
                <tbody>
                  {explanation.map((t, i) => (
                    <tr key={i} class={t.contribution < 0 ? 'neg' : t.contribution > 0 ? 'pos' : ''}>
                      <td class="why-token">{t.token}</td>
                      <td class="num">{signed(t.contribution)}</td>
                      <td class="why-rule" title={t.source ? `${s.source}: ${t.source}` : undefined}>
                        {/* Line breaks allowed after each '+' of "lexicon+negation+…". */}
                        {t.rule.split('+').map((part, j) => (
                          <Fragment key={j}>
                            {j > 0 && (
                              <>
                                +<wbr />
                              </>
                            )}
                            {part}
                          </Fragment>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="why-priority">
            <h3>{s.reasonsHeading(a.priority)}</h3>
            {reasons.length === 0 ? (
              <p class="muted">{s.noReasons}</p>
            ) : (
              <table class="why-table">
                <thead>
                  <tr>
                    <th scope="col">{s.reason}</th>
                    <th scope="col" class="num">
                      {s.points}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map((r, i) => (
                    <tr key={i} data-code={r.code}>
                      <td class="why-reason">{r.text}</td>
                      <td class="num">{signedPoints(r.points)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{s.priority}</th>
                    <td class="num">{a.priority}</td>
                  </tr>
                </tfoot>
              </table>
            )}
            {reasons.length > 0 && sum !== a.priority && <p class="muted small">{s.clamped}</p>}
          </section>
        </div>
      </details>
    </div>
  );
}
