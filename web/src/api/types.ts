// The domain types shared by every area of the API: users, posts, conversations and what the
// listening engine says about them.

import type { EscalationKind } from './followUps';
import type { Review } from './review';
import type { ConversationSla } from './sla';
import type { TrackedLink } from './canned';

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

/** Why a user is told (docs/api: Notification.kind). */
export type NotificationKind =
  | 'mention'
  | 'assigned'
  | 'escalation'
  | 'approval_requested'
  | 'reply_rejected'
  | 'follow_up.assigned'
  | 'follow_up.due'
  | 'follow_up.overdue'
  | 'sla_warning'
  | 'sla_breached';

export interface Notification {
  id: number;
  kind: NotificationKind;
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

export interface Team {
  id: number;
  name: string;
}

export type ConversationSort = 'recent' | 'priority' | 'sla';

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
