// The live feed: one WebSocket to GET /api/v1/realtime (same origin, session cookie).
//
// The server sends {"type":"hello","seq":N} first, then events in commit order. The client keeps
// the last seq it saw; after a disconnect it reconnects with backoff (0.5 s, 1 s, 2 s … 10 s)
// and asks for `?since=<last seq>`, so the events it missed follow the hello. An event with a
// seq it has already seen is dropped, so nothing is applied twice. {"type":"resync"} means it
// fell too far behind: the screens reload what they show.
//
// Client → server: presence ("viewing" when a conversation opens, "typing" at most every 2 s
// while the composer changes, "left" when it closes) and a ping every 25 s. The presence of
// the open conversation is sent again after every reconnect (the server forgot it).

import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { normaliseConversation, type Conversation, type Notification, type PersonRef, type Presence } from './api';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface RealtimeEvent {
  type: 'event';
  seq: number;
  kind: string;
  conversation_id: number | null;
  actor: PersonRef | null;
  at: string;
  data: Record<string, unknown>;
  conversation: Conversation | null;
}

export interface PresenceMessage {
  type: 'presence';
  conversation_id: number;
  people: Presence[];
}

export type NotificationMessage = { type: 'notification' } & Notification;

/** A change (of team or assignee) took a conversation out of this user's sight. */
export interface OutOfSightMessage {
  type: 'out_of_sight';
  seq: number;
  conversation_id: number;
}

export type RealtimeMessage =
  | RealtimeEvent
  | PresenceMessage
  | NotificationMessage
  | OutOfSightMessage
  | { type: 'resync' }
  | { type: 'hello'; seq: number };

type Listener = (message: RealtimeMessage) => void;
type StateListener = (state: ConnectionState) => void;

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10000];
const PING_MS = 25_000;
const TYPING_EVERY_MS = 2_000;
/** After this long without a key press "typing" turns back into "viewing". */
const TYPING_IDLE_MS = 5_000;

export class RealtimeClient {
  private socket: WebSocket | null = null;
  private lastSeq = 0;
  private attempt = 0;
  private stopped = true;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private idleTimer: number | undefined;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<StateListener>();
  private state: ConnectionState = 'connecting';
  /** The conversation this screen has open, and what the user is doing in it. */
  private presence: { conversationId: number; state: 'viewing' | 'typing' } | null = null;
  private lastTypingSent = 0;
  /** Latest presence per conversation, as the server last told it. */
  readonly presenceByConversation = new Map<number, Presence[]>();

  constructor(private readonly url: string = RealtimeClient.defaultUrl()) {}

  static defaultUrl(): string {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${window.location.host}/api/v1/realtime`;
  }

  get connection(): ConnectionState {
    return this.state;
  }

  /** The newest seq seen (0 before the first hello). */
  get seq(): number {
    return this.lastSeq;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.idleTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.close(1000);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The user opened a conversation (or reopened it after a reload). */
  viewing(conversationId: number): void {
    window.clearTimeout(this.idleTimer);
    this.presence = { conversationId, state: 'viewing' };
    this.lastTypingSent = 0;
    this.send({ type: 'presence', conversation_id: conversationId, state: 'viewing' });
  }

  /** The composer changed: "typing", at most every 2 s; back to "viewing" when it stops. */
  typing(conversationId: number): void {
    const now = Date.now();
    if (this.presence?.conversationId !== conversationId) this.presence = { conversationId, state: 'viewing' };
    this.presence.state = 'typing';
    if (now - this.lastTypingSent >= TYPING_EVERY_MS) {
      this.lastTypingSent = now;
      this.send({ type: 'presence', conversation_id: conversationId, state: 'typing' });
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      if (this.presence?.conversationId === conversationId && this.presence.state === 'typing') this.viewing(conversationId);
    }, TYPING_IDLE_MS);
  }

  /** The user closed the conversation. */
  left(conversationId: number): void {
    window.clearTimeout(this.idleTimer);
    if (this.presence?.conversationId === conversationId) this.presence = null;
    this.send({ type: 'presence', conversation_id: conversationId, state: 'left' });
  }

  private send(message: unknown): void {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of [...this.stateListeners]) l(state);
  }

  private emit(message: RealtimeMessage): void {
    for (const l of [...this.listeners]) {
      try {
        l(message);
      } catch (e) {
        console.error(e);
      }
    }
  }

  private open(): void {
    if (this.stopped) return;
    const url = this.lastSeq > 0 ? `${this.url}?since=${this.lastSeq}` : this.url;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      window.clearInterval(this.pingTimer);
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows.
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setState('reconnecting');
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.open(), delay);
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: { type?: unknown; seq?: unknown };
    try {
      message = JSON.parse(raw) as { type?: unknown; seq?: unknown };
    } catch {
      return;
    }
    this.handle(message);
  }

  /** One server message; a batch is its messages, each handled in order. */
  private handle(message: { type?: unknown; seq?: unknown; messages?: unknown }): void {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'batch':
        if (Array.isArray(message.messages)) {
          for (const inner of message.messages) this.handle(inner as { type?: unknown; seq?: unknown });
        }
        break;
      case 'hello': {
        this.attempt = 0;
        const seq = typeof message.seq === 'number' ? message.seq : 0;
        // The first hello sets the starting point; after a reconnect the missed events follow.
        if (this.lastSeq === 0 || seq < this.lastSeq) this.lastSeq = seq;
        this.setState('live');
        window.clearInterval(this.pingTimer);
        this.pingTimer = window.setInterval(() => this.send({ type: 'ping' }), PING_MS);
        if (this.presence) {
          this.send({ type: 'presence', conversation_id: this.presence.conversationId, state: this.presence.state });
        }
        this.emit({ type: 'hello', seq });
        break;
      }
      case 'event': {
        const event = message as unknown as RealtimeEvent;
        if (typeof event.seq !== 'number' || event.seq <= this.lastSeq) return; // seen already
        this.lastSeq = event.seq;
        this.emit({
          ...event,
          data: event.data && typeof event.data === 'object' ? event.data : {},
          conversation: event.conversation ? normaliseConversation(event.conversation) : null,
        });
        break;
      }
      case 'out_of_sight': {
        // It takes the place of an event in the order, so it moves the last seq the same way.
        const gone = message as unknown as OutOfSightMessage;
        if (typeof gone.seq !== 'number' || gone.seq <= this.lastSeq) return;
        if (typeof gone.conversation_id !== 'number') return;
        this.lastSeq = gone.seq;
        this.emit({ type: 'out_of_sight', seq: gone.seq, conversation_id: gone.conversation_id });
        break;
      }
      case 'presence': {
        const p = message as unknown as PresenceMessage;
        if (typeof p.conversation_id !== 'number') return;
        const people = Array.isArray(p.people) ? p.people : [];
        if (people.length === 0) this.presenceByConversation.delete(p.conversation_id);
        else this.presenceByConversation.set(p.conversation_id, people);
        this.emit({ type: 'presence', conversation_id: p.conversation_id, people });
        break;
      }
      case 'notification':
        this.emit(message as unknown as NotificationMessage);
        break;
      case 'resync':
        this.emit({ type: 'resync' });
        break;
      default:
        break; // pong and anything newer
    }
  }
}


/** The screen's one realtime client (null before sign-in). */
export const Realtime = createContext<RealtimeClient | null>(null);

export function useRealtime(): RealtimeClient | null {
  return useContext(Realtime);
}

export function useConnectionState(client: RealtimeClient | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>(client?.connection ?? 'connecting');
  useEffect(() => {
    if (!client) return undefined;
    setState(client.connection);
    return client.onState(setState);
  }, [client]);
  return state;
}
