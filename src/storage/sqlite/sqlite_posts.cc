// Posts and conversations of the SQLite store.

#include <algorithm>

#include <nlohmann/json.hpp>

#include "analysis/query/fts5.h"
#include "base/strings.h"
#include "base/status.h"
#include "base/utf8.h"
#include "storage/payload_codec.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sla_rows.h"
#include "storage/sqlite/soft_delete.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

constexpr size_t kMaxAuthorCache = 500'000;
constexpr int kMaxPageSize = 200;


std::string ExplanationJson(const std::vector<core::SentimentTerm>& terms) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& term : terms) {
    out.push_back({{"token", term.token}, {"contribution", term.contribution},
                   {"rule", term.rule}, {"source", term.source}});
  }
  return out.dump();
}

std::string ReasonsJson(const std::vector<core::PriorityReason>& reasons) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& reason : reasons) {
    out.push_back({{"code", reason.code}, {"text", reason.text}, {"points", reason.points}});
  }
  return out.dump();
}

// The analysis columns of posts, in the order BindAnalysis binds them.
constexpr std::string_view kAnalysisColumns =
    "analysed, language, language_confidence, sentiment_score, sentiment_label,"
    " sentiment_explanation, intent, is_question, has_link, tags, priority, team_id, reasons";

// Binds `analysis` to the 13 parameters from `first` on, for kAnalysisColumns.
void BindAnalysis(Statement& statement, int first, const core::PostClassification& analysis) {
  if (!analysis.analysed) {
    statement.Bind(first, 0).Bind(first + 1, "").BindDouble(first + 2, 0).BindDouble(first + 3, 0)
        .Bind(first + 4, "").BindNull(first + 5).Bind(first + 6, "").Bind(first + 7, 0)
        .Bind(first + 8, 0).Bind(first + 9, "").Bind(first + 10, 0).BindNull(first + 11)
        .BindNull(first + 12);
    return;
  }
  statement.Bind(first, 1).Bind(first + 1, analysis.language)
      .BindDouble(first + 2, analysis.language_confidence)
      .BindDouble(first + 3, analysis.sentiment_score).Bind(first + 4, analysis.sentiment_label)
      .Bind(first + 5, ExplanationJson(analysis.sentiment_explanation))
      .Bind(first + 6, analysis.intent).Bind(first + 7, analysis.is_question ? 1 : 0)
      .Bind(first + 8, analysis.has_link ? 1 : 0).Bind(first + 9, analysis.tags)
      .Bind(first + 10, analysis.priority).Bind(first + 12, ReasonsJson(analysis.reasons));
  if (analysis.team.valid()) {
    statement.Bind(first + 11, analysis.team.value());
  } else {
    statement.BindNull(first + 11);
  }
}

// Records the streams a post matched; a stream deleted meanwhile is skipped.
absl::Status WriteStreams(Connection& db, core::PostId post, const std::vector<core::StreamRef>& streams) {
  for (const core::StreamRef& stream : streams) {
    ASSIGN_OR_RETURN(auto matched, db.Prepare(
        "INSERT OR IGNORE INTO post_streams (post_id, stream_id)"
        " SELECT ?1, id FROM streams WHERE id = ?2"));
    RETURN_IF_ERROR(matched->Bind(1, post.value()).Bind(2, stream.id.value()).Run());
  }
  return absl::OkStatus();
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

// Binds a rendered query's values (analysis/query/fts5.h) from `first` on.
void BindSqlValues(Statement& statement, const std::vector<analysis::query::SqlValue>& values,
                   int first) {
  for (size_t i = 0; i < values.size(); ++i) {
    const int index = first + static_cast<int>(i);
    if (const auto* number = std::get_if<int64_t>(&values[i])) {
      statement.Bind(index, *number);
    } else {
      statement.Bind(index, std::get<std::string>(values[i]));
    }
  }
}

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
      // Of the batch's inbound posts: the highest priority and its team, the latest one's
      // time and sentiment. priority -1: no analysed inbound post.
      int priority = -1;
      int64_t team = 0;
      base::Micros latest_inbound_at = 0;
      std::string_view latest_inbound_sentiment;
      std::string_view first_language;
      base::Micros first_language_at = 0;
      std::vector<int64_t> post_ids;
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
      const core::PostClassification& analysis = post.classification;
      ASSIGN_OR_RETURN(auto insert, db.Prepare(base::StrCat(
          "INSERT INTO posts (conversation_id, author_id, network, channel, external_id, text,"
          " created_at, ingested_at, in_reply_to, url, direction, private, attachments, metrics, ",
          kAnalysisColumns, ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
      insert->Bind(1, conversation.value()).Bind(2, author.value())
          .Bind(3, post.network).Bind(4, post.channel).Bind(5, post.external_id)
          .Bind(6, post.text).Bind(7, post.created_at).Bind(8, now)
          .BindOptional(9, post.in_reply_to).BindOptional(10, post.url)
          .Bind(11, core::DirectionName(post.direction))
          .Bind(12, post.is_private ? 1 : 0).BindOptional(13, AttachmentsJson(post))
          .BindOptional(14, MetricsJson(post.metrics));
      BindAnalysis(*insert, 15, analysis);
      RETURN_IF_ERROR(insert->Run());
      const core::PostId id(db.LastInsertRowId());
      if (!payloads[i].empty()) {
        ASSIGN_OR_RETURN(auto payload, db.Prepare("INSERT INTO post_payloads (post_id, payload) VALUES (?, ?)"));
        RETURN_IF_ERROR(payload->Bind(1, id.value()).BindBlob(2, payloads[i]).Run());
      }
      RETURN_IF_ERROR(WriteStreams(db, id, analysis.streams));
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
      const bool inbound = post.direction == core::Direction::kInbound;
      delta.inbound |= inbound;
      ++delta.posts;
      delta.post_ids.push_back(id.value());
      const bool latest_inbound = inbound && post.created_at >= delta.latest_inbound_at;
      if (latest_inbound) delta.latest_inbound_at = post.created_at;
      if (analysis.analysed) {
        if (delta.first_language.empty() || post.created_at < delta.first_language_at) {
          delta.first_language = analysis.language;
          delta.first_language_at = post.created_at;
        }
        if (inbound) {
          if (analysis.priority > delta.priority) {
            delta.priority = analysis.priority;
            delta.team = analysis.team.valid() ? analysis.team.value() : 0;
          }
          if (latest_inbound) delta.latest_inbound_sentiment = analysis.sentiment_label;
        }
      }
    }
    for (const core::ConversationId conversation : result.conversations) {
      const Delta& delta = deltas[conversation.value()];
      // All expressions see the row as it was before this statement. A conversation keeps
      // the highest priority of its inbound posts until it is resolved; a new inbound post
      // reopens it with that post's priority. The routed team is only set on a conversation
      // that has none, so a person's reassignment stands.
      ASSIGN_OR_RETURN(auto update, db.Prepare(
          "UPDATE conversations SET post_count = post_count + ?1,"
          " preview = CASE WHEN ?3 >= last_post_at OR post_count = 0 THEN ?4 ELSE preview END,"
          " first_post_at = min(first_post_at, ?2), last_post_at = max(last_post_at, ?3),"
          " status = CASE WHEN ?5 AND status IN ('resolved', 'waiting', 'snoozed') THEN 'open'"
          "   ELSE status END,"
          " snoozed_until = CASE WHEN ?5 THEN NULL ELSE snoozed_until END,"
          " priority = CASE WHEN ?7 < 0 THEN priority WHEN status = 'resolved' THEN ?7"
          "   ELSE max(priority, ?7) END,"
          " team_id = coalesce(team_id, ?8),"
          " language = CASE WHEN ?9 <> '' AND (language = '' OR ?10 < first_post_at)"
          "   THEN ?9 ELSE language END,"
          " sentiment_label = CASE WHEN ?11 <> '' AND ?12 >= coalesce(last_inbound_at, 0)"
          "   THEN ?11 ELSE sentiment_label END,"
          " last_inbound_at = CASE WHEN ?5 THEN max(coalesce(last_inbound_at, 0), ?12)"
          "   ELSE last_inbound_at END"
          " WHERE id = ?6"));
      update->Bind(1, delta.posts).Bind(2, delta.first_at).Bind(3, delta.last_at)
          .Bind(4, base::TruncateUtf8(delta.latest_text, kPreviewBytes))
          .Bind(5, delta.inbound ? 1 : 0).Bind(6, conversation.value())
          .Bind(7, delta.priority).Bind(9, delta.first_language).Bind(10, delta.first_language_at)
          .Bind(11, delta.latest_inbound_sentiment).Bind(12, delta.latest_inbound_at);
      if (delta.team != 0) update->Bind(8, delta.team);
      RETURN_IF_ERROR(update->Run());
      // A post that joins a deleted conversation brings it back: accepted data is never lost.
      RETURN_IF_ERROR(RestoreOnNewPost(db, now, conversation));
      // Every open screen learns of the new posts from this event (docs/realtime.md).
      RETURN_IF_ERROR(AppendEvent(db, now, conversation,
                                  {.kind = "posts.added",
                                   .data = nlohmann::json{{"post_ids", delta.post_ids},
                                                          {"inbound", delta.inbound}}.dump()})
                          .status());
      // SLA timers start, stop or move with the new posts (docs/sla.md).
      RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, conversation, now));
    }
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<std::vector<core::Post>> SqliteStore::ListPostsForAnalysis(core::PostId after, int limit,
                                                                        bool unanalysed_only) {
  if (limit < 1 || limit > 10'000) return absl::InvalidArgumentError("limit must be from 1 to 10000");
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kPostColumns, " FROM posts p JOIN authors a ON a.id = p.author_id"
      " WHERE p.id > ?1", unanalysed_only ? " AND p.analysed = 0" : "", " ORDER BY p.id LIMIT ?2")));
  query->Bind(1, after.value()).Bind(2, limit);
  return CollectRows(*query, ReadPost);
}

absl::Status SqliteStore::UpdateAnalyses(
    std::span<const std::pair<core::PostId, core::PostClassification>> analyses) {
  return Write([&](Connection& db) -> absl::Status {
    std::vector<int64_t> conversations;
    for (const auto& [post, analysis] : analyses) {
      ASSIGN_OR_RETURN(auto update, db.Prepare(base::StrCat(
          "UPDATE posts SET (", kAnalysisColumns, ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          " WHERE id = ?14 RETURNING conversation_id")));
      BindAnalysis(*update, 1, analysis);
      update->Bind(14, post.value());
      ASSIGN_OR_RETURN(bool found, update->Step());
      if (!found) return absl::NotFoundError(base::StrCat("post ", post.value(), " not found"));
      conversations.push_back(update->Int(0));
      ASSIGN_OR_RETURN(auto forget, db.Prepare("DELETE FROM post_streams WHERE post_id = ?"));
      RETURN_IF_ERROR(forget->Bind(1, post.value()).Run());
      RETURN_IF_ERROR(WriteStreams(db, post, analysis.streams));
    }
    std::sort(conversations.begin(), conversations.end());
    conversations.erase(std::unique(conversations.begin(), conversations.end()), conversations.end());
    for (const int64_t conversation : conversations) {
      ASSIGN_OR_RETURN(auto refresh, db.Prepare(
          "UPDATE conversations SET"
          " language = coalesce((SELECT language FROM posts WHERE conversation_id = ?1 AND analysed"
          "   ORDER BY created_at, id LIMIT 1), language),"
          " sentiment_label = coalesce((SELECT sentiment_label FROM posts WHERE conversation_id = ?1"
          "   AND analysed AND direction = 'inbound' ORDER BY created_at DESC, id DESC LIMIT 1),"
          "   sentiment_label),"
          " priority = CASE WHEN status = 'resolved' THEN priority ELSE coalesce((SELECT"
          "   max(priority) FROM posts WHERE conversation_id = ?1 AND analysed"
          "   AND direction = 'inbound'), priority) END,"
          " team_id = coalesce(team_id, (SELECT team_id FROM posts WHERE conversation_id = ?1"
          "   AND direction = 'inbound' AND team_id IS NOT NULL ORDER BY priority DESC, id LIMIT 1)),"
          " last_inbound_at = (SELECT max(created_at) FROM posts WHERE conversation_id = ?1"
          "   AND direction = 'inbound')"
          " WHERE id = ?1"));
      RETURN_IF_ERROR(refresh->Bind(1, conversation).Run());
      // A new priority or team may change the SLA targets (docs/sla.md).
      RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, core::ConversationId(conversation),
                                 clock_.NowMicros()));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<PostList> SqliteStore::SearchPosts(const PostSearch& search) {
  // ?1 match, ?2 cursor, ?3 limit; the query's own values from ?4 on.
  ASSIGN_OR_RETURN(const analysis::query::ArchiveQuery archive,
                   analysis::query::RenderArchiveQuery(search.query, /*first_param=*/4));
  const bool filtered = archive.where != "1";
  const int limit = ClampLimit(search.page.limit);
  ASSIGN_OR_RETURN(auto db, Read());
  std::unique_ptr<Statement> query;
  int64_t offset = 0;
  if (search.order == SearchOrder::kRelevance && !archive.match.empty()) {
    if (!search.page.cursor.empty() && (!base::ParseInt(search.page.cursor, offset) || offset < 0)) {
      return BadCursor();
    }
    // Without filters, FTS5 ranks and pages by itself; with them the filter runs on the
    // ranked hits before paging.
    ASSIGN_OR_RETURN(query, db->Prepare(base::StrCat(
        "SELECT ", kPostColumns, " FROM (SELECT rowid AS hit, rank FROM posts_fts"
        " WHERE posts_fts MATCH ?1 AND rowid NOT IN ", kPostsOfDeletedConversations,
        " ORDER BY rank", filtered ? "" : " LIMIT ?3 OFFSET ?2", ")"
        " JOIN posts p ON p.id = hit JOIN authors a ON a.id = p.author_id",
        filtered ? base::StrCat(" WHERE (", archive.where, ") ORDER BY rank LIMIT ?3 OFFSET ?2")
                 : " ORDER BY rank")));
    query->Bind(1, archive.match).Bind(2, offset).Bind(3, limit + 1);
  } else {
    int64_t before = INT64_MAX;
    if (!search.page.cursor.empty() && !base::ParseInt(search.page.cursor, before)) return BadCursor();
    if (!archive.match.empty() && !filtered) {
      // Newest first by rowid: FTS5 walks its doclists backwards and stops after `limit` hits.
      ASSIGN_OR_RETURN(query, db->Prepare(base::StrCat(
          "SELECT ", kPostColumns, " FROM (SELECT rowid AS hit FROM posts_fts WHERE posts_fts MATCH ?1"
          " AND rowid < ?2 AND rowid NOT IN ", kPostsOfDeletedConversations,
          " ORDER BY rowid DESC LIMIT ?3) JOIN posts p ON p.id = hit"
          " JOIN authors a ON a.id = p.author_id ORDER BY p.id DESC")));
      query->Bind(1, archive.match);
    } else {
      ASSIGN_OR_RETURN(query, db->Prepare(base::StrCat(
          "SELECT ", kPostColumns, " FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id < ?2",
          " AND p.id NOT IN ", kPostsOfDeletedConversations,
          archive.match.empty() ? "" : " AND p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1)",
          " AND (", archive.where, ") ORDER BY p.id DESC LIMIT ?3")));
      if (!archive.match.empty()) query->Bind(1, archive.match);
    }
    query->Bind(2, before).Bind(3, limit + 1);
  }
  BindSqlValues(*query, archive.params, 4);
  PostList list;
  ASSIGN_OR_RETURN(list.posts, CollectRows(*query, ReadPost));
  if (static_cast<int>(list.posts.size()) > limit) {
    list.posts.pop_back();
    list.next_cursor = search.order == SearchOrder::kRelevance && !archive.match.empty()
                           ? base::StrCat(offset + limit)
                           : base::StrCat(list.posts.back().id.value());
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
  const bool by_priority = filter.order == ConversationOrder::kPriority;
  const bool by_sla = filter.order == ConversationOrder::kSla;
  // The page's ids are chosen first, from the conversations table and its indexes alone;
  // only those rows then get their authors and the subqueries of kConversationColumns. One
  // query with both would compute every column of every matching row before sorting: on a
  // large inbox, tens of thousands of rows for a page of 50 (bench/README.md, "Inbox").
  std::string where = "c.deleted_at IS NULL";
  // Parameters are numbered by position so every variant binds the same way; the query's
  // own values follow from ?20 on.
  if (filter.status) base::StrAppend(where, " AND c.status = ?1");
  if (filter.open_only) base::StrAppend(where, " AND c.status IN ('new', 'open', 'waiting', 'snoozed')");
  if (filter.visible_to) base::StrAppend(where, " AND ", VisibilityClause(13, 14));
  if (filter.assignee) {
    base::StrAppend(where, filter.assignee->valid() ? " AND c.assignee_id = ?15" : " AND c.assignee_id IS NULL");
  }
  if (!filter.teams.empty()) base::StrAppend(where, " AND c.team_id IN (SELECT value FROM json_each(?16))");
  // A label list by recency walks the label's own index in the list's order and stops after
  // a page (migration 0010); sorted otherwise, it gathers the label's conversations first.
  const bool label_by_recency = !filter.label.empty() && !by_priority && !by_sla;
  if (!filter.label.empty() && !label_by_recency) {
    base::StrAppend(where, " AND c.id IN (SELECT conversation_id FROM conversation_labels WHERE label = ?17)");
  }
  if (!filter.network.empty()) base::StrAppend(where, " AND c.network = ?2");
  if (!filter.language.empty()) base::StrAppend(where, " AND c.language = ?7");
  if (!filter.sentiment.empty()) base::StrAppend(where, " AND c.sentiment_label = ?8");
  if (filter.min_priority > 0) base::StrAppend(where, " AND c.priority >= ?9");
  if (filter.team.valid()) base::StrAppend(where, " AND c.team_id = ?10");
  if (filter.stream.valid()) {
    base::StrAppend(where, " AND c.id IN (SELECT conversation_id FROM conversation_streams WHERE stream_id = ?11)");
  }
  if (filter.sla) base::StrAppend(where, " AND c.sla_state = ?18");
  // The cursor is the last row's sort key: "last_post_at.id", or "priority.last_post_at.id".
  int64_t before_priority = 0, before_time = 0, before_id = 0;
  if (!filter.page.cursor.empty()) {
    const std::vector<std::string_view> parts = base::Split(filter.page.cursor, '.');
    const size_t keys = by_priority ? 3 : 2;
    if (parts.size() != keys || (by_priority && !base::ParseInt(parts[0], before_priority)) ||
        !base::ParseInt(parts[keys - 2], before_time) || !base::ParseInt(parts[keys - 1], before_id)) {
      return BadCursor();
    }
    base::StrAppend(where, by_sla ? kSlaAfterCursor : by_priority
        ? " AND (c.priority < ?12 OR (c.priority = ?12 AND (c.last_post_at < ?3"
          " OR (c.last_post_at = ?3 AND c.id < ?4))))"
        : " AND (c.last_post_at < ?3 OR (c.last_post_at = ?3 AND c.id < ?4))");
    // The same bound on the label's copy of the key, so the walk starts at the cursor.
    if (label_by_recency) base::StrAppend(where, " AND (l.last_post_at, l.conversation_id) < (?3, ?4)");
  }
  analysis::query::ArchiveQuery archive;
  if (filter.query) {
    ASSIGN_OR_RETURN(archive, analysis::query::RenderArchiveQuery(*filter.query, /*first_param=*/20));
    base::StrAppend(where, " AND c.id IN (SELECT p.conversation_id FROM posts p"
                           " JOIN authors a ON a.id = p.author_id WHERE (", archive.where, ")");
    if (!archive.match.empty()) {
      base::StrAppend(where, " AND p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?5)");
    }
    base::StrAppend(where, ")");
  }
  const std::string_view order = by_sla ? kSlaOrderBy
                                 : by_priority ? " ORDER BY c.priority DESC, c.last_post_at DESC, c.id DESC"
                                               : " ORDER BY c.last_post_at DESC, c.id DESC";
  // SQLite has no statistics, so the lists whose natural plan reads far more rows than it
  // shows name their index. Open conversations by priority come straight from their partial
  // index (migration 0009) unless one person's conversations or a search are asked for,
  // which are few enough to sort; it would rather sort every open conversation. One person's
  // conversations in some statuses come from (assignee, status); it would rather walk all of
  // that person's conversations by recency, reading each row for its status (migration 0010).
  const bool mine = filter.assignee && filter.assignee->valid();
  const bool open_by_priority = by_priority && filter.open_only && !filter.query && !mine;
  const bool mine_by_status = mine && (filter.open_only || filter.status) && !filter.query;
  std::string_view from = " FROM conversations c";
  if (label_by_recency) {
    from = filter.open_only ? " FROM conversation_labels l INDEXED BY conversation_labels_open_by_recency"
                              " CROSS JOIN conversations c ON c.id = l.conversation_id"
                            : " FROM conversation_labels l INDEXED BY conversation_labels_by_recency"
                              " CROSS JOIN conversations c ON c.id = l.conversation_id";
    base::StrAppend(where, " AND l.label = ?17", filter.open_only ? " AND l.open = 1" : "");
  } else if (open_by_priority) {
    from = " FROM conversations c INDEXED BY conversations_open_by_priority";
  } else if (mine_by_status) {
    from = " FROM conversations c INDEXED BY conversations_by_assignee_status";
  }
  const std::string_view page_order = label_by_recency
      ? " ORDER BY l.last_post_at DESC, l.conversation_id DESC" : order;
  const std::string sql = base::StrCat(
      "SELECT ", kConversationColumns, " FROM (SELECT c.id", from, " WHERE ", where,
      page_order, " LIMIT ?6) page JOIN conversations c ON c.id = page.id"
      " JOIN authors a ON a.id = c.author_id", order);
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(sql));
  if (filter.status) query->Bind(1, core::ConversationStatusName(*filter.status));
  if (!filter.network.empty()) query->Bind(2, filter.network);
  if (!filter.page.cursor.empty()) query->Bind(3, before_time).Bind(4, before_id).Bind(12, before_priority);
  if (!archive.match.empty()) query->Bind(5, archive.match);
  query->Bind(6, limit + 1);
  if (!filter.language.empty()) query->Bind(7, filter.language);
  if (!filter.sentiment.empty()) query->Bind(8, filter.sentiment);
  if (filter.min_priority > 0) query->Bind(9, filter.min_priority);
  if (filter.team.valid()) query->Bind(10, filter.team.value());
  if (filter.stream.valid()) query->Bind(11, filter.stream.value());
  if (filter.visible_to) {
    query->Bind(13, filter.visible_to->user.value()).Bind(14, TeamIdsJson(filter.visible_to->teams));
  }
  if (filter.assignee && filter.assignee->valid()) query->Bind(15, filter.assignee->value());
  if (!filter.teams.empty()) query->Bind(16, TeamIdsJson(filter.teams));
  if (!filter.label.empty()) query->Bind(17, filter.label);
  if (filter.sla) query->Bind(18, core::SlaStateName(*filter.sla));
  BindSqlValues(*query, archive.params, 20);
  ConversationList list;
  ASSIGN_OR_RETURN(list.conversations, CollectRows(*query, ReadConversation));
  if (static_cast<int>(list.conversations.size()) > limit) {
    list.conversations.pop_back();
    const auto& last = list.conversations.back();
    list.next_cursor = by_sla ? base::StrCat(last.sla.due_at != 0 ? last.sla.due_at : kNoSlaDue, ".", last.id.value())
        : by_priority
        ? base::StrCat(last.priority, ".", last.last_post_at, ".", last.id.value())
        : base::StrCat(last.last_post_at, ".", last.id.value());
  }
  return list;
}

absl::StatusOr<core::Conversation> SqliteStore::GetConversation(core::ConversationId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  return ConversationOn(*db, id);
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
