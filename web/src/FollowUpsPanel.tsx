import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { Conversation, DetectedPromise, EscalationKind, FollowUp, Person, Team, User } from './api';
import { errorText, exactTime, relativeTime } from './format';
import { strings } from './strings';

interface Props {
  conversation: Conversation;
  user: User;
  people: Person[];
  now: number;
  canAct: boolean;
  /** Changes whenever the live feed reports a change to this conversation. */
  reloadKey: number;
  /** Promises found in the reply just sent, proposed as follow-ups. */
  promises: DetectedPromise[];
  onPromisesHandled: () => void;
  onConversation: (c: Conversation) => void;
}

/** "2026-11-23T10:00" for a datetime-local input, in the browser's time zone. */
function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function tomorrowNine(now: number): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/**
 * Follow-ups and escalation of one conversation: the escalation banner, the open tasks with
 * their due times (overdue ones stand out), a form to add one, promises from the last reply
 * to accept as follow-ups, and the escalate form (phone, expert, management/PR).
 */
export function FollowUpsPanel(props: Props) {
  const { conversation: c, user, people, now, canAct, reloadKey, promises } = props;
  const s = strings.followUps;
  const [items, setItems] = useState<FollowUp[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<'none' | 'follow-up' | 'escalate'>('none');

  useEffect(() => {
    const controller = new AbortController();
    api.listFollowUps(c.id, controller.signal).then(setItems, (e: unknown) => {
      if (!api.isAbort(e)) setError(errorText(e));
    });
    return () => controller.abort();
  }, [c.id, reloadKey]);

  async function run(call: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await call();
      setItems(await api.listFollowUps(c.id));
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const open = items.filter((f) => f.state === 'open');
  const escalation = c.escalation;
  const mayWithdraw = !!escalation && canAct && (user.role === 'lead' || user.role === 'admin' || escalation.by.id === user.id);

  return (
    <section class="follow-ups" aria-label={s.label}>
      {escalation && (
        <div class={`escalation-banner escalation-${escalation.kind}`} role="status">
          <strong>{s.escalatedTo(s.kinds[escalation.kind])}</strong>
          <span class="escalation-reason">{escalation.reason}</span>
          <span class="small muted">
            {s.escalatedBy(escalation.by.name)} · <time dateTime={escalation.at} title={exactTime(escalation.at)}>{relativeTime(escalation.at, now)}</time>
          </span>
          {mayWithdraw && (
            <button type="button" class="link-button" disabled={busy}
              onClick={() => void run(async () => props.onConversation(await api.endEscalation(c.id)))}>
              {s.withdraw}
            </button>
          )}
        </div>
      )}

      {promises.length > 0 && canAct && (
        <div class="promise-suggestions" role="region" aria-label={s.promisesLabel}>
          <p class="small">{s.promisesIntro}</p>
          <ul>
            {promises.map((p, i) => (
              <PromiseItem key={i} promise={p} busy={busy}
                onAccept={(phone) =>
                  void run(() =>
                    api.addFollowUp(c.id, { text: p.sentence, due_at: p.due_at, kind: p.kind, phone, source: 'promise' }),
                  ).then((ok) => ok && props.onPromisesHandled())
                } />
            ))}
          </ul>
          <button type="button" class="link-button" onClick={props.onPromisesHandled}>{s.dismissPromises}</button>
        </div>
      )}

      {open.length > 0 && (
        <ul class="follow-up-list" aria-label={s.openLabel}>
          {open.map((f) => {
            const overdue = Date.parse(f.due_at) < now;
            return (
              <li key={f.id} class={`follow-up-item${overdue ? ' is-overdue' : ''}`} data-follow-up-id={f.id}>
                <span class="follow-up-kind" aria-hidden="true">{f.kind === 'call' ? '☎' : '⏰'}</span>
                <span class="follow-up-text">{f.text}</span>
                {f.phone && <a class="follow-up-phone" href={`tel:${f.phone.replace(/[^+\d]/g, '')}`}>{f.phone}</a>}
                <span class="small muted">
                  {overdue ? s.overdue : s.due}{' '}
                  <time dateTime={f.due_at} title={exactTime(f.due_at)}>{relativeTime(f.due_at, now)}</time>
                  {' · '}{f.owner.name}
                </span>
                {canAct && (
                  <span class="follow-up-actions">
                    <button type="button" class="button small-button" disabled={busy}
                      onClick={() => void run(() => api.closeFollowUp(f.id, 'done'))}>{s.done}</button>
                    <button type="button" class="link-button" disabled={busy}
                      onClick={() => void run(() => api.closeFollowUp(f.id, 'cancel'))}>{s.cancel}</button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {canAct && (
        <div class="follow-up-buttons">
          <button type="button" class="button secondary small-button" aria-expanded={form === 'follow-up'}
            onClick={() => setForm(form === 'follow-up' ? 'none' : 'follow-up')}>{s.add}</button>
          <button type="button" class="button secondary small-button" aria-expanded={form === 'escalate'}
            onClick={() => setForm(form === 'escalate' ? 'none' : 'escalate')}>{s.escalate}</button>
        </div>
      )}
      {form === 'follow-up' && (
        <FollowUpForm now={now} busy={busy} onCancel={() => setForm('none')}
          onSubmit={(input) => run(() => api.addFollowUp(c.id, input)).then((ok) => ok && setForm('none'))} />
      )}
      {form === 'escalate' && (
        <EscalateForm people={people.filter((p) => p.id !== user.id)} busy={busy} onCancel={() => setForm('none')}
          onSubmit={(input) =>
            run(async () => props.onConversation(await api.escalate(c.id, input))).then((ok) => ok && setForm('none'))
          } />
      )}
      {error && <p class="form-error" role="alert">{error}</p>}
    </section>
  );
}

/** One promise to accept; a promised call may take the number to call (empty: the one on file). */
function PromiseItem(props: { promise: DetectedPromise; busy: boolean; onAccept: (phone: string | undefined) => void }) {
  const s = strings.followUps;
  const p = props.promise;
  const [phone, setPhone] = useState('');
  return (
    <li class="promise-item">
      <q>{p.sentence}</q>
      <span class="small muted">
        {p.time_stated ? s.promiseDue(p.when ?? '', exactTime(p.due_at)) : s.promiseNoTime(exactTime(p.due_at))}
      </span>
      {p.kind === 'call' && (
        <input type="tel" class="promise-phone" value={phone} maxLength={40} aria-label={s.phone}
          placeholder={s.phoneHint} onInput={(e) => setPhone(e.currentTarget.value)} />
      )}
      <button type="button" class="button small-button" disabled={props.busy}
        onClick={() => props.onAccept(phone.trim() || undefined)}>
        {s.acceptPromise}
      </button>
    </li>
  );
}

function FollowUpForm(props: { now: number; busy: boolean; onSubmit: (input: api.FollowUpInput) => void; onCancel: () => void }) {
  const s = strings.followUps;
  const [text, setText] = useState('');
  const [due, setDue] = useState(localInputValue(tomorrowNine(props.now)));
  const [kind, setKind] = useState<api.FollowUpKind>('follow_up');
  const [phone, setPhone] = useState('');
  return (
    <form class="follow-up-form" onSubmit={(e) => {
      e.preventDefault();
      const when = new Date(due);
      if (Number.isNaN(when.getTime())) return;
      props.onSubmit({ text, due_at: when.toISOString(), kind, phone: phone || undefined });
    }}>
      <label>{s.text}<input type="text" value={text} required maxLength={1000} onInput={(e) => setText(e.currentTarget.value)} /></label>
      <label>{s.dueAt}<input type="datetime-local" value={due} required onInput={(e) => setDue(e.currentTarget.value)} /></label>
      <label>{s.kind}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as api.FollowUpKind)}>
          <option value="follow_up">{s.kindFollowUp}</option>
          <option value="call">{s.kindCall}</option>
        </select>
      </label>
      {kind === 'call' && (
        <label>{s.phone}<input type="tel" value={phone} maxLength={40} placeholder={s.phoneHint} onInput={(e) => setPhone(e.currentTarget.value)} /></label>
      )}
      <div class="form-buttons">
        <button type="submit" class="button small-button" disabled={props.busy || !text.trim()}>{s.save}</button>
        <button type="button" class="link-button" onClick={props.onCancel}>{s.close}</button>
      </div>
    </form>
  );
}

function EscalateForm(props: { people: Person[]; busy: boolean; onSubmit: (input: api.EscalationInput) => void; onCancel: () => void }) {
  const s = strings.followUps;
  const [kind, setKind] = useState<EscalationKind>('phone');
  const [reason, setReason] = useState('');
  const [expert, setExpert] = useState('');
  const [team, setTeam] = useState('');
  const [phone, setPhone] = useState('');
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api.listTeams(controller.signal).then(setTeams, () => {});
    return () => controller.abort();
  }, []);
  return (
    <form class="escalate-form" onSubmit={(e) => {
      e.preventDefault();
      props.onSubmit({
        kind,
        reason,
        expert_id: kind === 'expert' && expert ? Number(expert) : undefined,
        team_id: kind === 'management' && team ? Number(team) : undefined,
        phone: kind === 'phone' && phone ? phone : undefined,
      });
    }}>
      <fieldset>
        <legend>{s.escalateTo}</legend>
        {(['phone', 'expert', 'management'] as const).map((k) => (
          <label key={k} class="radio">
            <input type="radio" name="escalation-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {s.kinds[k]}
          </label>
        ))}
      </fieldset>
      <label>{s.reason}<input type="text" value={reason} required maxLength={1000} onInput={(e) => setReason(e.currentTarget.value)} /></label>
      {kind === 'phone' && (
        <label>{s.phone}<input type="tel" value={phone} maxLength={40} placeholder={s.phoneHint} onInput={(e) => setPhone(e.currentTarget.value)} /></label>
      )}
      {kind === 'expert' && (
        <label>{s.expert}
          <select value={expert} required onChange={(e) => setExpert(e.currentTarget.value)}>
            <option value="">{s.choose}</option>
            {props.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      )}
      {kind === 'management' && (
        <label>{s.team}
          <select value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">{s.keepTeam}</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
      )}
      <div class="form-buttons">
        <button type="submit" class="button small-button" disabled={props.busy || !reason.trim()}>{s.escalate}</button>
        <button type="button" class="link-button" onClick={props.onCancel}>{s.close}</button>
      </div>
    </form>
  );
}
