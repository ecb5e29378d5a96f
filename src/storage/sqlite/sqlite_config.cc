// Streams, teams, settings and author history of the SQLite store: the configuration the
// analysis pipeline runs with and the facts it reads.

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "base/status.h"
#include "base/strings.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

// Recent posts are counted up to this many: routing caps repeat contact far below it, and the
// cap bounds the cost for an author who posts all day.
constexpr int64_t kMaxRecentPosts = 100;

constexpr std::string_view kStreamColumns =
    "id, name, query, owner_team_id, colour, priority_weight, active, created_at, updated_at";

core::Stream ReadStream(const Statement& row) {
  return core::Stream{.id = core::StreamId(row.Int(0)),
                      .name = row.Text(1),
                      .query = row.Text(2),
                      .owner_team = core::TeamId(row.Int(3)),
                      .colour = row.Text(4),
                      .priority_weight = static_cast<int>(row.Int(5)),
                      .active = row.Int(6) != 0,
                      .created_at = row.Int(7),
                      .updated_at = row.Int(8)};
}

absl::Status NameTaken(const core::Stream& stream) {
  return absl::AlreadyExistsError(base::StrCat("a stream named \"", stream.name, "\" exists"));
}

// Binds the editable fields of `stream` as ?1 name, ?2 query, ?3 owner team (NULL for none),
// ?4 colour, ?5 priority weight, ?6 active, for both INSERT and UPDATE.
void BindStreamFields(Statement& statement, const core::Stream& stream) {
  statement.Bind(1, stream.name).Bind(2, stream.query).Bind(4, stream.colour)
      .Bind(5, stream.priority_weight).Bind(6, stream.active ? 1 : 0);
  if (stream.owner_team.valid()) {
    statement.Bind(3, stream.owner_team.value());
  } else {
    statement.BindNull(3);
  }
}

}  // namespace

absl::StatusOr<std::vector<AuthorHistory>> SqliteStore::AuthorHistories(
    std::span<const core::NewPost> posts, base::Micros window) {
  std::vector<AuthorHistory> histories(posts.size());
  std::lock_guard lock(history_mutex_);
  if (history_reader_ == nullptr) {
    ASSIGN_OR_RETURN(history_reader_, Connection::Open(options_.path, /*read_only=*/true));
    if (absl::Status ready = history_reader_->Exec(kConnectionPragmas); !ready.ok()) {
      history_reader_.reset();
      return ready;
    }
  }
  Connection* db = history_reader_.get();
  // Authors looked up once per batch: their id and customer value.
  struct KnownAuthor {
    int64_t id = 0;
    int customer_value = 0;
  };
  absl::flat_hash_map<std::string, KnownAuthor> authors;
  // Inbound posts of this batch per author, to count the batch's own earlier posts.
  absl::flat_hash_map<std::string, std::vector<base::Micros>> batch_posts;
  for (size_t i = 0; i < posts.size(); ++i) {
    const core::NewPost& post = posts[i];
    std::string key = base::StrCat(post.author.network, "\n", post.author.handle);
    auto known = authors.find(key);
    if (known == authors.end()) {
      ASSIGN_OR_RETURN(auto find, db->Prepare(
          "SELECT a.id, coalesce(c.customer_value, 0) FROM authors a"
          " LEFT JOIN contacts c ON c.id = a.contact_id WHERE a.network = ? AND a.handle = ?"));
      find->Bind(1, post.author.network).Bind(2, post.author.handle);
      ASSIGN_OR_RETURN(bool found, find->Step());
      KnownAuthor entry;
      if (found) entry = {find->Int(0), static_cast<int>(find->Int(1))};
      known = authors.emplace(key, entry).first;
    }
    AuthorHistory& history = histories[i];
    history.customer_value = known->second.customer_value;
    // The team's own posts are not routed, so their history is never asked for; skipping
    // them keeps a brand account's replies from costing a count each.
    if (post.direction != core::Direction::kInbound) continue;
    const base::Micros since = post.created_at - window;
    if (known->second.id != 0) {
      ASSIGN_OR_RETURN(auto count, db->Prepare(
          "SELECT count(*) FROM (SELECT 1 FROM posts WHERE author_id = ? AND direction = 'inbound'"
          " AND created_at >= ? AND created_at < ? LIMIT ?)"));
      count->Bind(1, known->second.id).Bind(2, since).Bind(3, post.created_at)
          .Bind(4, kMaxRecentPosts);
      ASSIGN_OR_RETURN(bool row, count->Step());
      if (row) history.recent_posts = count->Int(0);
    }
    std::vector<base::Micros>& earlier = batch_posts[key];
    for (const base::Micros at : earlier) {
      if (at >= since && at < post.created_at) ++history.recent_posts;
    }
    history.recent_posts = std::min(history.recent_posts, kMaxRecentPosts);
    earlier.push_back(post.created_at);
  }
  return histories;
}

absl::StatusOr<std::vector<core::Stream>> SqliteStore::ListStreams() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kStreamColumns, " FROM streams ORDER BY name, id")));
  return CollectRows(*query, ReadStream);
}

absl::StatusOr<core::Stream> SqliteStore::GetStream(core::StreamId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kStreamColumns, " FROM streams WHERE id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("stream ", id.value(), " not found"));
  return ReadStream(*query);
}

absl::StatusOr<core::Stream> SqliteStore::CreateStream(const core::Stream& stream) {
  core::Stream created = stream;
  created.created_at = created.updated_at = clock_.NowMicros();
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, stream.owner_team));
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO streams (name, query, owner_team_id, colour, priority_weight, active,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    BindStreamFields(*insert, stream);
    insert->Bind(7, created.created_at).Bind(8, created.updated_at);
    const absl::Status inserted = insert->Run();
    if (absl::IsAlreadyExists(inserted)) return NameTaken(stream);
    RETURN_IF_ERROR(inserted);
    created.id = core::StreamId(db.LastInsertRowId());
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<core::Stream> SqliteStore::UpdateStream(const core::Stream& stream) {
  core::Stream updated = stream;
  updated.updated_at = clock_.NowMicros();
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(CheckTeam(db, stream.owner_team));
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE streams SET name = ?1, query = ?2, owner_team_id = ?3, colour = ?4,"
        " priority_weight = ?5, active = ?6, updated_at = ?7 WHERE id = ?8 RETURNING created_at"));
    BindStreamFields(*update, stream);
    update->Bind(7, updated.updated_at).Bind(8, stream.id.value());
    const absl::StatusOr<bool> row = update->Step();
    if (absl::IsAlreadyExists(row.status())) return NameTaken(stream);
    RETURN_IF_ERROR(row.status());
    if (!*row) return absl::NotFoundError(base::StrCat("stream ", stream.id.value(), " not found"));
    updated.created_at = update->Int(0);
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status SqliteStore::DeleteStream(core::StreamId id) {
  return Write([&](Connection& db) -> absl::Status {
    // The conversations' copy first: the trigger on post_streams then finds nothing left to
    // check per removed match (migration 0010).
    ASSIGN_OR_RETURN(auto leave, db.Prepare("DELETE FROM conversation_streams WHERE stream_id = ?"));
    RETURN_IF_ERROR(leave->Bind(1, id.value()).Run());
    ASSIGN_OR_RETURN(auto forget, db.Prepare("DELETE FROM post_streams WHERE stream_id = ?"));
    RETURN_IF_ERROR(forget->Bind(1, id.value()).Run());
    ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM streams WHERE id = ?"));
    RETURN_IF_ERROR(remove->Bind(1, id.value()).Run());
    if (db.Changes() == 0) return absl::NotFoundError(base::StrCat("stream ", id.value(), " not found"));
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<core::Team>> SqliteStore::ListTeams() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT id, name FROM teams ORDER BY name, id"));
  return CollectRows(*query, [](const Statement& row) {
    return core::Team{.id = core::TeamId(row.Int(0)), .name = row.Text(1)};
  });
}

absl::StatusOr<core::Team> SqliteStore::CreateTeam(const std::string& name) {
  core::Team team{.name = name};
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto insert, db.Prepare("INSERT INTO teams (name) VALUES (?)"));
    const absl::Status inserted = insert->Bind(1, name).Run();
    if (absl::IsAlreadyExists(inserted)) {
      return absl::AlreadyExistsError(base::StrCat("a team named \"", name, "\" exists"));
    }
    RETURN_IF_ERROR(inserted);
    team.id = core::TeamId(db.LastInsertRowId());
    return absl::OkStatus();
  }));
  return team;
}

absl::StatusOr<std::string> SqliteStore::GetSetting(const std::string& key) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT value FROM settings WHERE key = ?"));
  query->Bind(1, key);
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("setting ", key, " is not set"));
  return query->Text(0);
}

absl::Status SqliteStore::PutSetting(const std::string& key, const std::string& value) {
  const base::Micros now = clock_.NowMicros();
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto put, db.Prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3"));
    return put->Bind(1, key).Bind(2, value).Bind(3, now).Run();
  });
}

}  // namespace webcare::storage::sqlite
