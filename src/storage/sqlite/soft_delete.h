#pragma once
// Soft-deleted conversations in SQL (sqlite_bulk.cc): what hides their posts from search, and
// what the purge of a deleted conversation removes before the conversation itself, in order:
// every table whose rows hang off a conversation or one of its posts. Foreign keys are
// enforced on every connection (kConnectionPragmas), so a table left out here makes the purge
// fail rather than leave rows behind; sqlite_bulk_test.cc checks this list against the schema,
// so a migration that adds such a table without adding it here fails the tests.
// Included only inside storage/sqlite/.

#include <string_view>

namespace webcare::storage::sqlite {

// The ids of the posts of deleted (not yet purged) conversations, for `p.id NOT IN (...)`.
// Found through the small partial index conversations_deleted; empty almost always.
inline constexpr std::string_view kPostsOfDeletedConversations =
    "(SELECT dp.id FROM conversations dc JOIN posts dp ON dp.conversation_id = dc.id"
    " WHERE dc.deleted_at IS NOT NULL)";

struct PurgedRows {
  std::string_view table;
  std::string_view column;  // References parent(id).
  std::string_view parent;  // "conversations", "posts" or a table listed after this one.
  // Set the column to NULL instead of removing the row: the row belongs to another feature's
  // own clean-up (an attachment becomes an unattached upload, which is removed with its file
  // on disk by the uploads chore).
  bool detach = false;
};

// Children before their parents: a row is removed before what it references.
inline constexpr PurgedRows kPurgedRows[] = {
    {"post_streams", "post_id", "posts"},
    {"post_payloads", "post_id", "posts"},
    {"outbox", "post_id", "posts"},
    {"outbox", "conversation_id", "conversations"},
    {"attachments", "post_id", "posts", /*detach=*/true},
    {"reply_reviews", "post_id", "posts"},
    {"reply_reviews", "conversation_id", "conversations"},
    {"tracked_links", "post_id", "posts"},
    {"tracked_links", "conversation_id", "conversations"},
    {"conversation_labels", "conversation_id", "conversations"},
    {"conversation_streams", "conversation_id", "conversations"},
    {"conversation_experts", "conversation_id", "conversations"},
    {"notes", "conversation_id", "conversations"},
    {"notifications", "conversation_id", "conversations"},
    {"follow_ups", "conversation_id", "conversations"},
    {"escalations", "conversation_id", "conversations"},
    {"sla_timers", "conversation_id", "conversations"},
    {"sla_breaches", "conversation_id", "conversations"},
    {"events", "conversation_id", "conversations"},
};

}  // namespace webcare::storage::sqlite
