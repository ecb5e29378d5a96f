-- Foundation schema: authors, contacts, conversations, posts with full-text index, users,
-- sessions and API tokens. Times are UTC microseconds since the Unix epoch.

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  email TEXT,
  phone TEXT,
  customer_number TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL,
  handle TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  followers INTEGER NOT NULL DEFAULT 0,
  url TEXT,
  contact_id INTEGER REFERENCES contacts(id),
  UNIQUE (network, handle)
);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'agent', 'lead', 'admin')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL,
  channel TEXT NOT NULL,
  -- Identifies the thread on its channel: the external id of its first known post, or
  -- 'dm:' + author handle for a private thread.
  root_key TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  priority INTEGER NOT NULL DEFAULT 0,
  team_id INTEGER REFERENCES teams(id),
  assignee_id INTEGER REFERENCES users(id),
  author_id INTEGER NOT NULL REFERENCES authors(id),
  private INTEGER NOT NULL DEFAULT 0,
  preview TEXT NOT NULL DEFAULT '',
  post_count INTEGER NOT NULL DEFAULT 0,
  first_post_at INTEGER NOT NULL,
  last_post_at INTEGER NOT NULL,
  UNIQUE (channel, root_key)
);
CREATE INDEX conversations_by_activity ON conversations (last_post_at, id);
CREATE INDEX conversations_by_status ON conversations (status, last_post_at, id);
CREATE INDEX conversations_by_network ON conversations (network, last_post_at, id);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  author_id INTEGER NOT NULL REFERENCES authors(id),
  network TEXT NOT NULL,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL,
  in_reply_to TEXT,
  url TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  private INTEGER NOT NULL DEFAULT 0,
  attachments TEXT,  -- JSON array, NULL when none.
  metrics TEXT,      -- JSON object, NULL when none.
  UNIQUE (channel, external_id)
);
CREATE INDEX posts_by_conversation ON posts (conversation_id, created_at);

-- The payload exactly as received, zstd-compressed, so posts can be re-analysed later.
CREATE TABLE post_payloads (
  post_id INTEGER PRIMARY KEY REFERENCES posts(id),
  payload BLOB NOT NULL
);

-- External-content full-text index over post text; diacritics folded (cafe finds café).
CREATE VIRTUAL TABLE posts_fts USING fts5(
  text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
