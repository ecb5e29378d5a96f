// Service levels (#/sla): the "% answered within N minutes" report, and per team (or the
// default) its business hours and SLA policy. Leads and admins see it; admins edit.

import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { BusinessHours, SlaPolicy, SlaReport, Team, User } from './api';
import { SLA_KINDS } from './api';
import { errorText } from './format';
import { HoursEditor, PolicyEditor } from './SlaEditors';
import { strings } from './strings';
import { LoadError } from './LoadError';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; teams: Team[]; hours: BusinessHours[]; policies: SlaPolicy[] };

const PERIODS = ['1', '7', '30', '90'];

function SlaReportPanel({ teams }: { teams: Team[] }) {
  const s = strings.sla;
  const [within, setWithin] = useState('30');
  const [period, setPeriod] = useState('7');
  const [team, setTeam] = useState('');
  const [report, setReport] = useState<SlaReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const minutes = Number(within);
    if (!Number.isInteger(minutes) || minutes < 1) return undefined;
    const controller = new AbortController();
    // Typing "120" asks once, not for 1, 12 and 120.
    const timer = window.setTimeout(() => {
      const until = new Date();
      const since = new Date(until.getTime() - Number(period) * 24 * 3600 * 1000);
      setLoading(true);
      api
        .getSlaReport(
          { within: minutes, since: since.toISOString(), until: until.toISOString(), team: team ? Number(team) : null },
          controller.signal,
        )
        .then((r) => {
          setReport(r);
          setError(null);
        })
        .catch((e: unknown) => {
          if (api.isAbort(e)) return;
          setError(errorText(e));
        })
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [within, period, team]);

  const f = report?.first_response;
  const minutes = (n: number | null | undefined) => (n === null || n === undefined ? '–' : s.minutes(n));
  return (
    <section class="sla-card sla-report" id="sla-report" aria-labelledby="sla-report-title" aria-busy={loading}>
      <h2 id="sla-report-title">{s.reportTitle}</h2>
      <p class="muted small">{s.reportIntro}</p>
      <div class="sla-report-controls">
        <label>
          <span>{s.within}</span>
          <input
            type="number"
            id="sla-within"
            min={1}
            step={1}
            value={within}
            onInput={(e) => setWithin(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{s.period}</span>
          <select id="sla-period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {s.periods[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{s.team}</span>
          <select id="sla-report-team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">{s.anyTeam}</option>
            {teams.map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {s.reportError} {error}
        </p>
      )}
      {f && !error && (
        <>
          {f.responded === 0 ? (
            <p class="muted" id="sla-report-empty">
              {s.noResponses}
            </p>
          ) : (
            <p class="sla-figure">
              <strong id="sla-percent">{`${f.percent_within ?? 0}%`}</strong> {s.percentWithin(report.within_minutes)}
            </p>
          )}
          <dl class="sla-figures">
            <div>
              <dt>{s.responded}</dt>
              <dd id="sla-responded">{f.responded}</dd>
            </div>
            <div>
              <dt>{s.withinCount}</dt>
              <dd>{f.within}</dd>
            </div>
            <div>
              <dt>{s.median}</dt>
              <dd>{minutes(f.median_minutes)}</dd>
            </div>
            <div>
              <dt>{s.p90}</dt>
              <dd>{minutes(f.p90_minutes)}</dd>
            </div>
            <div>
              <dt>{s.awaiting}</dt>
              <dd>{f.awaiting}</dd>
            </div>
            {SLA_KINDS.map((kind) => (
              <div key={kind}>
                <dt>{`${s.breaches}: ${s.kinds[kind]}`}</dt>
                <dd data-breaches={kind}>{report.breaches[kind] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

export function SlaScreen({ user }: { user: User }) {
  const s = strings.sla;
  const canEdit = user.role === 'admin';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [version, setVersion] = useState(0);
  const [scope, setScope] = useState('default');

  useEffect(() => {
    const controller = new AbortController();
    if (version === 0) setLoad({ kind: 'loading' });
    Promise.all([
      api.listTeams(controller.signal),
      api.listBusinessHours(controller.signal),
      api.listSlaPolicies(controller.signal),
    ])
      .then(([teams, hours, policies]) => setLoad({ kind: 'loaded', teams, hours, policies }))
      .catch((e: unknown) => {
        if (api.isAbort(e)) return;
        if (e instanceof api.ApiError && e.status === 401) return;
        setLoad({ kind: 'error', message: errorText(e) });
      });
    return () => controller.abort();
  }, [attempt, version]);

  if (load.kind !== 'loaded') {
    return (
      <div class="screen-body">
        <h1>{s.title}</h1>
        {load.kind === 'loading' ? (
          <p class="muted" role="status" aria-busy="true">
            {s.loading}
          </p>
        ) : (
          <LoadError title={s.errorTitle} message={load.message} retry={s.retry} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </div>
    );
  }

  const teamId = scope === 'default' ? null : Number(scope);
  const mine = <T extends { team_id: number | null }>(items: T[], id: number | null) =>
    items.find((x) => x.team_id === id) ?? null;
  const reload = () => setVersion((v) => v + 1);
  return (
    <div class="screen-body sla-screen">
      <header class="screen-header">
        <div>
          <h1>{s.title}</h1>
          <p class="muted">{s.intro}</p>
        </div>
      </header>
      {!canEdit && <p class="notice read-only-note">{s.readOnly}</p>}
      <SlaReportPanel teams={load.teams} />
      <div class="sla-row sla-scope">
        <label for="sla-scope">{s.scope}</label>
        <select id="sla-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
          <option value="default">{s.defaultScope}</option>
          {load.teams.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {s.teamScope(t.name)}
            </option>
          ))}
        </select>
      </div>
      <div class="sla-editors" key={scope}>
        <HoursEditor
          teamId={teamId}
          own={mine(load.hours, teamId)}
          fallback={teamId === null ? null : mine(load.hours, null)}
          canEdit={canEdit}
          onSaved={reload}
        />
        <PolicyEditor
          teamId={teamId}
          own={mine(load.policies, teamId)}
          fallback={teamId === null ? null : mine(load.policies, null)}
          canEdit={canEdit}
          onSaved={reload}
        />
      </div>
    </div>
  );
}
