-- Indexes for the inbox lists that read far more rows than they show (bench/README.md,
-- "Inbox"; docs/performance.md). On a large inbox an agent has thousands of conversations, a
-- few hundred of them open, and a label is on tens of thousands: walking those by recency and
-- checking each row's status or label read a page of the table per row, which on a cold page
-- cache took up to a second for one list of 50.

-- One person's conversations in one status, or in the open ones: "Mine" and its status tabs.
-- SqliteStore::ListConversations names it (INDEXED BY) for those lists.
CREATE INDEX conversations_by_assignee_status ON conversations (assignee_id, status, last_post_at, id);

-- A label's conversations by recency. conversation_labels keeps a copy of its conversation's
-- recency and whether it is open, so a list filtered on a label walks the label's own index
-- in the list's order and stops after a page, instead of gathering every conversation with
-- the label and sorting them. The triggers below keep the copy exact; nothing else writes it.
ALTER TABLE conversation_labels ADD COLUMN last_post_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation_labels ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
UPDATE conversation_labels SET (last_post_at, open) = (
  SELECT c.last_post_at, c.status IN ('new', 'open', 'waiting', 'snoozed')
  FROM conversations c WHERE c.id = conversation_labels.conversation_id);

CREATE TRIGGER conversation_labels_copy_conversation AFTER INSERT ON conversation_labels
BEGIN
  UPDATE conversation_labels SET (last_post_at, open) = (
    SELECT c.last_post_at, c.status IN ('new', 'open', 'waiting', 'snoozed')
    FROM conversations c WHERE c.id = NEW.conversation_id)
  WHERE conversation_id = NEW.conversation_id AND label = NEW.label;
END;

CREATE TRIGGER conversations_update_labels AFTER UPDATE OF last_post_at, status ON conversations
BEGIN
  UPDATE conversation_labels
  SET last_post_at = NEW.last_post_at, open = NEW.status IN ('new', 'open', 'waiting', 'snoozed')
  WHERE conversation_id = NEW.id;
END;

-- The store's label lists name these (INDEXED BY); the open one's term must stay exactly as
-- the store writes it. They also answer every lookup by label, which the index of 0003 did.
DROP INDEX conversation_labels_by_label;
CREATE INDEX conversation_labels_by_recency ON conversation_labels (label, last_post_at, conversation_id);
CREATE INDEX conversation_labels_open_by_recency ON conversation_labels (label, last_post_at, conversation_id)
  WHERE open = 1;

-- The streams a conversation's posts matched, for its row in every list and for the stream
-- filter. Read from the posts, that cost a lookup per post of every listed conversation:
-- thousands for a page of long threads. The triggers keep it exact; posts never move to
-- another conversation, so a post's stream matches are all that can change it.
CREATE TABLE conversation_streams (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  stream_id INTEGER NOT NULL REFERENCES streams(id),
  PRIMARY KEY (conversation_id, stream_id)
) WITHOUT ROWID;
CREATE INDEX conversation_streams_by_stream ON conversation_streams (stream_id, conversation_id);
INSERT OR IGNORE INTO conversation_streams (conversation_id, stream_id)
  SELECT p.conversation_id, ps.stream_id FROM post_streams ps JOIN posts p ON p.id = ps.post_id;

CREATE TRIGGER post_streams_add_to_conversation AFTER INSERT ON post_streams
BEGIN
  INSERT OR IGNORE INTO conversation_streams (conversation_id, stream_id)
    SELECT conversation_id, NEW.stream_id FROM posts WHERE id = NEW.post_id;
END;

-- A stream leaves a conversation with the last of its posts that matched it.
CREATE TRIGGER post_streams_remove_from_conversation AFTER DELETE ON post_streams
BEGIN
  DELETE FROM conversation_streams
  WHERE conversation_id = (SELECT conversation_id FROM posts WHERE id = OLD.post_id)
    AND stream_id = OLD.stream_id
    AND NOT EXISTS (SELECT 1 FROM posts p JOIN post_streams ps ON ps.post_id = p.id
                    WHERE p.conversation_id = conversation_streams.conversation_id
                      AND ps.stream_id = OLD.stream_id);
END;
