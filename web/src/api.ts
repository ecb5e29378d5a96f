// Typed client for the Webcare HTTP API v1 (docs/api/README.md).
//
// The browser authenticates with the HttpOnly session cookie; every state-changing call carries
// the CSRF token returned by log-in or by GET /auth/session. A 401 from any call other than the
// log-in itself means the session is gone: the registered handler sends the user back to the
// log-in page.

export type Role = 'viewer' | 'agent' | 'lead' | 'admin';
export type ConversationStatus = 'new' | 'open' | 'waiting' | 'snoozed' | 'resolved';
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = [
  'new',
  'open',
  'waiting',
  'snoozed',
  'resolved',
];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export interface Author {
  id: number;
  network: string;
  handle: string;
  name: string;
  followers: number;
  url: string | null;
}

export interface Attachment {
  url: string;
  media_type: string;
  name: string;
}

export interface PostMetrics {
  likes: number;
  reposts: number;
  replies: number;
  views: number;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
export type Intent = 'question' | 'complaint' | 'praise' | 'information';

/** A stream as named on a post or conversation. */
export interface StreamRef {
  id: number;
  name: string;
}

/** One line of the sentiment explanation: which words gave the score. */
export interface SentimentTerm {
  token: string;
  /** Share of the raw score (about -4..+4 per word). */
  contribution: number;
  /** "lexicon", "emoji", ... with the rules that shaped it: "lexicon+negation". */
  rule: string;
  source: string | null;
}

/** One reason for the priority: "negative sentiment (-0.72)" +18. */
export interface PriorityReason {
  code: string;
  text: string;
  points: number;
}

/** What the listening engine found in a post (null for posts stored before it ran). */
export interface PostAnalysis {
  language: string;
  language_confidence: number;
  sentiment: {
    score: number;
    label: SentimentLabel | string;
    explanation: SentimentTerm[];
  };
  intent: Intent | string;
  is_question: boolean;
  has_link: boolean;
  streams: StreamRef[];
  team_id: number | null;
  priority: number;
  reasons: PriorityReason[];
}

export interface Post {
  id: number;
  conversation_id: number;
  network: string;
  channel: string;
  external_id: string;
  author: Author;
  text: string;
  created_at: string;
  in_reply_to: string | null;
  url: string | null;
  direction: 'inbound' | 'outbound';
  private: boolean;
  attachments: Attachment[];
  metrics: PostMetrics;
  /** Absent from servers before the listening engine; null for posts stored before it ran. */
  analysis?: PostAnalysis | null;
  /** The colleague who wrote this reply in Webcare; null for posts from the network. */
  sent_by?: PersonRef | null;
  /** How far a reply written in Webcare is on its way out; null for other posts. */
  delivery?: Delivery | null;
}

export interface PersonRef {
  id: number;
  name: string;
}

export interface TeamRef {
  id: number;
  name: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: number;
  state: DeliveryState | string;
  attempts: number;
  last_error: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
}

/** An internal note: colleagues only, never sent to the customer. */
export interface Note {
  id: number;
  author: PersonRef;
  text: string;
  mentions: number[];
  created_at: string;
}

export type PresenceState = 'viewing' | 'typing';

export interface Presence {
  user_id: number;
  name: string;
  state: PresenceState | string;
}

/** One entry of a conversation's history (and of the live feed). */
export interface HistoryEvent {
  seq: number;
  at: string;
  kind: string;
  actor: PersonRef | null;
  data: Record<string, unknown>;
}

export interface Person {
  id: number;
  name: string;
  email: string;
  role: Role;
  teams: number[];
}

export interface Notification {
  id: number;
  kind: string;
  conversation_id: number | null;
  actor: PersonRef | null;
  text: string;
  created_at: string;
  read: boolean;
}

export type ViewName = 'mine' | 'team' | 'unassigned' | 'all';
export const VIEWS: readonly ViewName[] = ['mine', 'team', 'unassigned', 'all'];

export interface ViewCounts {
  mine: number;
  my_teams: number;
  unassigned: number;
  all: number;
}

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
}

/** A post in a stream preview, with the parts of the query it satisfied. */
export interface PreviewPost extends Post {
  matched: string[];
}

export interface Conversation {
  id: number;
  network: string;
  channel: string;
  status: ConversationStatus;
  priority: number;
  author: Author;
  preview: string;
  private: boolean;
  post_count: number;
  first_post_at: string;
  last_post_at: string;
  /** Older servers send only the ids; normaliseConversation() fills `assignee` and `team`. */
  assignee_id?: number | null;
  team_id?: number | null;
  assignee?: PersonRef | null;
  team?: TeamRef | null;
  labels?: string[];
  /** Colleagues asked to answer it (user ids). */
  experts?: number[];
  /** RFC 3339, while snoozed. */
  snoozed_until?: string | null;
  /** Language of the first post; null before analysis. */
  language?: string | null;
  /** Sentiment label of the latest inbound post; null before analysis. */
  sentiment?: SentimentLabel | string | null;
  streams?: StreamRef[];
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

export interface Team {
  id: number;
  name: string;
}

/** The admin-editable routing weights (src/analysis/routing/routing.h). Unknown keys are kept. */
export type RoutingRules = Record<string, number>;

export type ConversationSort = 'recent' | 'priority';

export interface Session {
  user: User;
  /** Null when the caller used an API token rather than the session cookie. */
  csrf_token: string | null;
}

export interface ConversationPage {
  conversations: Conversation[];
  next_cursor: string | null;
}

export interface ConversationDetail {
  conversation: Conversation;
  posts: Post[];
  /** Absent from servers before the collaborative inbox. */
  notes?: Note[];
  presence?: Presence[];
}

export interface ConversationQuery {
  status?: string;
  network?: string;
  q?: string;
  language?: string;
  sentiment?: string;
  /** 0..100, as text from the URL. */
  min_priority?: string;
  /** A stream id. */
  stream?: string;
  /** A team id. */
  team?: string;
  sort?: string;
  /** mine | team | unassigned | all. */
  view?: string;
  label?: string;
  /** "1": every status but resolved. */
  open?: string;
  limit?: number;
  cursor?: string | null;
}

/** An error answered by the server ({"error":{"code","message"}}) or a failed request. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code, e.g. "INVALID_ARGUMENT"; "NETWORK" when unreachable. */
    readonly code: string,
    message: string,
    /** Seconds from the Retry-After header, when present. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = '/api/v1';

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** Called whenever a request (other than log-in) answers 401. */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return null;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat 401 as "session ended" (the log-in call itself). */
  allow401?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code : `HTTP_${response.status}`;
    const message = typeof err?.message === 'string' ? err.message : '';
    const apiError = new ApiError(
      response.status,
      code,
      message,
      parseRetryAfter(response.headers.get('Retry-After')),
    );
    if (response.status === 401 && !options.allow401) {
      csrfToken = null;
      unauthenticatedHandler?.();
    }
    throw apiError;
  }
  return data as T;
}

function remember(session: Session): Session {
  csrfToken = session.csrf_token;
  return session;
}

/** POST /auth/login. A wrong password is an ApiError with status 401 and the server's message. */
export async function login(email: string, password: string): Promise<Session> {
  return remember(
    await request<Session>('POST', '/auth/login', { body: { email, password }, allow401: true }),
  );
}

/** GET /auth/session: the signed-in user, or null when there is no session. */
export async function currentSession(): Promise<Session | null> {
  try {
    return remember(await request<Session>('GET', '/auth/session', { allow401: true }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** POST /auth/logout. */
export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/auth/logout', { body: {}, allow401: true });
  } finally {
    csrfToken = null;
  }
}

/** GET /conversations: one page, newest activity first (or highest priority first). */
export async function listConversations(
  query: ConversationQuery,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.network) params.set('network', query.network);
  if (query.q) params.set('q', query.q);
  if (query.language) params.set('language', query.language);
  if (query.sentiment) params.set('sentiment', query.sentiment);
  if (query.min_priority) params.set('min_priority', query.min_priority);
  if (query.stream) params.set('stream', query.stream);
  if (query.team) params.set('team', query.team);
  if (query.view) params.set('view', query.view);
  if (query.label) params.set('label', query.label);
  if (query.open) params.set('open', query.open);
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

function id(n: number): string {
  return encodeURIComponent(n);
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
  signal?: AbortSignal,
): Promise<ReplyMeasure> {
  return request<ReplyMeasure>('POST', '/replies/measure', {
    body: { conversation_id: cid, text, private: isPrivate, signature },
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

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
