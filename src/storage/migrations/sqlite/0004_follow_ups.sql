-- Follow-ups (tasks with a due time on a conversation, such as "call back tomorrow 10:00",
-- including call tasks made by escalating to phone) and escalations (to phone, to an expert,
-- to management/PR, with a reason).

CREATE TABLE follow_ups (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL CHECK (kind IN ('follow_up', 'call')),
  owner_id INTEGER NOT NULL REFERENCES users(id),  -- Reminded when due.
  created_by INTEGER NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',  -- For a call: the number to call.
  -- 'promise' when proposed from a promise detected in a reply and accepted by the agent.
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'promise', 'escalation')),
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
  created_at INTEGER NOT NULL,
  reminded_at INTEGER,   -- When the owner was told it is due.
  escalated_at INTEGER,  -- When the owner's leads were told it is overdue.
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users(id)
);
CREATE INDEX follow_ups_by_conversation ON follow_ups (conversation_id, id);
CREATE INDEX follow_ups_open_by_due ON follow_ups (due_at) WHERE state = 'open';
CREATE INDEX follow_ups_by_owner ON follow_ups (owner_id, state, due_at);

CREATE TABLE escalations (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'expert', 'management')),
  reason TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  ended_at INTEGER,  -- Set when the conversation is resolved or the escalation withdrawn.
  ended_by INTEGER REFERENCES users(id)
);
CREATE INDEX escalations_by_conversation ON escalations (conversation_id, id);
CREATE INDEX escalations_open ON escalations (conversation_id) WHERE ended_at IS NULL;
