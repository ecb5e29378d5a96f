// Typed client for the Webcare HTTP API v1 (docs/api/README.md).
//
// The browser authenticates with the HttpOnly session cookie; every state-changing call carries
// the CSRF token returned by log-in or by GET /auth/session. A 401 from any call other than the
// log-in itself means the session is gone: the registered handler sends the user back to the
// log-in page.

import type { User } from './types';

export interface Session {
  user: User;
  /** Null when the caller used an API token rather than the session cookie. */
  csrf_token: string | null;
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

export const BASE = '/api/v1';

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** Called whenever a request (other than log-in) answers 401. */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

/** The token for the X-CSRF-Token header; null before log-in or with an API token. */
export function csrfHeader(): string | null {
  return csrfToken;
}

/** A 401: the session is gone, so forget its token and send the user to the log-in page. */
export function sessionEnded(): void {
  csrfToken = null;
  unauthenticatedHandler?.();
}

/** The body as JSON; null when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The ApiError for a refused request, from the server's {"error":{"code","message"}} when it sent one. */
export function errorFromBody(status: number, data: unknown, retryAfter: number | null = null): ApiError {
  const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return new ApiError(
    status,
    typeof err?.code === 'string' ? err.code : `HTTP_${status}`,
    typeof err?.message === 'string' ? err.message : '',
    retryAfter,
  );
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

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
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

  const data = parseJson(await response.text());

  if (!response.ok) {
    const apiError = errorFromBody(response.status, data, parseRetryAfter(response.headers.get('Retry-After')));
    if (response.status === 401 && !options.allow401) sessionEnded();
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

export function id(n: number): string {
  return encodeURIComponent(n);
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
