// Bulk actions on many conversations at once (bulk.ts, BulkBar.tsx, UndoToast.tsx).

import { id, request } from './http';
import type { ConversationQuery } from './types';

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
