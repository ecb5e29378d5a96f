// Posts and conversations of the SQLite store.

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/status.h"
#include "base/utf8.h"
#include "storage/payload_codec.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/fts5_query.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

constexpr size_t kPreviewBytes = 280;
constexpr size_t kMaxAuthorCache = 500'000;
constexpr int kMaxPageSize = 200;

// Columns of a post joined with its author, in the order ReadPost expects.
constexpr std::string_view kPostColumns =
    "p.id, p.conversation_id, p.network, p.channel, p.external_id, p.text, p.created_at,"
    " p.ingested_at, p.in_reply_to, p.url, p.direction, p.private, p.attachments, p.metrics,"
    " a.id, a.network, a.handle, a.name, a.followers, a.url, a.contact_id";

constexpr std::string_view kConversationColumns =
    "c.id, c.network, c.channel, c.status, c.priority, c.team_id, c.assignee_id, c.private,"
    " c.preview, c.post_count, c.first_post_at, c.last_post_at,"
    " a.id, a.network, a.handle, a.name, a.followers, a.url, a.contact_id";

core::AuthorIdentity ReadAuthor(const Statement& row, int first) {
  return core::AuthorIdentity{.id = core::AuthorId(row.Int(first)),
                              .network = row.Text(first + 1),
                              .handle = row.Text(first + 2),
                              .name = row.Text(first + 3),
                              .followers = row.Int(first + 4),
                              .url = row.Text(first + 5),
                              .contact = core::ContactId(row.Int(first + 6))};
}

core::Post ReadPost(const Statement& row) {
  core::Post post{.id = core::PostId(row.Int(0)),
                  .conversation = core::ConversationId(row.Int(1)),
                  .network = row.Text(2),
                  .channel = row.Text(3),
                  .external_id = row.Text(4),
                  .author = ReadAuthor(row, 14),
                  .text = row.Text(5),
                  .created_at = row.Int(6),
                  .ingested_at = row.Int(7),
                  .in_reply_to = row.Text(8),
                  .url = row.Text(9),
                  .direction = core::ParseDirection(row.Text(10)).value_or(core::Direction::kInbound),
                  .is_private = row.Int(11) != 0};
  if (!row.IsNull(12)) {
    const auto attachments = nlohmann::json::parse(row.Text(12), nullptr, /*allow_exceptions=*/false);
    if (attachments.is_array()) {
      for (const auto& item : attachments) {
        post.attachments.push_back({.url = item.value("url", ""),
                                    .media_type = item.value("media_type", ""),
                                    .name = item.value("name", "")});
      }
    }
  }
  if (!row.IsNull(13)) {
    const auto metrics = nlohmann::json::parse(row.Text(13), nullptr, /*allow_exceptions=*/false);
    if (metrics.is_object()) {
      post.metrics = {.likes = metrics.value("likes", int64_t{0}),
                      .reposts = metrics.value("reposts", int64_t{0}),
                      .replies = metrics.value("replies", int64_t{0}),
                      .views = metrics.value("views", int64_t{0})};
    }
  }
  return post;
}

core::Conversation ReadConversation(const Statement& row) {
  return core::Conversation{
      .id = core::ConversationId(row.Int(0)),
      .network = row.Text(1),
      .channel = row.Text(2),
      .status = core::ParseConversationStatus(row.Text(3)).value_or(core::ConversationStatus::kNew),
      .priority = static_cast<int>(row.Int(4)),
      .team = core::TeamId(row.Int(5)),
      .assignee = core::UserId(row.Int(6)),
      .author = ReadAuthor(row, 12),
      .preview = row.Text(8),
      .is_private = row.Int(7) != 0,
      .post_count = row.Int(9),
      .first_post_at = row.Int(10),
      .last_post_at = row.Int(11)};
}

std::string AttachmentsJson(const core::NewPost& post) {
  if (post.attachments.empty()) return "";
  nlohmann::json out = nlohmann::json::array();
  for (const auto& attachment : post.attachments) {
    out.push_back({{"url", attachment.url}, {"media_type", attachment.media_type}, {"name", attachment.name}});
  }
  return out.dump();
}

std::string MetricsJson(const core::PostMetrics& m) {
  if (m.likes == 0 && m.reposts == 0 && m.replies == 0 && m.views == 0) return "";
  return nlohmann::json{{"likes", m.likes}, {"reposts", m.reposts}, {"replies", m.replies}, {"views", m.views}}
      .dump();
}

absl::Status ValidateNewPost(const core::NewPost& post) {
  const auto missing = [&](std::string_view field) {
    return absl::InvalidArgumentError(base::StrCat("post ", post.external_id, ": ", field, " is required"));
  };
  if (post.network.empty()) return missing("network");
  if (post.channel.empty()) return missing("channel");
  if (post.external_id.empty()) return missing("external_id");
  if (post.author.handle.empty()) return missing("author.handle");
  if (!base::IsValidUtf8(post.text) || !base::IsValidUtf8(post.author.name) ||
      !base::IsValidUtf8(post.author.handle)) {
    return absl::InvalidArgumentError(base::StrCat("post ", post.external_id, ": text is not valid UTF-8"));
  }
  return absl::OkStatus();
}

int ClampLimit(int limit) { return limit <= 0 ? 50 : std::min(limit, kMaxPageSize); }

absl::Status BadCursor() { return absl::InvalidArgumentError("cursor is not valid for this list"); }

}  // namespace

absl::StatusOr<core::AuthorId> SqliteStore::UpsertAuthor(Connection& db,
                                                         const core::AuthorIdentity& author) {
  std::string key = base::StrCat(author.network, "\n", author.handle);
  auto cached = author_cache_.find(key);
  if (cached == author_cache_.end()) {
    ASSIGN_OR_RETURN(auto find, db.Prepare(
        "SELECT id, followers, name, coalesce(url, '') FROM authors WHERE network = ? AND handle = ?"));
    find->Bind(1, author.network).Bind(2, author.handle);
    ASSIGN_OR_RETURN(bool found, find->Step());
    CachedAuthor entry;
    if (found) {
      entry = {core::AuthorId(find->Int(0)), find->Int(1), find->Text(2), find->Text(3)};
    } else {
      ASSIGN_OR_RETURN(auto insert, db.Prepare(
          "INSERT INTO authors (network, handle, name, followers, url) VALUES (?, ?, ?, ?, ?)"));
      RETURN_IF_ERROR(insert->Bind(1, author.network).Bind(2, author.handle).Bind(3, author.name)
                          .Bind(4, std::max<int64_t>(0, author.followers)).BindOptional(5, author.url).Run());
      entry = {core::AuthorId(db.LastInsertRowId()), std::max<int64_t>(0, author.followers), author.name,
               author.url};
    }
    if (author_cache_.size() >= kMaxAuthorCache) author_cache_.clear();
    cached = author_cache_.emplace(std::move(key), std::move(entry)).first;
  }
  CachedAuthor& entry = cached->second;
  // Keep the latest name, reach and profile address the network reported.
  const bool changed = (author.followers >= 0 && entry.followers != author.followers) ||
                       (!author.name.empty() && entry.name != author.name) ||
                       (!author.url.empty() && entry.url != author.url);
  if (changed) {
    if (!author.name.empty()) entry.name = author.name;
    if (!author.url.empty()) entry.url = author.url;
    if (author.followers >= 0) entry.followers = author.followers;
    ASSIGN_OR_RETURN(auto update, db.Prepare(
        "UPDATE authors SET followers = ?, name = ?, url = ? WHERE id = ?"));
    RETURN_IF_ERROR(update->Bind(1, entry.followers).Bind(2, entry.name).BindOptional(3, entry.url)
                        .Bind(4, entry.id.value()).Run());
  }
  return entry.id;
}

absl::StatusOr<core::ConversationId> SqliteStore::FindOrOpenConversation(
    Connection& db, const core::NewPost& post, core::AuthorId author) {
  if (!post.in_reply_to.empty()) {
    ASSIGN_OR_RETURN(auto parent, db.Prepare(
        "SELECT conversation_id FROM posts WHERE channel = ? AND external_id = ?"));
    parent->Bind(1, post.channel).Bind(2, post.in_reply_to);
    ASSIGN_OR_RETURN(bool found, parent->Step());
    if (found) return core::ConversationId(parent->Int(0));
  }
  // A reply whose parent is not stored yet opens the thread under the parent's id, so the
  // parent joins it when it arrives.
  const std::string root_key = post.is_private        ? base::StrCat("dm:", post.author.handle)
                               : post.in_reply_to.empty() ? post.external_id
                                                      : post.in_reply_to;
  ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT id FROM conversations WHERE channel = ? AND root_key = ?"));
  find->Bind(1, post.channel).Bind(2, root_key);
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (found) return core::ConversationId(find->Int(0));
  ASSIGN_OR_RETURN(auto open, db.Prepare(
      "INSERT INTO conversations (network, channel, root_key, author_id, private, first_post_at,"
      " last_post_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(open->Bind(1, post.network).Bind(2, post.channel).Bind(3, root_key)
                      .Bind(4, author.value()).Bind(5, post.is_private ? 1 : 0)
                      .Bind(6, post.created_at).Bind(7, post.created_at).Run());
  return core::ConversationId(db.LastInsertRowId());
}

absl::StatusOr<InsertResult> SqliteStore::InsertPosts(std::span<const core::NewPost> posts) {
  // Validation and compression happen before the write lock is taken.
  std::vector<std::string> payloads;
  payloads.reserve(posts.size());
  for (const auto& post : posts) {
    RETURN_IF_ERROR(ValidateNewPost(post));
    if (!post.raw_compressed.empty()) {
      payloads.push_back(post.raw_compressed);
    } else {
      payloads.push_back(post.raw.empty() ? std::string() : CompressPayload(post.raw));
    }
  }
  const base::Micros now = clock_.NowMicros();

  InsertResult result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    // What the batch changes per conversation, applied once at the end.
    struct Delta {
      int64_t posts = 0;
      base::Micros first_at = 0;
      base::Micros last_at = 0;
      std::string_view latest_text;
      bool inbound = false;
    };
    absl::flat_hash_map<int64_t, Delta> deltas;
    for (size_t i = 0; i < posts.size(); ++i) {
      const core::NewPost& post = posts[i];
      ASSIGN_OR_RETURN(auto exists, db.Prepare("SELECT 1 FROM posts WHERE channel = ? AND external_id = ?"));
      exists->Bind(1, post.channel).Bind(2, post.external_id);
      ASSIGN_OR_RETURN(bool duplicate, exists->Step());
      if (duplicate) {
        ++result.duplicates;
        continue;
      }
      ASSIGN_OR_RETURN(core::AuthorId author, UpsertAuthor(db, post.author));
      ASSIGN_OR_RETURN(core::ConversationId conversation, FindOrOpenConversation(db, post, author));
      ASSIGN_OR_RETURN(auto insert, db.Prepare(
          "INSERT INTO posts (conversation_id, author_id, network, channel, external_id, text,"
          " created_at, ingested_at, in_reply_to, url, direction, private, attachments, metrics)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      RETURN_IF_ERROR(insert->Bind(1, conversation.value()).Bind(2, author.value())
                          .Bind(3, post.network).Bind(4, post.channel).Bind(5, post.external_id)
                          .Bind(6, post.text).Bind(7, post.created_at).Bind(8, now)
                          .BindOptional(9, post.in_reply_to).BindOptional(10, post.url)
                          .Bind(11, core::DirectionName(post.direction))
                          .Bind(12, post.is_private ? 1 : 0).BindOptional(13, AttachmentsJson(post))
                          .BindOptional(14, MetricsJson(post.metrics)).Run());
      const core::PostId id(db.LastInsertRowId());
      if (!payloads[i].empty()) {
        ASSIGN_OR_RETURN(auto payload, db.Prepare("INSERT INTO post_payloads (post_id, payload) VALUES (?, ?)"));
        RETURN_IF_ERROR(payload->Bind(1, id.value()).BindBlob(2, payloads[i]).Run());
      }
      result.post_ids.push_back(id);
      ++result.inserted;
      auto [it, first_in_batch] = deltas.try_emplace(conversation.value());
      Delta& delta = it->second;
      if (first_in_batch) result.conversations.push_back(conversation);
      if (first_in_batch || post.created_at < delta.first_at) delta.first_at = post.created_at;
      if (first_in_batch || post.created_at >= delta.last_at) {
        delta.last_at = post.created_at;
        delta.latest_text = post.text;
      }
      delta.inbound |= post.direction == core::Direction::kInbound;
      ++delta.posts;
    }
    for (const core::ConversationId conversation : result.conversations) {
      const Delta& delta = deltas[conversation.value()];
      // All expressions see the row as it was before this statement.
      ASSIGN_OR_RETURN(auto update, db.Prepare(
          "UPDATE conversations SET post_count = post_count + ?1,"
          " preview = CASE WHEN ?3 >= last_post_at OR post_count = 0 THEN ?4 ELSE preview END,"
          " first_post_at = min(first_post_at, ?2), last_post_at = max(last_post_at, ?3),"
          " status = CASE WHEN ?5 AND status = 'resolved' THEN 'open' ELSE status END"
          " WHERE id = ?6"));
      RETURN_IF_ERROR(update->Bind(1, delta.posts).Bind(2, delta.first_at).Bind(3, delta.last_at)
                          .Bind(4, base::TruncateUtf8(delta.latest_text, kPreviewBytes))
                          .Bind(5, delta.inbound ? 1 : 0).Bind(6, conversation.value()).Run());
    }
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<PostList> SqliteStore::SearchPosts(const PostSearch& search) {
  ASSIGN_OR_RETURN(const std::string match, RenderFts5(search.text));
  const int limit = ClampLimit(search.page.limit);
  ASSIGN_OR_RETURN(auto db, Read());
  std::unique_ptr<Statement> query;
  int64_t offset = 0;
  if (search.order == SearchOrder::kRecent) {
    // Newest first by rowid: FTS5 walks its doclists backwards and stops after `limit` hits.
    int64_t before = INT64_MAX;
    if (!search.page.cursor.empty() && !base::ParseInt(search.page.cursor, before)) return BadCursor();
    ASSIGN_OR_RETURN(query, db->Prepare(base::StrCat(
        "SELECT ", kPostColumns, " FROM (SELECT rowid AS hit FROM posts_fts WHERE posts_fts MATCH ?1"
        " AND rowid < ?2 ORDER BY rowid DESC LIMIT ?3) JOIN posts p ON p.id = hit"
        " JOIN authors a ON a.id = p.author_id ORDER BY p.id DESC")));
    query->Bind(1, match).Bind(2, before).Bind(3, limit + 1);
  } else {
    if (!search.page.cursor.empty() && (!base::ParseInt(search.page.cursor, offset) || offset < 0)) {
      return BadCursor();
    }
    ASSIGN_OR_RETURN(query, db->Prepare(base::StrCat(
        "SELECT ", kPostColumns, " FROM (SELECT rowid AS hit, rank FROM posts_fts"
        " WHERE posts_fts MATCH ?1 ORDER BY rank LIMIT ?3 OFFSET ?2)"
        " JOIN posts p ON p.id = hit JOIN authors a ON a.id = p.author_id ORDER BY rank")));
    query->Bind(1, match).Bind(2, offset).Bind(3, limit + 1);
  }
  PostList list;
  ASSIGN_OR_RETURN(list.posts, CollectRows(*query, ReadPost));
  if (static_cast<int>(list.posts.size()) > limit) {
    list.posts.pop_back();
    list.next_cursor = search.order == SearchOrder::kRecent
                           ? base::StrCat(list.posts.back().id.value())
                           : base::StrCat(offset + limit);
  }
  return list;
}

absl::StatusOr<std::string> SqliteStore::GetRawPayload(core::PostId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT payload FROM post_payloads WHERE post_id = ?"));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("no payload stored for post ", id.value()));
  return DecompressPayload(query->Blob(0));
}

absl::StatusOr<ConversationList> SqliteStore::ListConversations(const ConversationFilter& filter) {
  const int limit = ClampLimit(filter.page.limit);
  std::string sql = base::StrCat("SELECT ", kConversationColumns,
                                 " FROM conversations c JOIN authors a ON a.id = c.author_id WHERE 1");
  // Parameters are numbered by position so every variant binds the same way.
  if (filter.status) base::StrAppend(sql, " AND c.status = ?1");
  if (!filter.network.empty()) base::StrAppend(sql, " AND c.network = ?2");
  int64_t before_time = 0, before_id = 0;
  if (!filter.page.cursor.empty()) {
    const std::vector<std::string_view> parts = base::Split(filter.page.cursor, '.');
    if (parts.size() != 2 || !base::ParseInt(parts[0], before_time) ||
        !base::ParseInt(parts[1], before_id)) {
      return BadCursor();
    }
    base::StrAppend(sql, " AND (c.last_post_at < ?3 OR (c.last_post_at = ?3 AND c.id < ?4))");
  }
  std::string match;
  if (filter.text) {
    ASSIGN_OR_RETURN(match, RenderFts5(*filter.text));
    base::StrAppend(sql, " AND c.id IN (SELECT conversation_id FROM posts WHERE id IN"
                          " (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?5))");
  }
  base::StrAppend(sql, " ORDER BY c.last_post_at DESC, c.id DESC LIMIT ?6");
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(sql));
  if (filter.status) query->Bind(1, core::ConversationStatusName(*filter.status));
  if (!filter.network.empty()) query->Bind(2, filter.network);
  if (!filter.page.cursor.empty()) query->Bind(3, before_time).Bind(4, before_id);
  if (filter.text) query->Bind(5, match);
  query->Bind(6, limit + 1);
  ConversationList list;
  ASSIGN_OR_RETURN(list.conversations, CollectRows(*query, ReadConversation));
  if (static_cast<int>(list.conversations.size()) > limit) {
    list.conversations.pop_back();
    const auto& last = list.conversations.back();
    list.next_cursor = base::StrCat(last.last_post_at, ".", last.id.value());
  }
  return list;
}

absl::StatusOr<core::Conversation> SqliteStore::GetConversation(core::ConversationId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kConversationColumns,
      " FROM conversations c JOIN authors a ON a.id = c.author_id WHERE c.id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("conversation ", id.value(), " not found"));
  return ReadConversation(*query);
}

absl::StatusOr<std::vector<core::Post>> SqliteStore::ListConversationPosts(core::ConversationId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kPostColumns, " FROM posts p JOIN authors a ON a.id = p.author_id"
      " WHERE p.conversation_id = ? ORDER BY p.created_at, p.id LIMIT 1000")));
  query->Bind(1, id.value());
  return CollectRows(*query, ReadPost);
}

}  // namespace webcare::storage::sqlite
