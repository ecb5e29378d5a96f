// The links of a conversation's replies that went out as short links, with how often each was
// clicked. Only counts and times exist: nothing about who clicked is kept (docs/canned-answers.md).

import type { TrackedLink } from './api';
import { RelativeTime } from './ConversationList';
import { exactTime, safeHref } from './format';
import { strings } from './strings';

export function TrackedLinks({ links, now }: { links: TrackedLink[]; now: number }) {
  const s = strings.canned;
  if (links.length === 0) return null;
  const clicks = links.reduce((sum, link) => sum + link.clicks, 0);
  return (
    <details class="tracked-links" id="tracked-links">
      <summary>
        <span class="tracked-links-title">{s.links}</span>
        <span class="muted small" id="tracked-links-summary">
          {s.linksSummary(links.length, clicks)}
        </span>
      </summary>
      <ul class="tracked-links-list">
        {links.map((link) => {
          const href = safeHref(link.url);
          return (
            <li key={link.id} class="tracked-link" data-code={link.code}>
              <span class="tracked-link-url">
                {/* User-written addresses are text; only http(s) ones become links. */}
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {link.url}
                  </a>
                ) : (
                  link.url
                )}
              </span>
              <span class="tracked-link-clicks" title={link.short_url ? `${s.shortLink} ${link.short_url}` : undefined}>
                {s.clicks(link.clicks)}
              </span>
              <span class="muted small">
                {link.last_clicked_at ? (
                  <>
                    {`${s.lastClick} `}
                    <RelativeTime iso={link.last_clicked_at} now={now} />
                  </>
                ) : (
                  <span title={exactTime(link.created_at)}>{s.neverClicked}</span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="muted small">{s.privacy}</p>
    </details>
  );
}
