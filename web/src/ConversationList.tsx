import type { Conversation, Presence } from './api';
import { LanguageTag, PriorityBadge, SentimentTag, StreamChip } from './Analysis';
import {
  compactNumber,
  displayName,
  exactTime,
  firstLine,
  followersLabel,
  networkBadge,
  networkClass,
  networkLabel,
  relativeTime,
} from './format';
import { SlaChip } from './Sla';
import { strings } from './strings';
import type { Route } from './route';
import { hasFilters, routeHash, withoutFilters } from './route';

export interface ListState {
  items: Conversation[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  /** Failure of the whole list (not a search syntax error, which shows at the search box). */
  error: string | null;
  /** The server's message for a malformed query. */
  searchError: string | null;
  /** Failure of "Load more"; the loaded rows stay. */
  moreError: string | null;
}

interface Props {
  route: Route;
  state: ListState;
  selected: number;
  now: number;
  onSelect: (index: number) => void;
  onLoadMore: () => void;
  onRetry: () => void;
  /** The signed-in user (left out of the presence dots; "you" as assignee). */
  userId?: number;
  /** Colleagues who have a conversation open, by conversation id. */
  presence?: Map<number, Presence[]>;
  /** Names of users by id, for servers that send only the assignee's id. */
  names?: Map<number, string>;
  /** Rows selected for a bulk action (bulk.ts); with `onCheck`, each row gets a checkbox. */
  checked?: Set<number>;
  /** A row's checkbox was clicked; `range` when Shift was held. */
  onCheck?: (id: number, range: boolean) => void;
}

/** "Sanne Agent" → "SA". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]][0] ?? '';
  const last = parts.length > 1 ? [...parts[parts.length - 1]][0] ?? '' : '';
  return (first + last).toUpperCase();
}

export function Avatar({ name, you = false }: { name: string; you?: boolean }) {
  return (
    <span class={`avatar${you ? ' is-you' : ''}`} title={strings.list.assignee(you ? strings.list.you : name)}>
      <span aria-hidden="true">{initials(name)}</span>
      <span class="visually-hidden">{strings.list.assignee(you ? strings.list.you : name)}</span>
    </span>
  );
}

export function LabelChips({ labels }: { labels: string[] | undefined }) {
  if (!labels || labels.length === 0) return null;
  return (
    <>
      {labels.map((l) => (
        <span key={l} class="label-chip" title={strings.list.labelChip(l)}>
          {l}
        </span>
      ))}
    </>
  );
}

export function PresenceDots({ people, userId }: { people: Presence[] | undefined; userId?: number }) {
  const others = (people ?? []).filter((p) => p.user_id !== userId);
  if (others.length === 0) return null;
  const names = others.map((p) => p.name).join(', ');
  return (
    <span class="presence-dots" title={strings.list.presence(names)}>
      {others.slice(0, 3).map((p) => (
        <span key={p.user_id} class={`presence-dot${p.state === 'typing' ? ' is-typing' : ''}`} aria-hidden="true">
          {initials(p.name)}
        </span>
      ))}
      <span class="visually-hidden">{strings.list.presence(names)}</span>
    </span>
  );
}

export function NetworkBadge({ network }: { network: string }) {
  return (
    <span class={`net-badge ${networkClass(network)}`} title={networkLabel(network)} aria-hidden="true">
      {networkBadge(network)}
    </span>
  );
}

export function StatusPill({ status }: { status: string }) {
  const label = (strings.status as Record<string, string>)[status] ?? status;
  return <span class={`status-pill status-${status.replace(/[^a-z]/g, '')}`}>{label}</span>;
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}

export function ConversationList({
  route,
  state,
  selected,
  now,
  onSelect,
  onLoadMore,
  onRetry,
  userId,
  presence,
  names,
  checked,
  onCheck,
}: Props) {
  const s = strings.list;
  const filtered = hasFilters(route);

  if (state.loading && state.items.length === 0) {
    return (
      <div class="list-state" aria-busy="true">
        <ul class="skeleton" aria-hidden="true">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <li key={i}>
              <span class="sk sk-badge" />
              <span class="sk-lines">
                <span class="sk sk-line short" />
                <span class="sk sk-line" />
              </span>
            </li>
          ))}
        </ul>
        <p class="muted center" role="status">
          {s.loading}
        </p>
      </div>
    );
  }

  if (state.error) {
    return (
      <div class="list-state error-state" role="alert">
        <h2>{s.errorTitle}</h2>
        <p>{state.error}</p>
        <button type="button" class="button" onClick={onRetry}>
          {s.retry}
        </button>
      </div>
    );
  }

  if (state.searchError) {
    return (
      <div class="list-state empty-state">
        <p>{s.searchErrorHint}</p>
      </div>
    );
  }

  if (state.items.length === 0) {
    return (
      <div class="list-state empty-state">
        <h2>{s.emptyTitle}</h2>
        <p>{filtered ? s.emptyFiltered : (route.view && s.emptyView[route.view]) || s.emptyInbox}</p>
        {filtered && (
          <a class="button" href={routeHash(withoutFilters(route))}>
            {s.clearFilters}
          </a>
        )}
      </div>
    );
  }

  return (
    <>
      <ul class={`conv-list${state.loading ? ' is-refreshing' : ''}`} aria-label={s.label} aria-busy={state.loading}>
        {state.items.map((c, index) => {
          const name = displayName(c.author.name, c.author.handle);
          const open = route.conversationId === c.id;
          const preview = firstLine(c.preview);
          const assigneeId = c.assignee?.id ?? c.assignee_id ?? null;
          const assigneeName =
            assigneeId === null ? '' : c.assignee?.name || names?.get(assigneeId) || strings.conversation.someone;
          return (
            <li key={c.id} class={onCheck ? 'conv-item' : undefined}>
              {onCheck && (
                <input
                  type="checkbox"
                  class="conv-check"
                  checked={checked?.has(c.id) ?? false}
                  aria-label={strings.bulk.selectRow(name)}
                  onClick={(e) => onCheck(c.id, e.shiftKey)}
                />
              )}
              <a
                class={`conv-row${index === selected ? ' is-selected' : ''}${open ? ' is-open' : ''}`}
                href={routeHash({ ...route, conversationId: c.id })}
                data-id={c.id}
                data-index={index}
                data-post-count={c.post_count}
                data-status={c.status}
                data-assignee={assigneeId ?? ''}
                aria-current={open ? 'true' : undefined}
                onFocus={() => onSelect(index)}
                onClick={() => onSelect(index)}
              >
                <NetworkBadge network={c.network} />
                <span class="conv-body">
                  <span class="conv-line">
                    <span class="conv-author">
                      <span class="author-name">{name}</span>
                      {c.author.handle && c.author.handle !== name && (
                        <span class="author-handle">{c.author.handle}</span>
                      )}
                      {c.author.followers >= 1000 && (
                        <span class="followers" title={followersLabel(c.author.followers)}>
                          {compactNumber(c.author.followers)}
                        </span>
                      )}
                    </span>
                    <span class="conv-when">
                      <PresenceDots people={presence?.get(c.id)} userId={userId} />
                      <RelativeTime iso={c.last_post_at} now={now} />
                    </span>
                  </span>
                  <span class="conv-line">
                    <span class="conv-preview">
                      <span class="visually-hidden">{networkLabel(c.network)}: </span>
                      {c.private && (
                        <span class="private-tag" title={s.privateTitle}>
                          {s.privateBadge}
                        </span>
                      )}
                      {preview || <span class="muted">{strings.conversation.noText}</span>}
                    </span>
                    <span class="conv-meta">
                      {c.post_count > 1 && (
                        <span class="post-count" title={s.posts(c.post_count)}>
                          {c.post_count}
                        </span>
                      )}
                      {assigneeId !== null && <Avatar name={assigneeName} you={assigneeId === userId} />}
                      <StatusPill status={c.status} />
                    </span>
                  </span>
                  <span class="conv-line conv-tags">
                    {c.escalation && (
                      <span class="escalated-chip" title={c.escalation.reason}>
                        {strings.followUps.escalatedTo(strings.followUps.kinds[c.escalation.kind])}
                      </span>
                    )}
                    <SlaChip sla={c.sla} compact />
                    <PriorityBadge priority={c.priority} />
                    {c.sentiment && <SentimentTag label={c.sentiment} />}
                    {c.language && <LanguageTag code={c.language} />}
                    {(c.streams ?? []).map((stream) => (
                      <StreamChip key={stream.id} stream={stream} />
                    ))}
                    <LabelChips labels={c.labels} />
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
      <div class="list-footer">
        {state.moreError && (
          <p class="form-error" role="alert">
            {state.moreError}
          </p>
        )}
        {state.nextCursor ? (
          <button type="button" class="button" onClick={onLoadMore} disabled={state.loadingMore} aria-busy={state.loadingMore}>
            {state.loadingMore ? s.loadingMore : s.loadMore}
          </button>
        ) : (
          <p class="muted small">{s.endOfList}</p>
        )}
      </div>
    </>
  );
}
