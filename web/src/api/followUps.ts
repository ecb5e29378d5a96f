// Follow-ups (tasks with a due time on a conversation), promises found in replies, escalation.

import { id, request } from './http';
import { normaliseConversation } from './conversations';
import type { Conversation, PersonRef } from './types';

/** A task with a due time on a conversation ("call back tomorrow 10:00"). */
export type FollowUpKind = 'follow_up' | 'call';
export type FollowUpState = 'open' | 'done' | 'cancelled';
export interface FollowUp {
  id: number;
  conversation_id: number;
  kind: FollowUpKind;
  owner: PersonRef;
  created_by: number;
  text: string;
  phone: string | null;
  source: 'manual' | 'promise' | 'escalation';
  due_at: string;
  state: FollowUpState;
  created_at: string;
  reminded_at: string | null;
  escalated_at: string | null;
  closed_at: string | null;
}

export interface FollowUpInput {
  text: string;
  due_at: string;
  kind?: FollowUpKind;
  phone?: string;
  owner_id?: number;
  source?: 'manual' | 'promise';
}

/** A promise found in a reply ("we bellen u morgen terug"), proposed as a follow-up. */
export interface DetectedPromise {
  sentence: string;
  kind: FollowUpKind;
  when: string | null;
  due_at: string;
  time_stated: boolean;
}

export type EscalationKind = 'phone' | 'expert' | 'management';
export interface EscalationInput {
  kind: EscalationKind;
  reason: string;
  expert_id?: number;
  team_id?: number;
  phone?: string;
}

/** GET /conversations/{id}/follow-ups: open ones first by due time. */
export async function listFollowUps(cid: number, signal?: AbortSignal): Promise<FollowUp[]> {
  return (await request<{ follow_ups: FollowUp[] }>('GET', `/conversations/${id(cid)}/follow-ups`, { signal })).follow_ups;
}

/** POST /conversations/{id}/follow-ups. */
export async function addFollowUp(cid: number, input: FollowUpInput): Promise<FollowUp> {
  return (await request<{ follow_up: FollowUp }>('POST', `/conversations/${id(cid)}/follow-ups`, { body: input })).follow_up;
}

/** POST /follow-ups/{id}/done or /cancel. */
export async function closeFollowUp(fid: number, how: 'done' | 'cancel'): Promise<FollowUp> {
  return (await request<{ follow_up: FollowUp }>('POST', `/follow-ups/${id(fid)}/${how}`)).follow_up;
}

/** POST /replies/promises: the promises in a reply text. */
export async function detectPromises(text: string): Promise<DetectedPromise[]> {
  return (await request<{ promises: DetectedPromise[] }>('POST', '/replies/promises', { body: { text } })).promises;
}

/** POST /conversations/{id}/escalate. */
export async function escalate(cid: number, input: EscalationInput): Promise<Conversation> {
  const c = (await request<{ conversation: Conversation }>('POST', `/conversations/${id(cid)}/escalate`, { body: input }))
    .conversation;
  return normaliseConversation(c);
}

/** DELETE /conversations/{id}/escalation. */
export async function endEscalation(cid: number): Promise<Conversation> {
  const c = (await request<{ conversation: Conversation }>('DELETE', `/conversations/${id(cid)}/escalation`)).conversation;
  return normaliseConversation(c);
}
