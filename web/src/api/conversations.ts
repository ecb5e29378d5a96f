// Conversations: the list and one conversation, what agents do with it (claim, assign, status,
// labels, notes, replies), colleagues and notifications.

import { id, request } from './http';
import type { Conversation, ConversationDetail, ConversationPage, ConversationQuery, ConversationStatus, HistoryEvent, Note, Notification, Person, Post, ViewCounts } from './types';

export interface ReplyMeasure {
  count: number;
  limit: number;
  counting: string;
  fits: boolean;
  /** The text as it will be sent, with the signature. */
  text: string;
}

export interface ReplyInput {
  text: string;
  private: boolean;
  signature: boolean;
  status_after?: 'waiting' | 'open' | 'resolved';
  /** Ids of the agent's uploads to send with it (POST /attachments). */
  attachments?: number[];
  /** False: leave its links as they are instead of short links that count clicks. */
  track_links?: boolean;
}

/** The filters of ConversationQuery, in the order they go into the URL. */
const FILTERS = [
  'status',
  'network',
  'q',
  'language',
  'sentiment',
  'min_priority',
  'stream',
  'team',
  'view',
  'label',
  'open',
  'sla',
] as const satisfies ReadonlyArray<keyof ConversationQuery>;

/** GET /conversations: one page, newest activity first (or highest priority first). */
export async function listConversations(
  query: ConversationQuery,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.sort && query.sort !== 'recent') params.set('sort', query.sort);
  if (query.limit) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  const qs = params.toString();
  const page = await request<ConversationPage>('GET', `/conversations${qs ? `?${qs}` : ''}`, { signal });
  return { ...page, conversations: page.conversations.map(normaliseConversation) };
}

/**
 * Fills `assignee` and `team` from `assignee_id` / `team_id` when the server sends only the
 * ids (names then come from the people and teams the screen knows), and the other way round.
 */
export function normaliseConversation(c: Conversation): Conversation {
  const out: Conversation = { ...c };
  if (out.assignee === undefined) out.assignee = out.assignee_id != null ? { id: out.assignee_id, name: '' } : null;
  if (out.assignee_id === undefined) out.assignee_id = out.assignee ? out.assignee.id : null;
  if (out.team === undefined) out.team = out.team_id != null ? { id: out.team_id, name: '' } : null;
  if (out.team_id === undefined) out.team_id = out.team ? out.team.id : null;
  out.labels = out.labels ?? [];
  out.experts = out.experts ?? [];
  return out;
}

/** GET /conversations/{id}: the conversation, its posts oldest first, notes and presence. */
export async function getConversation(cid: number, signal?: AbortSignal): Promise<ConversationDetail> {
  const detail = await request<ConversationDetail>('GET', `/conversations/${id(cid)}`, { signal });
  return {
    ...detail,
    conversation: normaliseConversation(detail.conversation),
    notes: detail.notes ?? [],
    presence: detail.presence ?? [],
  };
}

/** GET /conversations/counts: open conversations per view. */
export function getCounts(signal?: AbortSignal): Promise<ViewCounts> {
  return request<ViewCounts>('GET', '/conversations/counts', { signal });
}

/** GET /conversations/{id}/history, oldest first. */
export async function getHistory(cid: number, signal?: AbortSignal): Promise<HistoryEvent[]> {
  return (await request<{ events: HistoryEvent[] }>('GET', `/conversations/${id(cid)}/history`, { signal })).events;
}

async function conversationAction(cid: number, action: string, body?: unknown): Promise<Conversation> {
  const r = await request<{ conversation: Conversation }>('POST', `/conversations/${id(cid)}/${action}`, {
    body,
  });
  return normaliseConversation(r.conversation);
}

/** POST /conversations/{id}/claim: 409 "already claimed by <name>" when someone else holds it. */
export function claimConversation(cid: number): Promise<Conversation> {
  return conversationAction(cid, 'claim');
}

/** POST /conversations/{id}/assign; null releases it. */
export function assignConversation(cid: number, userId: number | null): Promise<Conversation> {
  return conversationAction(cid, 'assign', { user_id: userId });
}

/** POST /conversations/{id}/status; `snoozedUntil` (RFC 3339) only for "snoozed". */
export function setStatus(cid: number, status: ConversationStatus, snoozedUntil?: string): Promise<Conversation> {
  return conversationAction(cid, 'status', snoozedUntil ? { status, snoozed_until: snoozedUntil } : { status });
}

/** POST /conversations/{id}/labels. */
export function changeLabels(cid: number, add: string[], remove: string[]): Promise<Conversation> {
  return conversationAction(cid, 'labels', { add, remove });
}

/** POST /conversations/{id}/notes. */
export async function addNote(cid: number, text: string, mentions: number[]): Promise<Note> {
  return (await request<{ note: Note }>('POST', `/conversations/${id(cid)}/notes`, { body: { text, mentions } })).note;
}

/** POST /conversations/{id}/replies: stored at once, delivered through the outbox. */
export async function sendReply(cid: number, input: ReplyInput): Promise<Post> {
  return (await request<{ post: Post }>('POST', `/conversations/${id(cid)}/replies`, { body: input })).post;
}

/** POST /replies/measure: the length of a reply as its network counts it. */
export function measureReply(
  cid: number,
  text: string,
  isPrivate: boolean,
  signature: boolean,
  trackLinks: boolean,
  signal?: AbortSignal,
): Promise<ReplyMeasure> {
  return request<ReplyMeasure>('POST', '/replies/measure', {
    body: { conversation_id: cid, text, private: isPrivate, signature, track_links: trackLinks },
    signal,
  });
}

/** POST /outbox/{id}/retry: a failed delivery goes back to pending. */
export function retryDelivery(outboxId: number): Promise<void> {
  return request<void>('POST', `/outbox/${id(outboxId)}/retry`);
}

/** GET /people: colleagues, for the assign and @mention pickers. */
export async function listPeople(signal?: AbortSignal): Promise<Person[]> {
  return (await request<{ people: Person[] }>('GET', '/people', { signal })).people;
}

/** GET /notifications?unread=1. */
export function listNotifications(
  signal?: AbortSignal,
): Promise<{ notifications: Notification[]; unread: number }> {
  return request('GET', '/notifications?unread=1', { signal });
}

/** POST /notifications/read: everything up to and including `upTo`. */
export function markNotificationsRead(upTo: number): Promise<void> {
  return request<void>('POST', '/notifications/read', { body: { up_to: upTo } });
}
