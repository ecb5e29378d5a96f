-- Files attached to replies, and four-eyes review of replies (a lead approves before a reply
-- leaves).

-- One row per upload. The bytes are on disk under attachments/<sha256> in the data folder; the
-- same content uploaded twice has two rows and one file. An upload belongs to its uploader
-- until it is attached to one reply; uploads never attached are removed after a day.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,        -- 64 lowercase hex digits.
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,    -- Sniffed from the content: image/png, image/jpeg, ... application/pdf.
  name TEXT NOT NULL,          -- The uploader's file name, sanitised.
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  post_id INTEGER REFERENCES posts(id)  -- NULL until attached to a reply.
);
CREATE INDEX attachments_by_sha256 ON attachments (sha256);
CREATE INDEX attachments_by_post ON attachments (post_id);
CREATE INDEX attachments_unattached ON attachments (created_at) WHERE post_id IS NULL;

-- A reply that needs a lead's approval before it is queued in the outbox. The reply itself is
-- an outbound post like any other; it gets its outbox row only when approved.
CREATE TABLE reply_reviews (
  post_id INTEGER PRIMARY KEY REFERENCES posts(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  status_after TEXT NOT NULL,      -- The conversation's status once the reply is approved.
  requested_at INTEGER NOT NULL,   -- When it was (last) sent for approval.
  reviewer_id INTEGER REFERENCES users(id),
  reviewed_at INTEGER,
  reason TEXT NOT NULL DEFAULT ''  -- Why it was rejected.
);
CREATE INDEX reply_reviews_by_state ON reply_reviews (state, requested_at);

-- Who needs approval: teams whose agents' replies do, and per-user overrides that win over
-- the team (1: always, e.g. a new agent; 0: never, e.g. a trusted senior agent).
CREATE TABLE team_review_settings (
  team_id INTEGER PRIMARY KEY REFERENCES teams(id),
  required INTEGER NOT NULL CHECK (required IN (0, 1))
);
CREATE TABLE user_review_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  required INTEGER NOT NULL CHECK (required IN (0, 1))
);
