-- The open conversations by priority, for the inbox sorted by priority (the default sort of
-- many teams). Without it SQLite finds the open conversations through conversations_by_status
-- and sorts all of them for every page; with it a page is the first rows of this index.
-- SqliteStore::ListConversations names it (INDEXED BY) when the list is open conversations
-- by priority: the term below must stay exactly as the store writes its open filter.
CREATE INDEX conversations_open_by_priority ON conversations (priority, last_post_at, id)
  WHERE status IN ('new', 'open', 'waiting', 'snoozed');
