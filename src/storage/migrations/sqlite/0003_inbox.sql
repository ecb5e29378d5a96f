-- The inbox: who belongs to which team, who may answer which conversation, statuses with
-- their history, labels, internal notes with mentions, replies leaving through the outbox,
-- and the audit log.

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_by_user ON team_members (user_id, team_id);

-- Any employee can be asked to answer one conversation as an expert; they then see it.
CREATE TABLE conversation_experts (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX conversation_experts_by_user ON conversation_experts (user_id, conversation_id);

CREATE TABLE conversation_labels (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  label TEXT NOT NULL,
  PRIMARY KEY (conversation_id, label)
) WITHOUT ROWID;
CREATE INDEX conversation_labels_by_label ON conversation_labels (label, conversation_id);

-- A snoozed conversation wakes up (becomes open) at this time, or earlier on a new post.
ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;
CREATE INDEX conversations_by_assignee ON conversations (assignee_id, last_post_at, id);
CREATE INDEX conversations_by_team ON conversations (team_id, last_post_at, id);

-- Every change to a conversation, in commit order: its history, and the feed every open
-- screen follows (a client that reconnects asks for the events after the last seq it saw).
-- AUTOINCREMENT: a seq is never reused, even after the newest row is deleted.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  conversation_id INTEGER REFERENCES conversations(id),
  actor_id INTEGER REFERENCES users(id),  -- NULL: the customer or the system.
  data TEXT NOT NULL DEFAULT '{}'         -- JSON, by kind (docs/realtime.md).
);
CREATE INDEX events_by_conversation ON events (conversation_id, seq);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  mentions TEXT NOT NULL DEFAULT '[]',  -- JSON array of user ids.
  created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_conversation ON notes (conversation_id, id);

-- What a user must look at: a mention in a note, a conversation handed to them.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  conversation_id INTEGER REFERENCES conversations(id),
  actor_id INTEGER REFERENCES users(id),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);

-- Who wrote a reply in Webcare (NULL for posts that came in through a connector or import).
ALTER TABLE posts ADD COLUMN sent_by INTEGER REFERENCES users(id);

-- Replies on their way out. A reply is stored as an outbound post at once; this row tracks its
-- delivery: pending (waiting for its next attempt), delivered, or failed (gave up).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL UNIQUE REFERENCES posts(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- Every action of every user through the API: who, what, when, from which address.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  remote_address TEXT NOT NULL,
  action TEXT NOT NULL,   -- "POST /api/v1/conversations/{id}/claim"
  target TEXT NOT NULL,   -- "/api/v1/conversations/12/claim"
  status INTEGER NOT NULL -- The HTTP status of the answer.
);
CREATE INDEX audit_log_by_user ON audit_log (user_id, id);
