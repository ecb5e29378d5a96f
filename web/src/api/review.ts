// Attachments on replies and the four-eyes review of replies (api_attachments.cc).

import { ApiError, BASE, csrfHeader, errorFromBody, id, parseJson, request, sessionEnded } from './http';
import { normaliseConversation } from './conversations';
import type { Conversation, PersonRef, Post } from './types';

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
    const csrfToken = csrfHeader();
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((data as { attachment: UploadedAttachment }).attachment);
        return;
      }
      if (xhr.status === 401) sessionEnded();
      reject(errorFromBody(xhr.status, data));
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
