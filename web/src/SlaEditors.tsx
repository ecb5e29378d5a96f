// The two forms of the SLA screen (#/sla): a team's business hours (time zone, weekly hours,
// closed dates) and its SLA policy (targets per priority band, warning). Administrators edit;
// leads see the same forms read-only. The server checks everything again and says why it
// refuses (an unknown time zone, a week without open time, ...).
//
// Both are one SlaEditor: a card with a draft of the scope's own settings (or of the default it
// inherits), saved with PUT and removed with DELETE; each form brings only its fields.

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import * as api from './api';
import type { BusinessHours, SlaPolicy } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText } from './format';
import { strings } from './strings';

interface EditorProps<T> {
  /** Null: the default. */
  teamId: number | null;
  /** What this scope has of its own; null when it inherits (or has none). */
  own: T | null;
  /** The default, shown and copied while a team has nothing of its own. */
  fallback: T | null;
  canEdit: boolean;
  onSaved: () => void;
}

/** What a form's fields get: its draft, a way to change it, and whether they may be changed now. */
interface FieldsProps<D> {
  draft: D;
  setDraft: (draft: D) => void;
  canEdit: boolean;
  disabled: boolean;
}

interface EditorSpec<T, D, I> {
  /** "hours" or "policy": in the ids sla-hours-title, sla-hours-error, sla-save-hours. */
  id: string;
  text: {
    title: string;
    intro: string;
    inherited: string;
    none: string;
    save: string;
    saved: string;
    remove: string;
    removed: string;
    confirmRemove: string;
  };
  draft: (start: T | null) => D;
  /** The body of the PUT; throws an Error that says which field is wrong. */
  input: (draft: D) => I;
  put: (teamId: number | null, input: I) => Promise<unknown>;
  remove: (teamId: number | null) => Promise<void>;
  Fields: (props: FieldsProps<D>) => JSX.Element;
}

/** Save and remove buttons with their notice and error, shared by both forms. */
function useSaving(onSaved: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      onSaved();
      return true;
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) return false;
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, notice, setError, run };
}

function SlaEditor<T, D, I>({ spec, teamId, own, fallback, canEdit, onSaved }: EditorProps<T> & { spec: EditorSpec<T, D, I> }) {
  const s = strings.sla;
  const t = spec.text;
  const [draft, setDraft] = useState<D>(() => spec.draft(own ?? fallback));
  const [confirming, setConfirming] = useState(false);
  const saving = useSaving(onSaved);
  const disabled = !canEdit || saving.busy;
  const Fields = spec.Fields;

  return (
    <section class="sla-card" aria-labelledby={`sla-${spec.id}-title`}>
      <h2 id={`sla-${spec.id}-title`}>{t.title}</h2>
      <p class="muted small">{t.intro}</p>
      {!own && <p class="notice">{teamId !== null && fallback ? t.inherited : t.none}</p>}
      <form
        class="sla-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          let body: I;
          try {
            body = spec.input(draft);
          } catch (err) {
            saving.setError(err instanceof Error ? err.message : String(err));
            return;
          }
          void saving.run(() => spec.put(teamId, body), t.saved);
        }}
      >
        <Fields draft={draft} setDraft={setDraft} canEdit={canEdit} disabled={disabled} />
        {canEdit && (
          <>
            <div class="form-error" role="alert" id={`sla-${spec.id}-error`}>
              {saving.error}
            </div>
            <div role="status" aria-live="polite">
              {saving.notice && <p class="notice">{saving.notice}</p>}
            </div>
            <div class="form-actions">
              {own && (
                <button type="button" class="button danger" disabled={disabled} onClick={() => setConfirming(true)}>
                  {t.remove}
                </button>
              )}
              <button type="submit" class="button primary" id={`sla-save-${spec.id}`} disabled={disabled} aria-busy={saving.busy}>
                {saving.busy ? s.saving : t.save}
              </button>
            </div>
          </>
        )}
      </form>
      <ConfirmDialog
        open={confirming}
        title={t.remove}
        confirmLabel={t.remove}
        busyLabel={s.saving}
        busy={saving.busy}
        error={saving.error}
        danger
        onConfirm={() => {
          void saving.run(() => spec.remove(teamId), t.removed).then((ok) => ok && setConfirming(false));
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t.confirmRemove}</p>
      </ConfirmDialog>
    </section>
  );
}

// ---------- Rows: intervals, closed dates, priority bands ----------

function replaceAt<X>(rows: X[], index: number, patch: Partial<X>): X[] {
  return rows.map((x, i) => (i === index ? { ...x, ...patch } : x));
}

function removeAt<X>(rows: X[], index: number): X[] {
  return rows.filter((_, i) => i !== index);
}

function RemoveRow({ label, title, disabled, onClick }: { label: string; title: string; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" class="icon-button" aria-label={label} title={title} disabled={disabled} onClick={onClick}>
      ×
    </button>
  );
}

function AddRow({ id, label, text, disabled, onClick }: { id: string; label?: string; text: string; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" class="link-button" id={id} aria-label={label} disabled={disabled} onClick={onClick}>
      + {text}
    </button>
  );
}

// ---------- Business hours ----------

interface Interval {
  opens: string;
  closes: string;
}

interface HoursDraft {
  time_zone: string;
  always_open: boolean;
  days: Interval[][]; // Index 0 is Monday.
  closed: { date: string; name: string }[];
}

function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const ZONES: string[] =
  (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

function hoursDraft(hours: BusinessHours | null): HoursDraft {
  const days: Interval[][] = [[], [], [], [], [], [], []];
  if (!hours) {
    // A suggestion to start from: office hours on weekdays in the browser's time zone.
    for (let d = 0; d < 5; d++) days[d].push({ opens: '09:00', closes: '17:00' });
    return { time_zone: browserZone(), always_open: false, days, closed: [] };
  }
  for (const i of hours.intervals) {
    // <input type="time"> cannot show 24:00; 00:00 as a closing time means midnight.
    days[i.weekday - 1]?.push({ opens: i.opens, closes: i.closes === '24:00' ? '00:00' : i.closes });
  }
  return {
    time_zone: hours.time_zone,
    always_open: hours.always_open,
    days,
    closed: hours.closed.map((c) => ({ ...c })),
  };
}

function hoursInput(draft: HoursDraft): api.BusinessHoursInput {
  const intervals: api.OpeningInterval[] = [];
  draft.days.forEach((day, index) => {
    for (const i of day) {
      intervals.push({ weekday: index + 1, opens: i.opens, closes: i.closes === '00:00' ? '24:00' : i.closes });
    }
  });
  return {
    time_zone: draft.time_zone.trim(),
    always_open: draft.always_open,
    intervals,
    closed: draft.closed.filter((c) => c.date || c.name).map((c) => ({ date: c.date, name: c.name.trim() })),
  };
}

function HoursFields({ draft, setDraft, canEdit, disabled }: FieldsProps<HoursDraft>) {
  const s = strings.sla;
  const setDay = (index: number, day: Interval[]) =>
    setDraft({ ...draft, days: draft.days.map((d, i) => (i === index ? day : d)) });
  const setClosed = (closed: HoursDraft['closed']) => setDraft({ ...draft, closed });

  return (
    <>
      <div class="sla-row">
        <label for="sla-timezone">{s.timeZone}</label>
        <input
          id="sla-timezone"
          list="sla-zones"
          value={draft.time_zone}
          disabled={disabled}
          aria-describedby="sla-timezone-hint"
          onInput={(e) => setDraft({ ...draft, time_zone: e.currentTarget.value })}
        />
        <datalist id="sla-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <span class="field-hint" id="sla-timezone-hint">
          {s.timeZoneHint}
        </span>
      </div>
      <label class="sla-check">
        <input
          type="checkbox"
          id="sla-always-open"
          checked={draft.always_open}
          disabled={disabled}
          onChange={(e) => setDraft({ ...draft, always_open: e.currentTarget.checked })}
        />
        {s.alwaysOpen}
      </label>
      {!draft.always_open && (
        <fieldset class="sla-week">
          <legend class="visually-hidden">{s.hoursTitle}</legend>
          {draft.days.map((day, index) => (
            <div class="sla-day" key={index} data-weekday={index + 1}>
              <span class="sla-day-name">{s.weekdays[index]}</span>
              <div class="sla-intervals">
                {day.length === 0 && <span class="muted small">{s.closedDay}</span>}
                {day.map((interval, j) => {
                  const time = (key: keyof Interval) => (
                    <input
                      type="time"
                      class={`sla-${key}`}
                      aria-label={`${s.weekdays[index]}: ${s[key]}`}
                      value={interval[key]}
                      disabled={disabled}
                      onInput={(e) => setDay(index, replaceAt(day, j, { [key]: e.currentTarget.value }))}
                    />
                  );
                  return (
                    <span class="sla-interval" key={j}>
                      {time('opens')}
                      <span aria-hidden="true">–</span>
                      {time('closes')}
                      {interval.closes !== '00:00' && interval.closes <= interval.opens && (
                        <span class="muted small">{s.overnight}</span>
                      )}
                      {canEdit && (
                        <RemoveRow
                          label={`${s.weekdays[index]}: ${s.removeInterval}`}
                          title={s.removeInterval}
                          disabled={disabled}
                          onClick={() => setDay(index, removeAt(day, j))}
                        />
                      )}
                    </span>
                  );
                })}
                {canEdit && (
                  <AddRow
                    id={`sla-add-interval-${index + 1}`}
                    label={`${s.weekdays[index]}: ${s.addInterval}`}
                    text={s.addInterval}
                    disabled={disabled}
                    onClick={() => setDay(index, [...day, { opens: '09:00', closes: '17:00' }])}
                  />
                )}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <fieldset class="sla-closed">
        <legend>{s.closedDates}</legend>
        <p class="field-hint">{s.closedDatesHint}</p>
        {draft.closed.length === 0 && <p class="muted small">{s.noClosed}</p>}
        {draft.closed.map((c, j) => (
          <span class="sla-closed-row" key={j}>
            <input
              type="date"
              class="sla-closed-date"
              aria-label={s.closedDate}
              value={c.date}
              disabled={disabled}
              onInput={(e) => setClosed(replaceAt(draft.closed, j, { date: e.currentTarget.value }))}
            />
            <input
              class="sla-closed-name"
              aria-label={s.closedName}
              placeholder={s.closedName}
              value={c.name}
              maxLength={100}
              disabled={disabled}
              onInput={(e) => setClosed(replaceAt(draft.closed, j, { name: e.currentTarget.value }))}
            />
            {canEdit && (
              <RemoveRow
                label={s.removeClosed(c.date)}
                title={s.removeClosed(c.date)}
                disabled={disabled}
                onClick={() => setClosed(removeAt(draft.closed, j))}
              />
            )}
          </span>
        ))}
        {canEdit && (
          <AddRow
            id="sla-add-closed"
            text={s.addClosed}
            disabled={disabled}
            onClick={() => setClosed([...draft.closed, { date: '', name: '' }])}
          />
        )}
      </fieldset>
    </>
  );
}

const HOURS: EditorSpec<BusinessHours, HoursDraft, api.BusinessHoursInput> = {
  id: 'hours',
  text: {
    title: strings.sla.hoursTitle,
    intro: strings.sla.hoursIntro,
    inherited: strings.sla.hoursInherited,
    none: strings.sla.hoursNone,
    save: strings.sla.saveHours,
    saved: strings.sla.hoursSaved,
    remove: strings.sla.removeHours,
    removed: strings.sla.hoursRemoved,
    confirmRemove: strings.sla.confirmRemoveHours,
  },
  draft: hoursDraft,
  input: hoursInput,
  put: api.putBusinessHours,
  remove: api.deleteBusinessHours,
  Fields: HoursFields,
};

export function HoursEditor(props: EditorProps<BusinessHours>) {
  return <SlaEditor spec={HOURS} {...props} />;
}

// ---------- SLA policy ----------

interface BandDraft {
  min_priority: string;
  first: string;
  next: string;
  resolution: string;
}

type WarnMode = 'none' | 'percent' | 'minutes';

interface PolicyDraft {
  bands: BandDraft[];
  mode: WarnMode;
  warnValue: string;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function policyDraft(start: SlaPolicy | null): PolicyDraft {
  return {
    bands: start
      ? start.bands.map((b) => ({
          min_priority: String(b.min_priority),
          first: text(b.first_response_minutes),
          next: text(b.next_response_minutes),
          resolution: text(b.resolution_minutes),
        }))
      : [{ min_priority: '0', first: '60', next: '120', resolution: '1440' }],
    mode: !start ? 'percent' : start.warn_percent ? 'percent' : start.warn_minutes_before ? 'minutes' : 'none',
    warnValue: text(start ? start.warn_percent ?? start.warn_minutes_before : 80),
  };
}

function parse(value: string, field: string): number | null {
  const t = value.trim();
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isInteger(n)) throw new Error(strings.sla.invalidNumber(field));
  return n;
}

function policyInput({ bands, mode, warnValue }: PolicyDraft): api.SlaPolicyInput {
  const s = strings.sla;
  const out: api.SlaPolicyInput = { bands: [], warn_percent: null, warn_minutes_before: null };
  for (const b of bands) {
    out.bands.push({
      min_priority: parse(b.min_priority, s.minPriority) ?? 0,
      first_response_minutes: parse(b.first, s.firstResponse),
      next_response_minutes: parse(b.next, s.nextResponse),
      resolution_minutes: parse(b.resolution, s.resolution),
    });
  }
  if (mode === 'percent') out.warn_percent = parse(warnValue, s.warnPercent);
  if (mode === 'minutes') out.warn_minutes_before = parse(warnValue, s.warnMinutes);
  return out;
}

function PolicyFields({ draft, setDraft, canEdit, disabled }: FieldsProps<PolicyDraft>) {
  const s = strings.sla;
  const { bands, mode, warnValue } = draft;
  const setBands = (next: BandDraft[]) => setDraft({ ...draft, bands: next });

  const field = (index: number, key: keyof BandDraft, label: string) => (
    <td>
      <input
        type="number"
        id={`sla-band-${index}-${key}`}
        min={key === 'min_priority' ? 0 : 1}
        max={key === 'min_priority' ? 100 : undefined}
        step={1}
        aria-label={`${label} (${s.minPriority} ${bands[index].min_priority || 0})`}
        value={bands[index][key]}
        disabled={disabled}
        onInput={(e) => setBands(replaceAt(bands, index, { [key]: e.currentTarget.value }))}
      />
    </td>
  );

  return (
    <>
      <div class="table-scroll">
        <table class="sla-bands">
          <thead>
            <tr>
              <th scope="col">{s.minPriority}</th>
              <th scope="col">{s.firstResponse}</th>
              <th scope="col">{s.nextResponse}</th>
              <th scope="col">{s.resolution}</th>
              <th scope="col">
                <span class="visually-hidden">{s.removeBand('')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bands.map((band, index) => (
              <tr key={index}>
                {field(index, 'min_priority', s.minPriority)}
                {field(index, 'first', s.firstResponse)}
                {field(index, 'next', s.nextResponse)}
                {field(index, 'resolution', s.resolution)}
                <td>
                  {canEdit && bands.length > 1 && (
                    <RemoveRow
                      label={s.removeBand(band.min_priority)}
                      title={s.removeBand(band.min_priority)}
                      disabled={disabled}
                      onClick={() => setBands(removeAt(bands, index))}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <AddRow
          id="sla-add-band"
          text={s.addBand}
          disabled={disabled}
          onClick={() => setBands([...bands, { min_priority: '70', first: '15', next: '30', resolution: '240' }])}
        />
      )}
      <div class="sla-row">
        <label for="sla-warn-mode">{s.warning}</label>
        <select
          id="sla-warn-mode"
          value={mode}
          disabled={disabled}
          onChange={(e) => setDraft({ ...draft, mode: e.currentTarget.value as WarnMode })}
        >
          <option value="none">{s.warnNone}</option>
          <option value="percent">{s.warnPercent}</option>
          <option value="minutes">{s.warnMinutes}</option>
        </select>
        {mode !== 'none' && (
          <input
            type="number"
            id="sla-warn-value"
            aria-label={mode === 'percent' ? s.warnPercent : s.warnMinutes}
            min={1}
            max={mode === 'percent' ? 99 : undefined}
            step={1}
            value={warnValue}
            disabled={disabled}
            onInput={(e) => setDraft({ ...draft, warnValue: e.currentTarget.value })}
          />
        )}
      </div>
    </>
  );
}

const POLICY: EditorSpec<SlaPolicy, PolicyDraft, api.SlaPolicyInput> = {
  id: 'policy',
  text: {
    title: strings.sla.policyTitle,
    intro: strings.sla.policyIntro,
    inherited: strings.sla.policyInherited,
    none: strings.sla.policyNone,
    save: strings.sla.savePolicy,
    saved: strings.sla.policySaved,
    remove: strings.sla.removePolicy,
    removed: strings.sla.policyRemoved,
    confirmRemove: strings.sla.confirmRemovePolicy,
  },
  draft: policyDraft,
  input: policyInput,
  put: api.putSlaPolicy,
  remove: api.deleteSlaPolicy,
  Fields: PolicyFields,
};

export function PolicyEditor(props: EditorProps<SlaPolicy>) {
  return <SlaEditor spec={POLICY} {...props} />;
}
