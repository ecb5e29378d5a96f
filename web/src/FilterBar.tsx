// The filters of the listening engine above the conversation list: language, sentiment,
// minimum priority, stream, team and the order. Each choice goes into the URL (route.ts).

import type { Stream, Team } from './api';
import { SENTIMENT_LABELS, SLA_STATES } from './api';
import { languageName, sentimentLabel } from './format';
import { hasFilters, navigate, routeHash, withoutFilters, type Route } from './route';
import { strings } from './strings';

/** Languages offered in the filter (one in the URL that is not here is added). */
export const LANGUAGES = ['nl', 'en', 'de', 'fr'];
const MIN_PRIORITIES = ['25', '50', '75'];

interface Props {
  route: Route;
  streams: Stream[];
  teams: Team[];
}

function withCurrent(values: string[], current: string): string[] {
  return current && !values.includes(current) ? [...values, current] : values;
}

export function FilterBar({ route, streams, teams }: Props) {
  const s = strings.filters;
  const set = (patch: Partial<Route>) => navigate({ ...route, screen: 'inbox', ...patch });
  const streamKnown = !route.stream || streams.some((x) => String(x.id) === route.stream);
  const teamKnown = !route.team || teams.some((x) => String(x.id) === route.team);
  return (
    <div class="filter-bar" role="group" aria-label={s.label}>
      <label class="filter">
        <span class="filter-label">{s.language}</span>
        <select
          id="filter-language"
          value={route.language}
          onChange={(e) => set({ language: e.currentTarget.value })}
        >
          <option value="">{s.anyLanguage}</option>
          {withCurrent(LANGUAGES, route.language).map((code) => (
            <option key={code} value={code}>
              {`${languageName(code)} (${code})`}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter-label">{s.sentiment}</span>
        <select
          id="filter-sentiment"
          value={route.sentiment}
          onChange={(e) => set({ sentiment: e.currentTarget.value })}
        >
          <option value="">{s.anySentiment}</option>
          {withCurrent([...SENTIMENT_LABELS], route.sentiment).map((label) => (
            <option key={label} value={label}>
              {sentimentLabel(label)}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter-label">{s.minPriority}</span>
        <select
          id="filter-priority"
          value={route.minPriority}
          onChange={(e) => set({ minPriority: e.currentTarget.value })}
        >
          <option value="">{s.anyPriority}</option>
          {withCurrent(MIN_PRIORITIES, route.minPriority).map((p) => (
            <option key={p} value={p}>
              {s.atLeast(Number(p))}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter-label">{s.stream}</span>
        <select id="filter-stream" value={route.stream} onChange={(e) => set({ stream: e.currentTarget.value })}>
          <option value="">{s.anyStream}</option>
          {streams.map((stream) => (
            <option key={stream.id} value={String(stream.id)}>
              {stream.name}
            </option>
          ))}
          {!streamKnown && <option value={route.stream}>{s.unknownStream(route.stream)}</option>}
        </select>
      </label>
      {(teams.length > 0 || route.team) && (
        <label class="filter">
          <span class="filter-label">{s.team}</span>
          <select id="filter-team" value={route.team} onChange={(e) => set({ team: e.currentTarget.value })}>
            <option value="">{s.anyTeam}</option>
            {teams.map((team) => (
              <option key={team.id} value={String(team.id)}>
                {team.name}
              </option>
            ))}
            {!teamKnown && <option value={route.team}>{s.unknownTeam(route.team)}</option>}
          </select>
        </label>
      )}
      <label class="filter">
        <span class="filter-label">{strings.sla.filter}</span>
        <select id="filter-sla" value={route.sla} onChange={(e) => set({ sla: e.currentTarget.value })}>
          <option value="">{strings.sla.anyState}</option>
          {withCurrent([...SLA_STATES], route.sla).map((state) => (
            <option key={state} value={state}>
              {strings.sla.states[state] ?? state}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span class="filter-label">{s.sort}</span>
        <select id="filter-sort" value={route.sort} onChange={(e) => set({ sort: e.currentTarget.value })}>
          <option value="">{s.sortRecent}</option>
          <option value="priority">{s.sortPriority}</option>
          <option value="sla">{strings.sla.sortSla}</option>
        </select>
      </label>
      {hasFilters(route) && (
        <a class="filter-clear small" href={routeHash(withoutFilters(route))}>
          {strings.list.clearFilters}
        </a>
      )}
    </div>
  );
}
