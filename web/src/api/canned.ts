// Canned answers, tracked links and the company settings they use (docs/canned-answers.md).

import { id, request } from './http';
import type { PersonRef, TeamRef } from './types';

export interface CannedAnswer {
  id: number;
  /** Null: company-wide. */
  team: TeamRef | null;
  title: string;
  shortcut: string;
  body: string;
  /** Null: offered on every network. */
  network: string | null;
  created_by: PersonRef | null;
  created_at: string;
  updated_by: PersonRef | null;
  updated_at: string;
  usage_count: number;
  last_used_at: string | null;
}

export interface CannedAnswerInput {
  title: string;
  shortcut: string;
  body: string;
  team_id: number | null;
  network: string | null;
}

export interface TemplateVariable {
  name: string;
  meaning: string;
}

/** A link in a reply, sent as a short link that counts clicks (no visitor data is kept). */
export interface TrackedLink {
  id: number;
  code: string;
  short_url: string | null;
  url: string;
  post_id: number | null;
  clicks: number;
  first_clicked_at: string | null;
  last_clicked_at: string | null;
  created_at: string;
}

export interface CompanySettings {
  name: string;
  track_links: boolean;
  /** Set with `webcare serve --public-url`; read-only here. */
  public_url: string | null;
}

/** GET /canned-answers: the answers the user may use, best match for `q` first. */
export async function listCannedAnswers(
  q: string,
  conversationId: number | null,
  signal?: AbortSignal,
  limit = 50,
): Promise<CannedAnswer[]> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (conversationId !== null) params.set('conversation', String(conversationId));
  return (await request<{ canned_answers: CannedAnswer[] }>('GET', `/canned-answers?${params}`, { signal }))
    .canned_answers;
}

export async function createCannedAnswer(input: CannedAnswerInput): Promise<CannedAnswer> {
  return (await request<{ canned_answer: CannedAnswer }>('POST', '/canned-answers', { body: input })).canned_answer;
}

export async function updateCannedAnswer(aid: number, input: CannedAnswerInput): Promise<CannedAnswer> {
  return (await request<{ canned_answer: CannedAnswer }>('PUT', `/canned-answers/${id(aid)}`, { body: input }))
    .canned_answer;
}

export function deleteCannedAnswer(aid: number): Promise<void> {
  return request<void>('DELETE', `/canned-answers/${id(aid)}`);
}

/** POST /canned-answers/{id}/render: the answer filled in for the conversation; counts one use. */
export async function renderCannedAnswer(aid: number, conversationId: number): Promise<string> {
  return (
    await request<{ text: string }>('POST', `/canned-answers/${id(aid)}/render`, {
      body: { conversation_id: conversationId },
    })
  ).text;
}

/** POST /canned-answers/preview: unsaved text filled in with sample values. */
export async function previewCannedAnswer(body: string, signal?: AbortSignal): Promise<string> {
  return (await request<{ text: string }>('POST', '/canned-answers/preview', { body: { body }, signal })).text;
}

export async function listTemplateVariables(signal?: AbortSignal): Promise<TemplateVariable[]> {
  return (await request<{ variables: TemplateVariable[] }>('GET', '/canned-answers/variables', { signal })).variables;
}

export function getCompanySettings(signal?: AbortSignal): Promise<CompanySettings> {
  return request<CompanySettings>('GET', '/settings/company', { signal });
}

export function putCompanySettings(name: string, trackLinks: boolean): Promise<CompanySettings> {
  return request<CompanySettings>('PUT', '/settings/company', { body: { name, track_links: trackLinks } });
}
