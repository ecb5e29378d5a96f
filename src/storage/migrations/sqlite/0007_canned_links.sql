-- Canned answers and tracked links (docs/canned-answers.md).

-- Ready-made replies with {{ variables }}, for one team or (team_id NULL) for everyone.
CREATE TABLE canned_answers (
  id INTEGER PRIMARY KEY,
  team_id INTEGER REFERENCES teams(id),
  title TEXT NOT NULL,
  shortcut TEXT NOT NULL,  -- Lower case, so the unique index below ignores case.
  body TEXT NOT NULL,
  network TEXT,            -- NULL: offered on every network.
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  usage_count INTEGER NOT NULL DEFAULT 0,
  last_used_at INTEGER
);
-- One shortcut per team, and one among the company-wide answers (a NULL team would make every
-- row distinct in a plain unique index, hence the coalesce).
CREATE UNIQUE INDEX canned_answers_by_shortcut ON canned_answers (coalesce(team_id, 0), shortcut);

-- The links of replies, each replaced by <public URL>/l/<code>. Only counts and times are
-- kept: no address, browser or cookie of whoever clicked. The CHECK keeps anything but web
-- addresses (javascript:, data:, ...) out, whatever the code above it does.
CREATE TABLE tracked_links (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  post_id INTEGER REFERENCES posts(id),  -- The reply that first carried it.
  url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  clicks INTEGER NOT NULL DEFAULT 0,
  first_clicked_at INTEGER,
  last_clicked_at INTEGER
);
CREATE INDEX tracked_links_by_conversation ON tracked_links (conversation_id, id);
CREATE INDEX tracked_links_by_post ON tracked_links (post_id);
