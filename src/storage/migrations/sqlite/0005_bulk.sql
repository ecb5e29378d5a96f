-- Deleting conversations in bulk, undoably: a deleted conversation is first only hidden
-- (soft-deleted), so whoever deleted it can take it back for a short while; after that window a
-- chore purges it together with everything that hangs off it (storage/sqlite/sqlite_bulk.cc).

-- The conversations deleted by one action, restorable until expires_at and purged after it.
-- The row stays after the purge (without content) so a late undo is told what happened.
CREATE TABLE delete_batches (
  id INTEGER PRIMARY KEY,
  deleted_by INTEGER REFERENCES users(id),
  deleted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  conversations INTEGER NOT NULL DEFAULT 0,  -- How many the action deleted.
  restored_at INTEGER,
  restored_by INTEGER REFERENCES users(id),
  purged_at INTEGER
);
-- The purge chore looks only at batches that still wait for it.
CREATE INDEX delete_batches_waiting ON delete_batches (expires_at)
  WHERE restored_at IS NULL AND purged_at IS NULL;

-- Set while a conversation is deleted and not yet purged; every read treats it as gone.
ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;
ALTER TABLE conversations ADD COLUMN deleted_by INTEGER REFERENCES users(id);
ALTER TABLE conversations ADD COLUMN delete_batch INTEGER REFERENCES delete_batches(id);
-- Small (only deleted rows): search and the purge find the hidden conversations through it.
CREATE INDEX conversations_deleted ON conversations (delete_batch) WHERE deleted_at IS NOT NULL;

-- Foreign keys are enforced: removing a conversation makes SQLite look for rows that still
-- point at it in every referencing table, and the purge removes them by conversation first.
-- These two tables had no index on the column, so each look would read the whole table.
CREATE INDEX notifications_by_conversation ON notifications (conversation_id);
CREATE INDEX outbox_by_conversation ON outbox (conversation_id);
