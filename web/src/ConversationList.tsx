import type { Conversation } from './api';
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

export function ConversationList({ route, state, selected, now, onSelect, onLoadMore, onRetry }: Props) {
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
        <p>{filtered ? s.emptyFiltered : s.emptyInbox}</p>
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
          return (
            <li key={c.id}>
              <a
                class={`conv-row${index === selected ? ' is-selected' : ''}${open ? ' is-open' : ''}`}
                href={routeHash({ ...route, conversationId: c.id })}
                data-id={c.id}
                data-index={index}
                data-post-count={c.post_count}
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
                    <RelativeTime iso={c.last_post_at} now={now} />
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
                      <StatusPill status={c.status} />
                    </span>
                  </span>
                  <span class="conv-line conv-tags">
                    <PriorityBadge priority={c.priority} />
                    {c.sentiment && <SentimentTag label={c.sentiment} />}
                    {c.language && <LanguageTag code={c.language} />}
                    {(c.streams ?? []).map((stream) => (
                      <StreamChip key={stream.id} stream={stream} />
                    ))}
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
