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
  /** Files uploaded to Webcare (replies): GET /attachments/{id}. Absent for a network's media. */
  id?: number;
  size?: number;
  sha256?: string;
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
  /** Four-eyes review of a reply that needed a lead's approval; null otherwise. */
  review?: Review | null;
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
  /** Ids of the agent's uploads to send with it (POST /attachments). */
  attachments?: number[];
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
  /** The escalation in force; escalated conversations stand out. */
  escalation?: { kind: EscalationKind; reason: string; by: PersonRef; at: string } | null;
  /** RFC 3339: when the earliest open follow-up is due. */
  next_follow_up_at?: string | null;
  /** Language of the first post; null before analysis. */
  language?: string | null;
  /** Sentiment label of the latest inbound post; null before analysis. */
  sentiment?: SentimentLabel | string | null;
  streams?: StreamRef[];
  /** Its SLA clocks (docs/sla.md); absent from servers before SLA policies. */
  sla?: ConversationSla;
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

export type ConversationSort = 'recent' | 'priority' | 'sla';

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
  /** Tracked links of the conversation's replies, with their clicks (CannedPicker.tsx / TrackedLinks.tsx). */
  links?: TrackedLink[];
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
  /** breached | warning | ok | none. */
  sla?: string;
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
  if (query.sla) params.set('sla', query.sla);
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

// --- Attachments and four-eyes review (api_attachments.cc) ---

export type ReviewState = 'pending' | 'approved' | 'rejected';

export interface Review {
  state: ReviewState | string;
  author_id: number;
  requested_at: string;
  reviewer: PersonRef | null;
  reviewed_at: string | null;
  /** Why it was rejected; null otherwise. */
  reason: string | null;
}

/** An upload, before and after it is attached to a reply. */
export interface UploadedAttachment {
  id: number;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  url: string;
  created_at: string;
  attached: boolean;
}

export interface AttachmentLimits {
  max_bytes: number;
  media_types: string[];
}

export interface PendingReply {
  post: Post;
  conversation: Conversation;
}

export interface ReviewSettings {
  teams: Array<{ id: number; name: string; required: boolean }>;
  /** Agents; `required` null follows their teams. */
  users: Array<{ id: number; name: string; email: string; required: boolean | null }>;
}

/** GET /attachments/limits: the largest upload and the accepted types. */
export function getAttachmentLimits(signal?: AbortSignal): Promise<AttachmentLimits> {
  return request<AttachmentLimits>('GET', '/attachments/limits', { signal });
}

/**
 * POST /attachments?filename=: the file itself as the body. XMLHttpRequest rather than fetch,
 * for the upload's progress. The server decides the type from the content.
 */
export function uploadAttachment(
  file: Blob,
  name: string,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/attachments?filename=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((data as { attachment: UploadedAttachment }).attachment);
        return;
      }
      const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (xhr.status === 401) {
        csrfToken = null;
        unauthenticatedHandler?.();
      }
      reject(
        new ApiError(
          xhr.status,
          typeof err?.code === 'string' ? err.code : `HTTP_${xhr.status}`,
          typeof err?.message === 'string' ? err.message : '',
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** GET /replies/pending (leads and admins): replies waiting for approval, oldest first. */
export async function listPendingReplies(signal?: AbortSignal): Promise<PendingReply[]> {
  const r = await request<{ replies: PendingReply[] }>('GET', '/replies/pending?limit=500', { signal });
  return r.replies.map((x) => ({ ...x, conversation: normaliseConversation(x.conversation) }));
}

/** POST /replies/{id}/approve (leads and admins): the reply enters the outbox. */
export async function approveReply(postId: number): Promise<Post> {
  return (await request<{ post: Post }>('POST', `/replies/${id(postId)}/approve`)).post;
}

/** POST /replies/{id}/reject (leads and admins): its author is told why. */
export async function rejectReply(postId: number, reason: string): Promise<Post> {
  return (await request<{ post: Post }>('POST', `/replies/${id(postId)}/reject`, { body: { reason } })).post;
}

/** POST /replies/{id}/resubmit (the author): the edited text goes back for approval. */
export async function resubmitReply(postId: number, text: string): Promise<Post> {
  return (await request<{ post: Post }>('POST', `/replies/${id(postId)}/resubmit`, { body: { text } })).post;
}

/** GET /settings/review (admin). */
export function getReviewSettings(signal?: AbortSignal): Promise<ReviewSettings> {
  return request<ReviewSettings>('GET', '/settings/review', { signal });
}

/** PUT /settings/review/teams/{id} (admin). */
export function setTeamReview(teamId: number, required: boolean): Promise<ReviewSettings> {
  return request<ReviewSettings>('PUT', `/settings/review/teams/${id(teamId)}`, { body: { required } });
}

/** PUT /settings/review/users/{id} (admin); null: the agent follows its teams. */
export function setUserReview(userId: number, required: boolean | null): Promise<ReviewSettings> {
  return request<ReviewSettings>('PUT', `/settings/review/users/${id(userId)}`, { body: { required } });
}

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

// --- Service levels (docs/sla.md) ---

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

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

// ---------- Canned answers and tracked links (docs/canned-answers.md) ----------

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

// --- Bulk actions (bulk.ts, BulkBar.tsx, UndoToast.tsx) ---

export type BulkActionName = 'assign' | 'add_label' | 'remove_label' | 'status' | 'team' | 'delete';

/** A conversation a bulk action left as it was, and why. */
export interface BulkSkip {
  id: number;
  /** not_found | forbidden | conflict | unchanged | failed */
  code: string;
  reason: string;
}

/** A bulk deletion that can still be undone, until expires_at. */
export interface BulkUndo {
  batch: number;
  deleted_at: string;
  expires_at: string;
  conversations: number;
}

export interface BulkResult {
  action: BulkActionName;
  affected: number;
  conversation_ids: number[];
  skipped: BulkSkip[];
  undo: BulkUndo | null;
}

/** Which conversations: these ids, or every one matching the list's filters (bulk.ts). */
export type BulkTarget = { ids: number[] } | { filter: ConversationQuery };

/** POST /conversations/bulk. `params` by action: user_id, label, status (+ snoozed_until), team_id. */
export function bulkAction(action: BulkActionName, target: BulkTarget, params: Record<string, unknown> = {}): Promise<BulkResult> {
  return request<BulkResult>('POST', '/conversations/bulk', { body: { action, ...target, params } });
}

/** GET /conversations/bulk/count: how many conversations the filters match (at most `limit`). */
export function countMatching(
  filter: ConversationQuery,
  signal?: AbortSignal,
): Promise<{ count: number; limit: number; over_limit: boolean }> {
  const params = new URLSearchParams(Object.entries(filter).map(([key, value]) => [key, String(value)]));
  return request('GET', `/conversations/bulk/count?${params.toString()}`, { signal });
}

/** POST /conversations/bulk/{batch}/undo: brings a bulk deletion back, within its window. */
export function undoBulkDelete(batch: number): Promise<{ restored: number; conversation_ids: number[] }> {
  return request('POST', `/conversations/bulk/${id(batch)}/undo`);
}
