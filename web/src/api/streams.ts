// The listening engine's streams, their live preview, teams and the routing rules.

import { request } from './http';
import type { Post, Team } from './types';

/** A post in a stream preview, with the parts of the query it satisfied. */
export interface PreviewPost extends Post {
  matched: string[];
}

/** A stream ("aandachtsgebied"): a standing query of the listening engine. */
export interface Stream {
  id: number;
  name: string;
  query: string;
  team_id: number | null;
  /** "#rrggbb". */
  colour: string;
  /** Added to the priority of the posts it catches, -100..100. */
  priority_weight: number;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface StreamInput {
  name?: string;
  query?: string;
  team_id?: number | null;
  colour?: string;
  priority_weight?: number;
  active?: boolean;
}

/** The admin-editable routing weights (src/analysis/routing/routing.h). Unknown keys are kept. */
export type RoutingRules = Record<string, number>;

/** GET /streams: every stream, active or not. */
export async function listStreams(signal?: AbortSignal): Promise<Stream[]> {
  return (await request<{ streams: Stream[] }>('GET', '/streams', { signal })).streams;
}

/** POST /streams (lead or admin). */
export function createStream(input: StreamInput): Promise<Stream> {
  return request<Stream>('POST', '/streams', { body: input });
}

/** PATCH /streams/{id} (lead or admin): only the fields given change. */
export function updateStream(id: number, input: StreamInput): Promise<Stream> {
  return request<Stream>('PATCH', `/streams/${encodeURIComponent(id)}`, { body: input });
}

/** DELETE /streams/{id} (lead or admin). */
export function deleteStream(id: number): Promise<void> {
  return request<void>('DELETE', `/streams/${encodeURIComponent(id)}`);
}

/** GET /streams/preview: the stored posts a query would catch, newest first. */
export async function previewStream(q: string, limit: number, signal?: AbortSignal): Promise<PreviewPost[]> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  return (await request<{ posts: PreviewPost[] }>('GET', `/streams/preview?${params.toString()}`, { signal })).posts;
}

/** GET /teams. */
export async function listTeams(signal?: AbortSignal): Promise<Team[]> {
  return (await request<{ teams: Team[] }>('GET', '/teams', { signal })).teams;
}

/** GET /routing/rules. */
export function getRoutingRules(signal?: AbortSignal): Promise<RoutingRules> {
  return request<RoutingRules>('GET', '/routing/rules', { signal });
}

/** PUT /routing/rules (admin): the full object; keys left out take their defaults. */
export function putRoutingRules(rules: RoutingRules): Promise<RoutingRules> {
  return request<RoutingRules>('PUT', '/routing/rules', { body: rules });
}
