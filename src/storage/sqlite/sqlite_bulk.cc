// Bulk writes: deleting conversations (soft delete in batches, undo within the batch's window,
// a new post bringing a deleted conversation back, the purge that removes them for good), and
// WriteTogether, which commits many writes at once.
//
// A deleted conversation keeps every row; only conversations.deleted_at marks it, and the
// reads (ConversationOn, ListConversations, CountViews, SearchPosts, ListDueDeliveries,
// WakeSnoozed) leave such rows out. Undo therefore restores it exactly as it was.

#include <thread>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "storage/sqlite/soft_delete.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

using nlohmann::json;

constexpr std::string_view kBatchColumns =
    "id, coalesce(deleted_by, 0), deleted_at, expires_at, conversations, coalesce(restored_at, 0),"
    " coalesce(purged_at, 0) FROM delete_batches";

DeleteBatch ReadBatch(const Statement& row) {
  return DeleteBatch{.id = row.Int(0),
                     .deleted_by = core::UserId(row.Int(1)),
                     .deleted_at = row.Int(2),
                     .expires_at = row.Int(3),
                     .conversations = row.Int(4),
                     .restored_at = row.Int(5),
                     .purged_at = row.Int(6)};
}

absl::StatusOr<DeleteBatch> BatchOn(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat("SELECT ", kBatchColumns, " WHERE id = ?")));
  query->Bind(1, id);
  ASSIGN_OR_RETURN(bool found, query->Step());
  if (!found) return absl::NotFoundError(base::StrCat("no deletion with batch number ", id));
  return ReadBatch(*query);
}

// `column IN (...)` for the rows of `table` that belong to the conversations in the JSON array
// bound to ?1, following kPurgedRows up to the conversations.
std::string BelongsToPurged(std::string_view table) {
  if (table == "conversations") return "(SELECT value FROM json_each(?1))";
  if (table == "posts") return "(SELECT id FROM posts WHERE conversation_id IN (SELECT value FROM json_each(?1)))";
  for (const PurgedRows& rows : kPurgedRows) {
    if (rows.table == table) {
      return base::StrCat("(SELECT id FROM ", rows.table, " WHERE ", rows.column, " IN ",
                          BelongsToPurged(rows.parent), ")");
    }
  }
  return "(SELECT NULL WHERE 0)";  // Unreachable: sqlite_bulk_test.cc checks every parent.
}

}  // namespace

absl::StatusOr<SoftDeleted> SqliteStore::SoftDeleteConversations(
    std::span<const core::ConversationId> ids, core::UserId by, base::Micros undo_window) {
  if (undo_window < 0) return absl::InvalidArgumentError("the undo window cannot be negative");
  const base::Micros now = clock_.NowMicros();
  SoftDeleted result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    result = SoftDeleted{};
    ASSIGN_OR_RETURN(auto open_batch, db.Prepare(
        "INSERT INTO delete_batches (deleted_by, deleted_at, expires_at) VALUES (?, ?, ?)"));
    if (by.valid()) open_batch->Bind(1, by.value()); else open_batch->BindNull(1);
    RETURN_IF_ERROR(open_batch->Bind(2, now).Bind(3, now + undo_window).Run());
    const int64_t batch = db.LastInsertRowId();
    for (const core::ConversationId id : ids) {
      // Who could see it, read before it is hidden: the hub decides with this who hears of the
      // deletion, since the conversation itself can no longer be read (realtime/hub.cc).
      ASSIGN_OR_RETURN(auto find, db.Prepare(
          "SELECT coalesce(team_id, 0), coalesce(assignee_id, 0),"
          " (SELECT json_group_array(user_id) FROM conversation_experts WHERE conversation_id = ?1)"
          " FROM conversations WHERE id = ?1 AND deleted_at IS NULL"));
      find->Bind(1, id.value());
      ASSIGN_OR_RETURN(bool found, find->Step());
      if (!found) {
        result.missing.push_back(id);
        continue;
      }
      const int64_t team = find->Int(0);
      const int64_t assignee = find->Int(1);
      json experts = json::parse(find->Text(2), nullptr, /*allow_exceptions=*/false);
      if (!experts.is_array()) experts = json::array();
      ASSIGN_OR_RETURN(auto hide, db.Prepare(
          "UPDATE conversations SET deleted_at = ?, deleted_by = ?, delete_batch = ? WHERE id = ?"));
      hide->Bind(1, now).Bind(3, batch).Bind(4, id.value());
      if (by.valid()) hide->Bind(2, by.value()); else hide->BindNull(2);
      RETURN_IF_ERROR(hide->Run());
      ASSIGN_OR_RETURN(result.seq,
                       AppendEvent(db, now, id,
                                   {.kind = "conversation.deleted",
                                    .actor = by,
                                    .data = json{{"batch", batch},
                                                 {"team", team != 0 ? json(team) : json(nullptr)},
                                                 {"assignee", assignee != 0 ? json(assignee) : json(nullptr)},
                                                 {"experts", std::move(experts)},
                                                 {"expires_at", base::FormatRfc3339(now + undo_window)}}
                                                .dump()}));
      result.deleted.push_back(id);
    }
    if (result.deleted.empty()) {
      // Nothing to undo: no batch either.
      ASSIGN_OR_RETURN(auto drop, db.Prepare("DELETE FROM delete_batches WHERE id = ?"));
      return drop->Bind(1, batch).Run();
    }
    ASSIGN_OR_RETURN(auto count, db.Prepare("UPDATE delete_batches SET conversations = ? WHERE id = ?"));
    RETURN_IF_ERROR(count->Bind(1, static_cast<int64_t>(result.deleted.size())).Bind(2, batch).Run());
    ASSIGN_OR_RETURN(result.batch, BatchOn(db, batch));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<DeleteBatch> SqliteStore::GetDeleteBatch(int64_t id) {
  ASSIGN_OR_RETURN(auto db, Read());
  return BatchOn(*db, id);
}

absl::StatusOr<Restored> SqliteStore::RestoreDeleteBatch(int64_t id, core::UserId by) {
  const base::Micros now = clock_.NowMicros();
  Restored result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    result = Restored{};
    ASSIGN_OR_RETURN(result.batch, BatchOn(db, id));
    if (result.batch.restored_at != 0) {
      return absl::FailedPreconditionError(base::StrCat(
          "this deletion was undone already, at ", base::FormatRfc3339(result.batch.restored_at)));
    }
    // The purge only takes batches whose window has closed, and both run under the write
    // lock: a batch this check lets through still has all its conversations.
    if (result.batch.purged_at != 0 || now >= result.batch.expires_at) {
      return absl::FailedPreconditionError(base::StrCat(
          "too late to undo: the time to undo this deletion ended at ",
          base::FormatRfc3339(result.batch.expires_at), "; the conversations are deleted for good"));
    }
    ASSIGN_OR_RETURN(auto members, db.Prepare(
        "SELECT id FROM conversations WHERE delete_batch = ? AND deleted_at IS NOT NULL ORDER BY id"));
    members->Bind(1, id);
    ASSIGN_OR_RETURN(std::vector<int64_t> restored,
                     CollectRows(*members, [](const Statement& row) { return row.Int(0); }));
    ASSIGN_OR_RETURN(auto bring_back, db.Prepare(
        "UPDATE conversations SET deleted_at = NULL, deleted_by = NULL, delete_batch = NULL"
        " WHERE delete_batch = ? AND deleted_at IS NOT NULL"));
    RETURN_IF_ERROR(bring_back->Bind(1, id).Run());
    for (const int64_t conversation : restored) {
      ASSIGN_OR_RETURN(result.seq, AppendEvent(db, now, core::ConversationId(conversation),
                                               {.kind = "conversation.restored",
                                                .actor = by,
                                                .data = json{{"batch", id}}.dump()}));
      result.restored.emplace_back(conversation);
    }
    ASSIGN_OR_RETURN(auto mark, db.Prepare(
        "UPDATE delete_batches SET restored_at = ?, restored_by = ? WHERE id = ?"));
    mark->Bind(1, now).Bind(3, id);
    if (by.valid()) mark->Bind(2, by.value()); else mark->BindNull(2);
    RETURN_IF_ERROR(mark->Run());
    ASSIGN_OR_RETURN(result.batch, BatchOn(db, id));
    return absl::OkStatus();
  }));
  return result;
}

absl::Status SqliteStore::RestoreOnNewPost(Connection& db, base::Micros at,
                                           core::ConversationId conversation) {
  // One primary-key update per conversation of an ingest batch; nothing else when it is not
  // deleted, which is almost always.
  ASSIGN_OR_RETURN(auto bring_back, db.Prepare(
      "UPDATE conversations SET deleted_at = NULL, deleted_by = NULL, delete_batch = NULL"
      " WHERE id = ? AND deleted_at IS NOT NULL"));
  RETURN_IF_ERROR(bring_back->Bind(1, conversation.value()).Run());
  if (db.Changes() == 0) return absl::OkStatus();
  return AppendEvent(db, at, conversation,
                     {.kind = "conversation.restored", .data = R"({"reason":"new_post"})"})
      .status();
}

absl::Status SqliteStore::WriteTogether(const std::function<absl::Status()>& body) {
  if (together_thread_.load() == std::this_thread::get_id()) {
    // Already together: this is one more write of the same transaction.
    return WriteNested([&](Connection&) { return body(); });
  }
  std::lock_guard lock(write_mutex_);
  const auto started = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  together_thread_.store(std::this_thread::get_id());
  absl::Status status = body();
  together_thread_.store(std::thread::id());
  if (status.ok()) status = writer_->Exec("COMMIT");
  if (status.ok()) {
    CountCommit(1);
  } else {
    (void)writer_->Exec("ROLLBACK");
    author_cache_.clear();  // Ids handed out inside the rolled-back transaction are gone.
  }
  RecordTransactionTime(started);
  return status;
}

absl::Status SqliteStore::WriteNested(const std::function<absl::Status(Connection&)>& body) {
  // Savepoints nest by name; each write undoes only its own changes when it fails.
  RETURN_IF_ERROR(writer_->Exec("SAVEPOINT nested_write"));
  absl::Status status = body(*writer_);
  if (status.ok()) {
    status = writer_->Exec("RELEASE nested_write");
    if (status.ok()) return status;
  }
  (void)writer_->Exec("ROLLBACK TO nested_write");
  (void)writer_->Exec("RELEASE nested_write");
  author_cache_.clear();
  return status;
}

absl::StatusOr<int64_t> SqliteStore::PurgeDeleted(base::Micros now, int limit) {
  if (limit < 1 || limit > 10'000) return absl::InvalidArgumentError("limit must be from 1 to 10000");
  int64_t purged = 0;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    // From the few waiting batches to their conversations (CROSS JOIN keeps that order, and
    // the terms match the partial indexes of 0005_bulk.sql): the other way round this read
    // every conversation in the inbox each round.
    ASSIGN_OR_RETURN(auto due, db.Prepare(
        "SELECT c.id FROM delete_batches b CROSS JOIN conversations c ON c.delete_batch = b.id"
        " WHERE b.restored_at IS NULL AND b.purged_at IS NULL AND b.expires_at <= ?"
        " AND c.deleted_at IS NOT NULL ORDER BY c.id LIMIT ?"));
    due->Bind(1, now).Bind(2, limit);
    ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                     CollectRows(*due, [](const Statement& row) { return row.Int(0); }));
    purged = static_cast<int64_t>(ids.size());
    // SQLite numbers a new conversation max(id) + 1, so removing the newest one would hand its
    // id to the next: a link, a bookmark or a notification naming the purged conversation
    // would open a stranger's. The newest id therefore stays taken by an empty hidden row (a
    // husk: no posts, no text, a root key nothing matches, no batch) until a newer
    // conversation exists; a later purge removes it then.
    ASSIGN_OR_RETURN(auto newest_query, db.Prepare("SELECT coalesce(max(id), 0) FROM conversations"));
    ASSIGN_OR_RETURN(bool row, newest_query->Step());
    const int64_t newest = row ? newest_query->Int(0) : 0;
    ASSIGN_OR_RETURN(auto husks, db.Prepare(
        "SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND delete_batch IS NULL AND id < ?"));
    husks->Bind(1, newest);
    ASSIGN_OR_RETURN(std::vector<int64_t> old_husks,
                     CollectRows(*husks, [](const Statement& row) { return row.Int(0); }));
    ids.insert(ids.end(), old_husks.begin(), old_husks.end());
    if (!ids.empty()) {
      const std::string id_list = json(ids).dump();
      for (const PurgedRows& rows : kPurgedRows) {
        // Table and column names are constants (soft_delete.h); the ids are bound.
        ASSIGN_OR_RETURN(auto remove, db.Prepare(base::StrCat(
            rows.detach ? base::StrCat("UPDATE ", rows.table, " SET ", rows.column, " = NULL")
                        : base::StrCat("DELETE FROM ", rows.table),
            " WHERE ", rows.column, " IN ", BelongsToPurged(rows.parent))));
        RETURN_IF_ERROR(remove->Bind(1, id_list).Run());
      }
      // posts_fts follows through its delete trigger (0001_initial.sql).
      ASSIGN_OR_RETURN(auto posts, db.Prepare(base::StrCat(
          "DELETE FROM posts WHERE id IN ", BelongsToPurged("posts"))));
      RETURN_IF_ERROR(posts->Bind(1, id_list).Run());
      ASSIGN_OR_RETURN(auto conversations, db.Prepare(
          "DELETE FROM conversations WHERE id IN (SELECT value FROM json_each(?1)) AND id <> ?2"));
      RETURN_IF_ERROR(conversations->Bind(1, id_list).Bind(2, newest).Run());
      ASSIGN_OR_RETURN(auto husk, db.Prepare(
          "UPDATE conversations SET delete_batch = NULL, deleted_by = NULL, assignee_id = NULL,"
          " team_id = NULL, preview = '', post_count = 0, root_key = 'purged:' || id"
          " WHERE id = ?2 AND id IN (SELECT value FROM json_each(?1))"));
      RETURN_IF_ERROR(husk->Bind(1, id_list).Bind(2, newest).Run());
    }
    // A batch is done when none of its conversations waits any more (new posts may have
    // brought some back meanwhile).
    ASSIGN_OR_RETURN(auto done, db.Prepare(
        "UPDATE delete_batches SET purged_at = ?1 WHERE restored_at IS NULL AND purged_at IS NULL"
        " AND expires_at <= ?1 AND NOT EXISTS (SELECT 1 FROM conversations c"
        " WHERE c.delete_batch = delete_batches.id AND c.deleted_at IS NOT NULL)"));
    return done->Bind(1, now).Run();
  }));
  return purged;
}

}  // namespace webcare::storage::sqlite
