// The two forms of the SLA screen (#/sla): a team's business hours (time zone, weekly hours,
// closed dates) and its SLA policy (targets per priority band, warning). Administrators edit;
// leads see the same forms read-only. The server checks everything again and says why it
// refuses (an unknown time zone, a week without open time, ...).

import { useState } from 'preact/hooks';
import * as api from './api';
import type { BusinessHours, SlaPolicy } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { errorText } from './format';
import { strings } from './strings';

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

export function HoursEditor({ teamId, own, fallback, canEdit, onSaved }: EditorProps<BusinessHours>) {
  const s = strings.sla;
  const [draft, setDraft] = useState<HoursDraft>(() => hoursDraft(own ?? fallback));
  const [confirming, setConfirming] = useState(false);
  const saving = useSaving(onSaved);
  const disabled = !canEdit || saving.busy;
  const setDay = (index: number, day: Interval[]) =>
    setDraft({ ...draft, days: draft.days.map((d, i) => (i === index ? day : d)) });

  return (
    <section class="sla-card" aria-labelledby="sla-hours-title">
      <h2 id="sla-hours-title">{s.hoursTitle}</h2>
      <p class="muted small">{s.hoursIntro}</p>
      {!own && <p class="notice">{teamId !== null && fallback ? s.hoursInherited : s.hoursNone}</p>}
      <form
        class="sla-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void saving.run(() => api.putBusinessHours(teamId, hoursInput(draft)), s.hoursSaved);
        }}
      >
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
                  {day.map((interval, j) => (
                    <span class="sla-interval" key={j}>
                      <input
                        type="time"
                        class="sla-opens"
                        aria-label={`${s.weekdays[index]}: ${s.opens}`}
                        value={interval.opens}
                        disabled={disabled}
                        onInput={(e) => setDay(index, day.map((x, k) => (k === j ? { ...x, opens: e.currentTarget.value } : x)))}
                      />
                      <span aria-hidden="true">–</span>
                      <input
                        type="time"
                        class="sla-closes"
                        aria-label={`${s.weekdays[index]}: ${s.closes}`}
                        value={interval.closes}
                        disabled={disabled}
                        onInput={(e) => setDay(index, day.map((x, k) => (k === j ? { ...x, closes: e.currentTarget.value } : x)))}
                      />
                      {interval.closes !== '00:00' && interval.closes <= interval.opens && (
                        <span class="muted small">{s.overnight}</span>
                      )}
                      {canEdit && (
                        <button
                          type="button"
                          class="icon-button"
                          aria-label={`${s.weekdays[index]}: ${s.removeInterval}`}
                          title={s.removeInterval}
                          disabled={disabled}
                          onClick={() => setDay(index, day.filter((_, k) => k !== j))}
                        >
                          ×
                        </button>
                      )}
                    </span>
                  ))}
                  {canEdit && (
                    <button
                      type="button"
                      class="link-button"
                      id={`sla-add-interval-${index + 1}`}
                      aria-label={`${s.weekdays[index]}: ${s.addInterval}`}
                      disabled={disabled}
                      onClick={() => setDay(index, [...day, { opens: '09:00', closes: '17:00' }])}
                    >
                      + {s.addInterval}
                    </button>
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
                onInput={(e) =>
                  setDraft({ ...draft, closed: draft.closed.map((x, k) => (k === j ? { ...x, date: e.currentTarget.value } : x)) })
                }
              />
              <input
                class="sla-closed-name"
                aria-label={s.closedName}
                placeholder={s.closedName}
                value={c.name}
                maxLength={100}
                disabled={disabled}
                onInput={(e) =>
                  setDraft({ ...draft, closed: draft.closed.map((x, k) => (k === j ? { ...x, name: e.currentTarget.value } : x)) })
                }
              />
              {canEdit && (
                <button
                  type="button"
                  class="icon-button"
                  aria-label={s.removeClosed(c.date)}
                  title={s.removeClosed(c.date)}
                  disabled={disabled}
                  onClick={() => setDraft({ ...draft, closed: draft.closed.filter((_, k) => k !== j) })}
                >
                  ×
                </button>
              )}
            </span>
          ))}
          {canEdit && (
            <button
              type="button"
              class="link-button"
              id="sla-add-closed"
              disabled={disabled}
              onClick={() => setDraft({ ...draft, closed: [...draft.closed, { date: '', name: '' }] })}
            >
              + {s.addClosed}
            </button>
          )}
        </fieldset>
        {canEdit && (
          <>
            <div class="form-error" role="alert" id="sla-hours-error">
              {saving.error}
            </div>
            <div role="status" aria-live="polite">
              {saving.notice && <p class="notice">{saving.notice}</p>}
            </div>
            <div class="form-actions">
              {own && (
                <button type="button" class="button danger" disabled={disabled} onClick={() => setConfirming(true)}>
                  {s.removeHours}
                </button>
              )}
              <button type="submit" class="button primary" id="sla-save-hours" disabled={disabled} aria-busy={saving.busy}>
                {saving.busy ? s.saving : s.saveHours}
              </button>
            </div>
          </>
        )}
      </form>
      <ConfirmDialog
        open={confirming}
        title={s.removeHours}
        confirmLabel={s.removeHours}
        busyLabel={s.saving}
        busy={saving.busy}
        error={saving.error}
        danger
        onConfirm={() => {
          void saving.run(() => api.deleteBusinessHours(teamId), s.hoursRemoved).then((ok) => ok && setConfirming(false));
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{s.confirmRemoveHours}</p>
      </ConfirmDialog>
    </section>
  );
}

interface BandDraft {
  min_priority: string;
  first: string;
  next: string;
  resolution: string;
}

type WarnMode = 'none' | 'percent' | 'minutes';

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function bandsDraft(policy: SlaPolicy | null): BandDraft[] {
  if (!policy) return [{ min_priority: '0', first: '60', next: '120', resolution: '1440' }];
  return policy.bands.map((b) => ({
    min_priority: String(b.min_priority),
    first: text(b.first_response_minutes),
    next: text(b.next_response_minutes),
    resolution: text(b.resolution_minutes),
  }));
}

export function PolicyEditor({ teamId, own, fallback, canEdit, onSaved }: EditorProps<SlaPolicy>) {
  const s = strings.sla;
  const start = own ?? fallback;
  const [bands, setBands] = useState<BandDraft[]>(() => bandsDraft(start));
  const [mode, setMode] = useState<WarnMode>(
    !start ? 'percent' : start.warn_percent ? 'percent' : start.warn_minutes_before ? 'minutes' : 'none',
  );
  const [warnValue, setWarnValue] = useState(text(start ? start.warn_percent ?? start.warn_minutes_before : 80));
  const [confirming, setConfirming] = useState(false);
  const saving = useSaving(onSaved);
  const disabled = !canEdit || saving.busy;
  const setBand = (index: number, patch: Partial<BandDraft>) =>
    setBands(bands.map((b, i) => (i === index ? { ...b, ...patch } : b)));

  function parse(value: string, field: string): number | null {
    const t = value.trim();
    if (t === '') return null;
    const n = Number(t);
    if (!Number.isInteger(n)) throw new Error(s.invalidNumber(field));
    return n;
  }

  function input(): api.SlaPolicyInput {
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
        onInput={(e) => setBand(index, { [key]: e.currentTarget.value })}
      />
    </td>
  );

  return (
    <section class="sla-card" aria-labelledby="sla-policy-title">
      <h2 id="sla-policy-title">{s.policyTitle}</h2>
      <p class="muted small">{s.policyIntro}</p>
      {!own && <p class="notice">{teamId !== null && fallback ? s.policyInherited : s.policyNone}</p>}
      <form
        class="sla-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          let body: api.SlaPolicyInput;
          try {
            body = input();
          } catch (err) {
            saving.setError(err instanceof Error ? err.message : String(err));
            return;
          }
          void saving.run(() => api.putSlaPolicy(teamId, body), s.policySaved);
        }}
      >
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
                      <button
                        type="button"
                        class="icon-button"
                        aria-label={s.removeBand(band.min_priority)}
                        title={s.removeBand(band.min_priority)}
                        disabled={disabled}
                        onClick={() => setBands(bands.filter((_, i) => i !== index))}
                      >
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit && (
          <button
            type="button"
            class="link-button"
            id="sla-add-band"
            disabled={disabled}
            onClick={() => setBands([...bands, { min_priority: '70', first: '15', next: '30', resolution: '240' }])}
          >
            + {s.addBand}
          </button>
        )}
        <div class="sla-row">
          <label for="sla-warn-mode">{s.warning}</label>
          <select id="sla-warn-mode" value={mode} disabled={disabled} onChange={(e) => setMode(e.currentTarget.value as WarnMode)}>
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
              onInput={(e) => setWarnValue(e.currentTarget.value)}
            />
          )}
        </div>
        {canEdit && (
          <>
            <div class="form-error" role="alert" id="sla-policy-error">
              {saving.error}
            </div>
            <div role="status" aria-live="polite">
              {saving.notice && <p class="notice">{saving.notice}</p>}
            </div>
            <div class="form-actions">
              {own && (
                <button type="button" class="button danger" disabled={disabled} onClick={() => setConfirming(true)}>
                  {s.removePolicy}
                </button>
              )}
              <button type="submit" class="button primary" id="sla-save-policy" disabled={disabled} aria-busy={saving.busy}>
                {saving.busy ? s.saving : s.savePolicy}
              </button>
            </div>
          </>
        )}
      </form>
      <ConfirmDialog
        open={confirming}
        title={s.removePolicy}
        confirmLabel={s.removePolicy}
        busyLabel={s.saving}
        busy={saving.busy}
        error={saving.error}
        danger
        onConfirm={() => {
          void saving.run(() => api.deleteSlaPolicy(teamId), s.policyRemoved).then((ok) => ok && setConfirming(false));
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{s.confirmRemovePolicy}</p>
      </ConfirmDialog>
    </section>
  );
}
