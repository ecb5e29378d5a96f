// Service levels (docs/sla.md): the SLA clocks of a conversation, business hours, policies and
// the report.

import { request } from './http';

export type SlaKind = 'first_response' | 'next_response' | 'resolution';
export const SLA_KINDS: readonly SlaKind[] = ['first_response', 'next_response', 'resolution'];
export type SlaState = 'breached' | 'warning' | 'ok' | 'none';
export const SLA_STATES: readonly SlaState[] = ['breached', 'warning', 'ok', 'none'];

export interface SlaTimer {
  kind: SlaKind | string;
  target_minutes: number;
  started_at: string;
  due_at: string;
  warn_at: string | null;
  /** Null while it runs. */
  stopped_at: string | null;
  warned: boolean;
  breached: boolean;
}

export interface ConversationSla {
  /** As of the server's last write or sweep (every few seconds). */
  state: SlaState | string;
  /** Soonest due time of the running clocks; null when none runs. */
  due_at: string | null;
  warn_at: string | null;
  first_response_at: string | null;
  /** The wait for the first response in business minutes. */
  first_response_minutes: number | null;
  /** Kinds whose latest clock was breached. */
  breached: string[];
  timers: SlaTimer[];
}

export interface OpeningInterval {
  /** 1 Monday .. 7 Sunday. */
  weekday: number;
  /** "09:00". */
  opens: string;
  /** "17:30"; "24:00" for midnight; earlier than `opens` runs past midnight. */
  closes: string;
}

export interface ClosedDate {
  /** "2026-12-25". */
  date: string;
  name: string;
}

export interface BusinessHours {
  /** Null: the default schedule. */
  team_id: number | null;
  time_zone: string;
  always_open: boolean;
  intervals: OpeningInterval[];
  closed: ClosedDate[];
  updated_at?: string | null;
}

export type BusinessHoursInput = Omit<BusinessHours, 'team_id' | 'updated_at'>;

export interface SlaBand {
  min_priority: number;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
}

export interface SlaPolicy {
  /** Null: the default policy. */
  team_id: number | null;
  bands: SlaBand[];
  warn_percent: number | null;
  warn_minutes_before: number | null;
  updated_at?: string | null;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'team_id' | 'updated_at'>;

export interface SlaReport {
  since: string;
  until: string;
  team_id: number | null;
  within_minutes: number;
  first_response: {
    responded: number;
    within: number;
    percent_within: number | null;
    awaiting: number;
    median_minutes: number | null;
    p90_minutes: number | null;
  };
  breaches: Record<string, number>;
}

/** "default" or a team id: whose schedule or policy. */
function slaScope(teamId: number | null): string {
  return teamId === null ? 'default' : encodeURIComponent(teamId);
}

/** GET /sla/business-hours (leads and admins). */
export async function listBusinessHours(signal?: AbortSignal): Promise<BusinessHours[]> {
  return (await request<{ business_hours: BusinessHours[] }>('GET', '/sla/business-hours', { signal })).business_hours;
}

/** PUT /sla/business-hours/{default|team} (admin): replaces the schedule. */
export function putBusinessHours(teamId: number | null, input: BusinessHoursInput): Promise<BusinessHours> {
  return request<BusinessHours>('PUT', `/sla/business-hours/${slaScope(teamId)}`, { body: input });
}

/** DELETE /sla/business-hours/{default|team} (admin): the team falls back to the default. */
export function deleteBusinessHours(teamId: number | null): Promise<void> {
  return request<void>('DELETE', `/sla/business-hours/${slaScope(teamId)}`);
}

/** GET /sla/policies (leads and admins). */
export async function listSlaPolicies(signal?: AbortSignal): Promise<SlaPolicy[]> {
  return (await request<{ policies: SlaPolicy[] }>('GET', '/sla/policies', { signal })).policies;
}

/** PUT /sla/policies/{default|team} (admin): replaces the policy. */
export function putSlaPolicy(teamId: number | null, input: SlaPolicyInput): Promise<SlaPolicy> {
  return request<SlaPolicy>('PUT', `/sla/policies/${slaScope(teamId)}`, { body: input });
}

/** DELETE /sla/policies/{default|team} (admin). */
export function deleteSlaPolicy(teamId: number | null): Promise<void> {
  return request<void>('DELETE', `/sla/policies/${slaScope(teamId)}`);
}

/** GET /reports/sla: first responses within `within` business minutes, and breaches. */
export function getSlaReport(
  query: { within: number; since?: string; until?: string; team?: number | null },
  signal?: AbortSignal,
): Promise<SlaReport> {
  const params = new URLSearchParams({ within: String(query.within) });
  if (query.since) params.set('since', query.since);
  if (query.until) params.set('until', query.until);
  if (query.team) params.set('team', String(query.team));
  return request<SlaReport>('GET', `/reports/sla?${params.toString()}`, { signal });
}
