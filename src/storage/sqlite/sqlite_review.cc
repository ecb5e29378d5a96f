// Attachments of replies and four-eyes review of replies in the SQLite store
// (0008_attachments_review.sql): upload metadata, attaching uploads to a reply, holding a reply
// for a lead, approving (which queues it in the outbox), rejecting and resubmitting.

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "storage/sqlite/read_lease.h"
#include "storage/sqlite/review_rows.h"
#include "storage/sqlite/rows.h"
#include "storage/sqlite/sla_rows.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {
namespace {

using nlohmann::json;

constexpr size_t kMaxReasonBytes = 1000;

constexpr std::string_view kAttachmentColumns =
    "a.id, a.sha256, a.size, a.media_type, a.name, a.uploaded_by, a.created_at,"
    " coalesce(a.post_id, 0), coalesce(p.conversation_id, 0)"
    " FROM attachments a LEFT JOIN posts p ON p.id = a.post_id";

core::StoredAttachment ReadAttachment(const Statement& row) {
  return core::StoredAttachment{.id = core::AttachmentId(row.Int(0)),
                                .sha256 = row.Text(1),
                                .size = row.Int(2),
                                .media_type = row.Text(3),
                                .name = row.Text(4),
                                .uploaded_by = core::UserId(row.Int(5)),
                                .created_at = row.Int(6),
                                .post = core::PostId(row.Int(7)),
                                .conversation = core::ConversationId(row.Int(8))};
}

json UserIds(const std::vector<core::UserId>& users) {
  json ids = json::array();
  for (const core::UserId user : users) ids.push_back(user.value());
  return ids;
}

// Sends each reviewer an "approval_requested" notification quoting the reply.
absl::Status NotifyReviewers(Connection& db, const std::vector<core::UserId>& reviewers,
                             core::ConversationId conversation, core::UserId author,
                             std::string_view text, base::Micros now) {
  for (const core::UserId reviewer : reviewers) {
    RETURN_IF_ERROR(InsertNotification(db, {.user = reviewer, .kind = core::NotificationKind::kApprovalRequested,
                                            .conversation = conversation, .actor = author,
                                            .text = text, .at = now}));
  }
  return absl::OkStatus();
}

struct ReviewRow {
  core::ConversationId conversation;
  core::UserId author;
  core::ReviewState state = core::ReviewState::kPending;
  std::string status_after;
};

absl::StatusOr<ReviewRow> ReviewOn(Connection& db, core::PostId post) {
  ASSIGN_OR_RETURN(auto find, db.Prepare(
      "SELECT conversation_id, author_id, state, status_after FROM reply_reviews WHERE post_id = ?"));
  find->Bind(1, post.value());
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) {
    return absl::NotFoundError(base::StrCat("post ", post.value(), " is not a reply waiting for approval"));
  }
  return ReviewRow{.conversation = core::ConversationId(find->Int(0)),
                   .author = core::UserId(find->Int(1)),
                   .state = core::ParseReviewState(find->Text(2)).value_or(core::ReviewState::kPending),
                   .status_after = find->Text(3)};
}

// FailedPrecondition saying what became of a reply that is no longer `wanted`.
absl::Status NotInState(const ReviewRow& review, core::ReviewState wanted) {
  if (review.state == wanted) return absl::OkStatus();
  switch (review.state) {
    case core::ReviewState::kApproved:
      return absl::FailedPreconditionError("this reply was approved already and is on its way");
    case core::ReviewState::kRejected:
      return absl::FailedPreconditionError("this reply was rejected; its author can edit and resend it");
    case core::ReviewState::kPending:
      return absl::FailedPreconditionError("this reply is waiting for approval; it was not rejected");
  }
  return absl::FailedPreconditionError("this reply is not in that state");
}

}  // namespace

std::string AttachmentPath(core::AttachmentId id) { return base::StrCat("/api/v1/attachments/", id.value()); }

absl::Status AttachToReply(Connection& db, core::PostId post, core::UserId author,
                           const std::vector<core::AttachmentId>& attachments, bool replace) {
  if (attachments.empty() && !replace) return absl::OkStatus();
  if (replace) {
    ASSIGN_OR_RETURN(auto detach, db.Prepare("UPDATE attachments SET post_id = NULL WHERE post_id = ?"));
    RETURN_IF_ERROR(detach->Bind(1, post.value()).Run());
  }
  std::set<core::AttachmentId> seen;
  json stored = json::array();
  for (const core::AttachmentId id : attachments) {
    if (!seen.insert(id).second) {
      return absl::InvalidArgumentError(base::StrCat("attachment ", id.value(), " is listed twice"));
    }
    ASSIGN_OR_RETURN(auto find, db.Prepare(base::StrCat("SELECT ", kAttachmentColumns, " WHERE a.id = ?")));
    find->Bind(1, id.value());
    ASSIGN_OR_RETURN(bool found, find->Step());
    // Someone else's upload is reported like a missing one: its existence is not the caller's
    // business.
    if (!found || core::UserId(find->Int(5)) != author) {
      return absl::InvalidArgumentError(base::StrCat("attachment ", id.value(), " is not one of your uploads"));
    }
    const core::StoredAttachment attachment = ReadAttachment(*find);
    if (attachment.post.valid() && attachment.post != post) {
      return absl::InvalidArgumentError(base::StrCat(
          "attachment ", id.value(), " (", attachment.name, ") is on another reply already; upload the file again"));
    }
    ASSIGN_OR_RETURN(auto attach, db.Prepare("UPDATE attachments SET post_id = ? WHERE id = ?"));
    RETURN_IF_ERROR(attach->Bind(1, post.value()).Bind(2, id.value()).Run());
    stored.push_back({{"url", AttachmentPath(id)},
                      {"media_type", attachment.media_type},
                      {"name", attachment.name},
                      {"id", id.value()},
                      {"size", attachment.size},
                      {"sha256", attachment.sha256}});
  }
  ASSIGN_OR_RETURN(auto column, db.Prepare("UPDATE posts SET attachments = ? WHERE id = ?"));
  if (stored.empty()) column->BindNull(1); else column->Bind(1, stored.dump());
  return column->Bind(2, post.value()).Run();
}

absl::StatusOr<std::string> HoldForReview(Connection& db, core::PostId post, const NewReply& reply,
                                          base::Micros now) {
  ASSIGN_OR_RETURN(auto update, db.Prepare(
      "UPDATE conversations SET post_count = post_count + 1,"
      " preview = CASE WHEN ?1 >= last_post_at THEN ?2 ELSE preview END,"
      " last_post_at = max(last_post_at, ?1) WHERE id = ?3"));
  RETURN_IF_ERROR(update->Bind(1, reply.created_at)
                      .Bind(2, base::TruncateUtf8(reply.text, kPreviewBytes))
                      .Bind(3, reply.conversation.value()).Run());
  ASSIGN_OR_RETURN(auto hold, db.Prepare(
      "INSERT INTO reply_reviews (post_id, conversation_id, author_id, state, status_after, requested_at)"
      " VALUES (?, ?, ?, 'pending', ?, ?)"));
  RETURN_IF_ERROR(hold->Bind(1, post.value()).Bind(2, reply.conversation.value())
                      .Bind(3, reply.sent_by.value())
                      .Bind(4, core::ConversationStatusName(reply.status_after)).Bind(5, now).Run());
  ASSIGN_OR_RETURN(std::vector<core::UserId> reviewers, LeadsFor(db, reply.conversation, reply.sent_by));
  RETURN_IF_ERROR(NotifyReviewers(db, reviewers, reply.conversation, reply.sent_by, reply.text, now));
  return json{{"post_id", post.value()},
              {"private", reply.is_private},
              {"status_after", core::ConversationStatusName(reply.status_after)},
              {"notify", UserIds(reviewers)}}
      .dump();
}

absl::StatusOr<core::StoredAttachment> SqliteStore::AddAttachment(const core::StoredAttachment& attachment) {
  if (attachment.sha256.size() != 64 || attachment.size < 0 || attachment.media_type.empty()) {
    return absl::InvalidArgumentError("an attachment needs its sha256, size and media type");
  }
  if (!base::IsValidUtf8(attachment.name)) return absl::InvalidArgumentError("the file name is not valid UTF-8");
  const base::Micros now = clock_.NowMicros();
  core::StoredAttachment stored = attachment;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto insert, db.Prepare(
        "INSERT INTO attachments (sha256, size, media_type, name, uploaded_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    RETURN_IF_ERROR(insert->Bind(1, attachment.sha256).Bind(2, attachment.size).Bind(3, attachment.media_type)
                        .Bind(4, attachment.name).Bind(5, attachment.uploaded_by.value()).Bind(6, now).Run());
    stored.id = core::AttachmentId(db.LastInsertRowId());
    stored.created_at = now;
    stored.post = core::PostId();
    stored.conversation = core::ConversationId();
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<core::StoredAttachment> SqliteStore::GetAttachment(core::AttachmentId id) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat("SELECT ", kAttachmentColumns, " WHERE a.id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool found, query->Step());
  if (!found) return absl::NotFoundError(base::StrCat("attachment ", id.value(), " not found"));
  return ReadAttachment(*query);
}

absl::StatusOr<std::vector<std::string>> SqliteStore::DeleteUnattachedAttachments(base::Micros before,
                                                                                  int limit) {
  std::vector<std::string> unreferenced;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto old, db.Prepare(
        "SELECT id, sha256 FROM attachments WHERE post_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?"));
    old->Bind(1, before).Bind(2, std::clamp(limit, 1, 10'000));
    ASSIGN_OR_RETURN(auto rows, CollectRows(*old, [](const Statement& row) {
      return std::pair<int64_t, std::string>(row.Int(0), row.Text(1));
    }));
    std::set<std::string> contents;
    for (const auto& [id, sha256] : rows) {
      ASSIGN_OR_RETURN(auto remove, db.Prepare("DELETE FROM attachments WHERE id = ?"));
      RETURN_IF_ERROR(remove->Bind(1, id).Run());
      contents.insert(sha256);
    }
    for (const std::string& sha256 : contents) {
      ASSIGN_OR_RETURN(auto used, db.Prepare("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1"));
      used->Bind(1, sha256);
      ASSIGN_OR_RETURN(bool still_used, used->Step());
      if (!still_used) unreferenced.push_back(sha256);
    }
    return absl::OkStatus();
  }));
  return unreferenced;
}

absl::StatusOr<ReviewSettings> SqliteStore::GetReviewSettings() {
  ASSIGN_OR_RETURN(auto db, Read());
  ReviewSettings settings;
  ASSIGN_OR_RETURN(auto teams, db->Prepare(
      "SELECT team_id FROM team_review_settings WHERE required = 1 ORDER BY team_id"));
  ASSIGN_OR_RETURN(settings.teams,
                   CollectRows(*teams, [](const Statement& row) { return core::TeamId(row.Int(0)); }));
  ASSIGN_OR_RETURN(auto users, db->Prepare("SELECT user_id, required FROM user_review_settings ORDER BY user_id"));
  ASSIGN_OR_RETURN(settings.users, CollectRows(*users, [](const Statement& row) {
    return std::pair<core::UserId, bool>(core::UserId(row.Int(0)), row.Int(1) != 0);
  }));
  return settings;
}

absl::Status SqliteStore::SetTeamReview(core::TeamId team, bool required) {
  return Write([&](Connection& db) -> absl::Status {
    if (!team.valid()) return absl::NotFoundError("team 0 not found");
    RETURN_IF_ERROR(CheckTeam(db, team));
    ASSIGN_OR_RETURN(auto set, db.Prepare(
        "INSERT INTO team_review_settings (team_id, required) VALUES (?, ?)"
        " ON CONFLICT (team_id) DO UPDATE SET required = excluded.required"));
    return set->Bind(1, team.value()).Bind(2, required ? 1 : 0).Run();
  });
}

absl::Status SqliteStore::SetUserReview(core::UserId user, std::optional<bool> required) {
  return Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT 1 FROM users WHERE id = ?"));
    find->Bind(1, user.value());
    ASSIGN_OR_RETURN(bool found, find->Step());
    if (!found) return absl::NotFoundError(base::StrCat("user ", user.value(), " not found"));
    if (!required) {
      ASSIGN_OR_RETURN(auto clear, db.Prepare("DELETE FROM user_review_settings WHERE user_id = ?"));
      return clear->Bind(1, user.value()).Run();
    }
    ASSIGN_OR_RETURN(auto set, db.Prepare(
        "INSERT INTO user_review_settings (user_id, required) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET required = excluded.required"));
    return set->Bind(1, user.value()).Bind(2, *required ? 1 : 0).Run();
  });
}

absl::StatusOr<std::vector<core::Post>> SqliteStore::ListPendingReplies(int limit) {
  if (limit < 1 || limit > 500) return absl::InvalidArgumentError("limit must be from 1 to 500");
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(base::StrCat(
      "SELECT ", kPostColumns, " FROM reply_reviews pending JOIN posts p ON p.id = pending.post_id"
      " JOIN authors a ON a.id = p.author_id WHERE pending.state = 'pending'"
      " AND pending.conversation_id NOT IN (SELECT id FROM conversations WHERE deleted_at IS NOT NULL)"
      " ORDER BY pending.requested_at, pending.post_id LIMIT ?")));
  query->Bind(1, limit);
  return CollectRows(*query, ReadPost);
}

absl::StatusOr<core::Post> SqliteStore::GetReviewedReply(core::PostId post) {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(core::Post reply, PostOn(*db, post));
  if (!reply.review) {
    return absl::NotFoundError(base::StrCat("post ", post.value(), " is not a reply waiting for approval"));
  }
  return reply;
}

absl::StatusOr<ReplyResult> SqliteStore::ApproveReply(core::PostId post, core::UserId reviewer,
                                                      base::Micros first_attempt_at) {
  const base::Micros now = clock_.NowMicros();
  ReplyResult result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(const ReviewRow review, ReviewOn(db, post));
    RETURN_IF_ERROR(NotInState(review, core::ReviewState::kPending));
    ASSIGN_OR_RETURN(auto approve, db.Prepare(
        "UPDATE reply_reviews SET state = 'approved', reviewer_id = ?, reviewed_at = ? WHERE post_id = ?"));
    RETURN_IF_ERROR(approve->Bind(1, reviewer.value()).Bind(2, now).Bind(3, post.value()).Run());
    // From here on it is a reply like any other (sqlite_inbox.cc AddReply).
    ASSIGN_OR_RETURN(auto queue, db.Prepare(
        "INSERT INTO outbox (post_id, conversation_id, state, next_attempt_at, created_at)"
        " VALUES (?, ?, 'pending', ?, ?)"));
    RETURN_IF_ERROR(queue->Bind(1, post.value()).Bind(2, review.conversation.value())
                        .Bind(3, first_attempt_at).Bind(4, now).Run());
    ASSIGN_OR_RETURN(auto status, db.Prepare(
        "UPDATE conversations SET status = ?, snoozed_until = NULL WHERE id = ?"));
    RETURN_IF_ERROR(status->Bind(1, review.status_after).Bind(2, review.conversation.value()).Run());
    // The approval is when the customer gets the answer: it stops the response timer.
    RETURN_IF_ERROR(RefreshSla(db, options_.sla_calculator, review.conversation, now));
    ASSIGN_OR_RETURN(result.seq, AppendEvent(db, now, review.conversation,
                                             {.kind = "reply.approved",
                                              .actor = reviewer,
                                              .data = json{{"post_id", post.value()},
                                                           {"author", review.author.value()},
                                                           {"status", review.status_after}}.dump()}));
    ASSIGN_OR_RETURN(result.post, PostOn(db, post));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<ReplyResult> SqliteStore::RejectReply(core::PostId post, core::UserId reviewer,
                                                     const std::string& reason) {
  if (base::Trim(reason).empty()) return absl::InvalidArgumentError("say why the reply is rejected (reason)");
  if (reason.size() > kMaxReasonBytes || !base::IsValidUtf8(reason)) {
    return absl::InvalidArgumentError(base::StrCat("the reason is at most ", kMaxReasonBytes, " bytes of text"));
  }
  const base::Micros now = clock_.NowMicros();
  ReplyResult result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(const ReviewRow review, ReviewOn(db, post));
    RETURN_IF_ERROR(NotInState(review, core::ReviewState::kPending));
    ASSIGN_OR_RETURN(auto reject, db.Prepare(
        "UPDATE reply_reviews SET state = 'rejected', reviewer_id = ?, reviewed_at = ?, reason = ?"
        " WHERE post_id = ?"));
    RETURN_IF_ERROR(reject->Bind(1, reviewer.value()).Bind(2, now).Bind(3, reason).Bind(4, post.value()).Run());
    RETURN_IF_ERROR(InsertNotification(db, {.user = review.author, .kind = core::NotificationKind::kReplyRejected,
                                            .conversation = review.conversation, .actor = reviewer,
                                            .text = reason, .at = now}));
    ASSIGN_OR_RETURN(result.seq, AppendEvent(db, now, review.conversation,
                                             {.kind = "reply.rejected",
                                              .actor = reviewer,
                                              .data = json{{"post_id", post.value()},
                                                           {"author", review.author.value()},
                                                           {"reason", reason},
                                                           {"notify", json::array({review.author.value()})}}
                                                          .dump()}));
    ASSIGN_OR_RETURN(result.post, PostOn(db, post));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<ReplyResult> SqliteStore::ResubmitReply(
    core::PostId post, const std::string& text,
    const std::optional<std::vector<core::AttachmentId>>& attachments) {
  if (!base::IsValidUtf8(text)) return absl::InvalidArgumentError("the reply is not valid UTF-8");
  const base::Micros now = clock_.NowMicros();
  ReplyResult result;
  RETURN_IF_ERROR(Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(const ReviewRow review, ReviewOn(db, post));
    RETURN_IF_ERROR(NotInState(review, core::ReviewState::kRejected));
    ASSIGN_OR_RETURN(const core::Post before, PostOn(db, post));
    // posts_fts has triggers for insert and delete only: change its row by hand.
    ASSIGN_OR_RETURN(auto unindex, db.Prepare(
        "INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', ?, ?)"));
    RETURN_IF_ERROR(unindex->Bind(1, post.value()).Bind(2, before.text).Run());
    ASSIGN_OR_RETURN(auto edit, db.Prepare("UPDATE posts SET text = ? WHERE id = ?"));
    RETURN_IF_ERROR(edit->Bind(1, text).Bind(2, post.value()).Run());
    ASSIGN_OR_RETURN(auto index, db.Prepare("INSERT INTO posts_fts (rowid, text) VALUES (?, ?)"));
    RETURN_IF_ERROR(index->Bind(1, post.value()).Bind(2, text).Run());
    if (attachments) RETURN_IF_ERROR(AttachToReply(db, post, review.author, *attachments, /*replace=*/true));
    ASSIGN_OR_RETURN(auto again, db.Prepare(
        "UPDATE reply_reviews SET state = 'pending', requested_at = ?, reviewer_id = NULL,"
        " reviewed_at = NULL, reason = '' WHERE post_id = ?"));
    RETURN_IF_ERROR(again->Bind(1, now).Bind(2, post.value()).Run());
    ASSIGN_OR_RETURN(std::vector<core::UserId> reviewers, LeadsFor(db, review.conversation, review.author));
    RETURN_IF_ERROR(NotifyReviewers(db, reviewers, review.conversation, review.author, text, now));
    ASSIGN_OR_RETURN(result.seq, AppendEvent(db, now, review.conversation,
                                             {.kind = "reply.resubmitted",
                                              .actor = review.author,
                                              .data = json{{"post_id", post.value()},
                                                           {"notify", UserIds(reviewers)}}.dump()}));
    ASSIGN_OR_RETURN(result.post, PostOn(db, post));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace webcare::storage::sqlite
