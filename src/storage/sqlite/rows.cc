#include "storage/sqlite/rows.h"

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "storage/sqlite/sla_rows.h"

namespace webcare::storage::sqlite {
namespace {

// Columns kPostColumns[21..34]: the analysis stored with the post.
core::PostClassification ReadClassification(const Statement& row) {
  core::PostClassification c;
  c.analysed = row.Int(21) != 0;
  if (!c.analysed) return c;
  c.language = row.Text(22);
  c.language_confidence = row.Double(23);
  c.sentiment_score = row.Double(24);
  c.sentiment_label = row.Text(25);
  if (!row.IsNull(26)) {
    const auto terms = nlohmann::json::parse(row.Text(26), nullptr, /*allow_exceptions=*/false);
    if (terms.is_array()) {
      for (const auto& term : terms) {
        if (!term.is_object()) continue;
        c.sentiment_explanation.push_back({.token = term.value("token", ""),
                                           .contribution = term.value("contribution", 0.0),
                                           .rule = term.value("rule", ""),
                                           .source = term.value("source", "")});
      }
    }
  }
  c.intent = row.Text(27);
  c.is_question = row.Int(28) != 0;
  c.has_link = row.Int(29) != 0;
  c.tags = row.Text(30);
  c.priority = static_cast<int>(row.Int(31));
  c.team = core::TeamId(row.Int(32));
  if (!row.IsNull(33)) {
    const auto reasons = nlohmann::json::parse(row.Text(33), nullptr, /*allow_exceptions=*/false);
    if (reasons.is_array()) {
      for (const auto& reason : reasons) {
        if (!reason.is_object()) continue;
        c.reasons.push_back({.code = reason.value("code", ""),
                             .text = reason.value("text", ""),
                             .points = reason.value("points", 0)});
      }
    }
  }
  c.streams = ReadStreamRefs(row, 34);
  return c;
}

// Column 38 of kPostColumns: {"state", "author", "requested_at", "reviewer", ...}.
std::optional<core::ReplyReview> ReadReview(const std::string& text) {
  const auto review = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!review.is_object()) return std::nullopt;
  const auto number = [&](const char* key) {
    const auto it = review.find(key);
    return it != review.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
  };
  const auto it = review.find("reviewer_name");
  return core::ReplyReview{
      .state = core::ParseReviewState(review.value("state", "")).value_or(core::ReviewState::kPending),
      .author = core::UserId(number("author")),
      .requested_at = number("requested_at"),
      .reviewer = core::UserId(number("reviewer")),
      .reviewer_name = it != review.end() && it->is_string() ? it->get<std::string>() : "",
      .reviewed_at = number("reviewed_at"),
      .reason = review.value("reason", "")};
}

}  // namespace

std::vector<core::StreamRef> ReadStreamRefs(const Statement& row, int column) {
  std::vector<core::StreamRef> refs;
  if (row.IsNull(column)) return refs;
  const auto json = nlohmann::json::parse(row.Text(column), nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return refs;
  for (const auto& item : json) {
    if (!item.is_object()) continue;
    refs.push_back({.id = core::StreamId(item.value("id", int64_t{0})),
                    .name = item.value("name", ""),
                    .colour = item.value("colour", "")});
  }
  return refs;
}

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
                  .is_private = row.Int(11) != 0,
                  .classification = ReadClassification(row),
                  .sent_by = core::UserId(row.Int(35)),
                  .sent_by_name = row.Text(37)};
  if (!row.IsNull(36)) {
    const auto delivery = nlohmann::json::parse(row.Text(36), nullptr, /*allow_exceptions=*/false);
    if (delivery.is_object()) {
      const auto number = [&](const char* key) {
        const auto it = delivery.find(key);
        return it != delivery.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
      };
      post.delivery = core::Delivery{
          .id = core::OutboxId(number("id")),
          .state = core::ParseDeliveryState(delivery.value("state", ""))
                       .value_or(core::DeliveryState::kPending),
          .attempts = static_cast<int>(number("attempts")),
          .last_error = delivery.value("last_error", ""),
          .next_attempt_at = number("next_attempt_at"),
          .delivered_at = number("delivered_at")};
    }
  }
  if (!row.IsNull(12)) {
    const auto attachments = nlohmann::json::parse(row.Text(12), nullptr, /*allow_exceptions=*/false);
    if (attachments.is_array()) {
      for (const auto& item : attachments) {
        post.attachments.push_back({.url = item.value("url", ""),
                                    .media_type = item.value("media_type", ""),
                                    .name = item.value("name", ""),
                                    .id = core::AttachmentId(item.value("id", int64_t{0})),
                                    .size = item.value("size", int64_t{0}),
                                    .sha256 = item.value("sha256", "")});
      }
    }
  }
  if (!row.IsNull(38)) post.review = ReadReview(row.Text(38));
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
  core::Conversation conversation{
      .id = core::ConversationId(row.Int(0)),
      .network = row.Text(1),
      .channel = row.Text(2),
      .status = core::ParseConversationStatus(row.Text(3)).value_or(core::ConversationStatus::kNew),
      .priority = static_cast<int>(row.Int(4)),
      .team = core::TeamId(row.Int(5)),
      .assignee = core::UserId(row.Int(6)),
      .assignee_name = row.Text(25),
      .team_name = row.Text(26),
      .author = ReadAuthor(row, 12),
      .preview = row.Text(8),
      .is_private = row.Int(7) != 0,
      .language = row.Text(19),
      .sentiment_label = row.Text(20),
      .streams = ReadStreamRefs(row, 21),
      .snoozed_until = row.Int(22),
      .post_count = row.Int(9),
      .first_post_at = row.Int(10),
      .last_post_at = row.Int(11)};
  if (!row.IsNull(23)) {
    const std::string labels = row.Text(23);
    for (std::string_view label : base::Split(labels, '\n')) {
      conversation.labels.emplace_back(label);
    }
  }
  if (!row.IsNull(24)) {
    const std::string experts = row.Text(24);
    for (std::string_view id : base::Split(experts, ',')) {
      int64_t value = 0;
      if (base::ParseInt(id, value)) conversation.experts.emplace_back(value);
    }
  }
  if (!row.IsNull(27)) {
    const auto escalation = nlohmann::json::parse(row.Text(27), nullptr, /*allow_exceptions=*/false);
    if (escalation.is_object()) {
      conversation.escalation = core::Escalation{
          .kind = core::ParseEscalationKind(escalation.value("kind", "")).value_or(core::EscalationKind::kManagement),
          .reason = escalation.value("reason", ""),
          .by = core::UserId(escalation.value("by", int64_t{0})),
          .by_name = escalation.value("by_name", ""),
          .at = escalation.value("at", int64_t{0})};
    }
  }
  conversation.next_follow_up_at = row.Int(28);
  conversation.sla = ReadConversationSla(row, kConversationSlaColumn);
  return conversation;
}

absl::Status CheckActiveUser(Connection& db, core::UserId user) {
  ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT disabled FROM users WHERE id = ?"));
  find->Bind(1, user.value());
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found || find->Int(0) != 0) {
    return absl::NotFoundError(base::StrCat("user ", user.value(), " not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<core::UserId>> LeadsFor(Connection& db, core::ConversationId conversation,
                                                   core::UserId except) {
  const auto ids = [](const Statement& row) { return core::UserId(row.Int(0)); };
  ASSIGN_OR_RETURN(auto team_leads, db.Prepare(
      "SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id"
      " JOIN conversations c ON c.team_id = m.team_id"
      " WHERE c.id = ? AND u.role = 'lead' AND u.disabled = 0 AND u.id <> ? ORDER BY u.id"));
  team_leads->Bind(1, conversation.value()).Bind(2, except.value());
  ASSIGN_OR_RETURN(std::vector<core::UserId> leads, CollectRows(*team_leads, ids));
  for (const char* role : {"lead", "admin"}) {
    if (!leads.empty()) break;
    ASSIGN_OR_RETURN(auto everyone, db.Prepare(
        "SELECT id FROM users WHERE role = ? AND disabled = 0 AND id <> ? ORDER BY id"));
    everyone->Bind(1, role).Bind(2, except.value());
    ASSIGN_OR_RETURN(leads, CollectRows(*everyone, ids));
  }
  return leads;
}

absl::Status InsertNotification(Connection& db, const NotificationRow& row) {
  ASSIGN_OR_RETURN(auto insert, db.Prepare(
      "INSERT INTO notifications (user_id, kind, conversation_id, actor_id, text, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?)"));
  insert->Bind(1, row.user.value()).Bind(2, core::NotificationKindName(row.kind)).Bind(3, row.conversation.value())
      .Bind(5, base::TruncateUtf8(row.text, kNotificationTextBytes)).Bind(6, row.at);
  if (row.actor.valid()) insert->Bind(4, row.actor.value()); else insert->BindNull(4);
  return insert->Run();
}

absl::StatusOr<bool> EndEscalationOn(Connection& db, core::ConversationId id, core::UserId by,
                                     base::Micros at) {
  ASSIGN_OR_RETURN(auto end, db.Prepare(
      "UPDATE escalations SET ended_at = ?, ended_by = ? WHERE conversation_id = ? AND ended_at IS NULL"));
  end->Bind(1, at).Bind(3, id.value());
  if (by.valid()) end->Bind(2, by.value()); else end->BindNull(2);
  RETURN_IF_ERROR(end->Run());
  return db.Changes() > 0;
}

std::string VisibilityClause(int user_param, int teams_param) {
  // The unary + keeps SQLite from answering the OR with one index lookup per term: an agent
  // sees a large part of the inbox, so that would gather and sort hundreds of thousands of
  // rows. As a plain filter it leaves the choice of index to the view's own conditions and
  // order, which stop after a page.
  return base::StrCat(
      "(+c.team_id IS NULL OR +c.assignee_id = ?", user_param,
      " OR +c.team_id IN (SELECT value FROM json_each(?", teams_param, "))",
      " OR c.id IN (SELECT e.conversation_id FROM conversation_experts e WHERE e.user_id = ?",
      user_param, "))");
}

std::string TeamIdsJson(const std::vector<core::TeamId>& teams) {
  nlohmann::json ids = nlohmann::json::array();
  for (const core::TeamId team : teams) ids.push_back(team.value());
  return ids.dump();
}

absl::Status CheckTeam(Connection& db, core::TeamId team) {
  if (!team.valid()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT 1 FROM teams WHERE id = ?"));
  find->Bind(1, team.value());
  ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return absl::NotFoundError(base::StrCat("team ", team.value(), " not found"));
  return absl::OkStatus();
}

absl::StatusOr<core::Conversation> ConversationOn(Connection& db, core::ConversationId id) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat(
      "SELECT ", kConversationColumns,
      " FROM conversations c JOIN authors a ON a.id = c.author_id WHERE c.id = ?"
      // A deleted conversation is gone for every reader and writer until undone (sqlite_bulk.cc).
      " AND c.deleted_at IS NULL")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("conversation ", id.value(), " not found"));
  return ReadConversation(*query);
}

absl::StatusOr<core::Post> PostOn(Connection& db, core::PostId id) {
  ASSIGN_OR_RETURN(auto query, db.Prepare(base::StrCat(
      "SELECT ", kPostColumns, " FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id = ?")));
  query->Bind(1, id.value());
  ASSIGN_OR_RETURN(bool row, query->Step());
  if (!row) return absl::NotFoundError(base::StrCat("post ", id.value(), " not found"));
  return ReadPost(*query);
}

}  // namespace webcare::storage::sqlite
