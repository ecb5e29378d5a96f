-- The listening engine: what the analysis pipeline concluded about each post, the standing
-- streams ("aandachtsgebieden") it matched, and the routing rules admins edit.

ALTER TABLE posts ADD COLUMN analysed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN language_confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN sentiment_score REAL NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN sentiment_label TEXT NOT NULL DEFAULT '';
-- JSON array of {token, contribution, rule, source}; NULL before analysis.
ALTER TABLE posts ADD COLUMN sentiment_explanation TEXT;
ALTER TABLE posts ADD COLUMN intent TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN is_question INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN has_link INTEGER NOT NULL DEFAULT 0;
-- ' #storing @ovpas ': hashtags and mentions, searched with instr() (analysis/query/fts5.h).
ALTER TABLE posts ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN team_id INTEGER REFERENCES teams(id);
-- JSON array of {code, text, points}: why the post got its priority and team.
ALTER TABLE posts ADD COLUMN reasons TEXT;

-- A customer's worth to the company, 0..100, set by the CRM; feeds the priority.
ALTER TABLE contacts ADD COLUMN customer_value INTEGER NOT NULL DEFAULT 0;

-- A conversation shows the language of its first post and the sentiment of its latest
-- inbound post, so the inbox can filter without reading posts.
ALTER TABLE conversations ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN sentiment_label TEXT NOT NULL DEFAULT '';
-- When the customer last wrote; NULL while only the team has written.
ALTER TABLE conversations ADD COLUMN last_inbound_at INTEGER;

-- Repeat contact: an author's earlier inbound posts in the last days, counted from the index
-- alone (direction in the key keeps a brand account's thousands of replies out of the range).
CREATE INDEX posts_by_author ON posts (author_id, direction, created_at);
CREATE INDEX conversations_by_priority ON conversations (priority, last_post_at, id);

CREATE TABLE streams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  query TEXT NOT NULL,
  owner_team_id INTEGER REFERENCES teams(id),
  colour TEXT NOT NULL DEFAULT '#64748b',
  priority_weight INTEGER NOT NULL DEFAULT 0 CHECK (priority_weight BETWEEN -100 AND 100),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The streams a post matched when it came in. A stream edited later is not re-applied to
-- posts already stored (docs/query-language.md).
CREATE TABLE post_streams (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  stream_id INTEGER NOT NULL REFERENCES streams(id),
  PRIMARY KEY (post_id, stream_id)
) WITHOUT ROWID;
CREATE INDEX post_streams_by_stream ON post_streams (stream_id, post_id);

-- Small settings documents, JSON by key: 'routing_rules'.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
