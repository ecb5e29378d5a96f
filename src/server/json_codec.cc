#include "server/json_codec.h"

#include "base/time_format.h"
#include "server/sla_json.h"

namespace webcare::server {
namespace {

nlohmann::json OptionalString(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

template <typename Id>
nlohmann::json OptionalId(Id id) {
  return id.valid() ? nlohmann::json(id.value()) : nlohmann::json(nullptr);
}

nlohmann::json OptionalTime(base::Micros time) {
  return time ? nlohmann::json(base::FormatRfc3339(time)) : nlohmann::json(nullptr);
}

// {"id": 3, "name": "Anna"}, or null for an unset id.
nlohmann::json Person(core::UserId id, const std::string& name) {
  return id.valid() ? nlohmann::json{{"id", id.value()}, {"name", name}} : nlohmann::json(nullptr);
}

template <typename Id>
nlohmann::json IdList(const std::vector<Id>& ids) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto id : ids) out.push_back(id.value());
  return out;
}

nlohmann::json StreamRefs(const std::vector<core::StreamRef>& streams) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& stream : streams) {
    nlohmann::json ref{{"id", stream.id.value()}, {"name", stream.name}};
    // Present where the store read it; `webcare analyze` output has only id and name.
    if (!stream.colour.empty()) ref["colour"] = stream.colour;
    out.push_back(std::move(ref));
  }
  return out;
}

}  // namespace

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ToJson(const core::User& user) {
  return {{"id", user.id.value()}, {"email", user.email}, {"name", user.name},
          {"role", core::RoleName(user.role)}};
}

nlohmann::json ToJson(const core::AuthorIdentity& author) {
  return {{"id", author.id.value()},     {"network", author.network},
          {"handle", author.handle},     {"name", author.name},
          {"followers", author.followers}, {"url", OptionalString(author.url)}};
}

nlohmann::json ToJson(const core::Post& post) {
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& attachment : post.attachments) {
    attachments.push_back(
        {{"url", attachment.url}, {"media_type", attachment.media_type}, {"name", attachment.name}});
    // A file uploaded to Webcare: its id (GET /api/v1/attachments/{id}), size and hash.
    if (attachment.id.valid()) {
      attachments.back()["id"] = attachment.id.value();
      attachments.back()["size"] = attachment.size;
      attachments.back()["sha256"] = attachment.sha256;
    }
  }
  return {{"id", post.id.value()},
          {"conversation_id", post.conversation.value()},
          {"network", post.network},
          {"channel", post.channel},
          {"external_id", post.external_id},
          {"author", ToJson(post.author)},
          {"text", post.text},
          {"created_at", base::FormatRfc3339(post.created_at)},
          {"in_reply_to", OptionalString(post.in_reply_to)},
          {"url", OptionalString(post.url)},
          {"direction", core::DirectionName(post.direction)},
          {"private", post.is_private},
          {"attachments", std::move(attachments)},
          {"metrics",
           {{"likes", post.metrics.likes}, {"reposts", post.metrics.reposts},
            {"replies", post.metrics.replies}, {"views", post.metrics.views}}},
          {"analysis", post.classification.analysed ? ToJson(post.classification)
                                                    : nlohmann::json(nullptr)},
          {"sent_by", Person(post.sent_by, post.sent_by_name)},
          {"delivery", post.delivery ? ToJson(*post.delivery) : nlohmann::json(nullptr)},
          {"review", post.review ? ToJson(*post.review) : nlohmann::json(nullptr)}};
}

nlohmann::json ToJson(const core::ReplyReview& review) {
  return {{"state", core::ReviewStateName(review.state)},
          {"author_id", review.author.value()},
          {"requested_at", base::FormatRfc3339(review.requested_at)},
          {"reviewer", Person(review.reviewer, review.reviewer_name)},
          {"reviewed_at", OptionalTime(review.reviewed_at)},
          {"reason", review.state == core::ReviewState::kRejected ? nlohmann::json(review.reason)
                                                                  : nlohmann::json(nullptr)}};
}

nlohmann::json ToJson(const core::Delivery& delivery) {
  return {{"id", delivery.id.value()},
          {"state", core::DeliveryStateName(delivery.state)},
          {"attempts", delivery.attempts},
          {"last_error", delivery.last_error},
          {"next_attempt_at", OptionalTime(delivery.state == core::DeliveryState::kPending
                                               ? delivery.next_attempt_at
                                               : 0)},
          {"delivered_at", OptionalTime(delivery.delivered_at)}};
}

nlohmann::json ToJson(const core::Note& note) {
  return {{"id", note.id.value()},
          {"conversation_id", note.conversation.value()},
          {"author", Person(note.author, note.author_name)},
          {"text", note.text},
          {"mentions", IdList(note.mentions)},
          {"created_at", base::FormatRfc3339(note.created_at)}};
}

nlohmann::json ToJson(const core::Notification& notification) {
  return {{"id", notification.id.value()},
          {"kind", core::NotificationKindName(notification.kind)},
          {"conversation_id", OptionalId(notification.conversation)},
          {"actor", Person(notification.actor, notification.actor_name)},
          {"text", notification.text},
          {"created_at", base::FormatRfc3339(notification.created_at)},
          {"read", notification.read_at != 0}};
}

nlohmann::json ToJson(const core::Event& event) {
  nlohmann::json data = nlohmann::json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) data = nlohmann::json::object();
  return {{"seq", event.seq},
          {"kind", event.kind},
          {"at", base::FormatRfc3339(event.at)},
          {"conversation_id", OptionalId(event.conversation)},
          {"actor", Person(event.actor, event.actor_name)},
          {"data", std::move(data)}};
}

nlohmann::json ToJson(const core::PostClassification& analysis) {
  nlohmann::json explanation = nlohmann::json::array();
  for (const auto& term : analysis.sentiment_explanation) {
    explanation.push_back({{"token", term.token},
                           {"contribution", term.contribution},
                           {"rule", term.rule},
                           {"source", OptionalString(term.source)}});
  }
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : analysis.reasons) {
    reasons.push_back({{"code", reason.code}, {"text", reason.text}, {"points", reason.points}});
  }
  return {{"language", analysis.language},
          {"language_confidence", analysis.language_confidence},
          {"sentiment",
           {{"score", analysis.sentiment_score},
            {"label", analysis.sentiment_label},
            {"explanation", std::move(explanation)}}},
          {"intent", analysis.intent},
          {"is_question", analysis.is_question},
          {"has_link", analysis.has_link},
          {"streams", StreamRefs(analysis.streams)},
          {"team_id", OptionalId(analysis.team)},
          {"priority", analysis.priority},
          {"reasons", std::move(reasons)}};
}

nlohmann::json ToJson(const core::Stream& stream) {
  return {{"id", stream.id.value()},
          {"name", stream.name},
          {"query", stream.query},
          {"team_id", OptionalId(stream.owner_team)},
          {"colour", stream.colour},
          {"priority_weight", stream.priority_weight},
          {"active", stream.active},
          {"created_at", base::FormatRfc3339(stream.created_at)},
          {"updated_at", base::FormatRfc3339(stream.updated_at)}};
}

nlohmann::json ToJson(const core::Team& team) { return {{"id", team.id.value()}, {"name", team.name}}; }

nlohmann::json ToJson(const core::Conversation& conversation) {
  return {{"id", conversation.id.value()},
          {"network", conversation.network},
          {"channel", conversation.channel},
          {"status", core::ConversationStatusName(conversation.status)},
          {"priority", conversation.priority},
          {"author", ToJson(conversation.author)},
          {"preview", conversation.preview},
          {"private", conversation.is_private},
          {"post_count", conversation.post_count},
          {"first_post_at", base::FormatRfc3339(conversation.first_post_at)},
          {"last_post_at", base::FormatRfc3339(conversation.last_post_at)},
          {"assignee_id", OptionalId(conversation.assignee)},
          {"assignee", conversation.assignee.valid()
                           ? nlohmann::json{{"id", conversation.assignee.value()},
                                            {"name", conversation.assignee_name}}
                           : nlohmann::json(nullptr)},
          {"team_id", OptionalId(conversation.team)},
          {"team", conversation.team.valid()
                       ? nlohmann::json{{"id", conversation.team.value()}, {"name", conversation.team_name}}
                       : nlohmann::json(nullptr)},
          {"labels", conversation.labels},
          {"experts", IdList(conversation.experts)},
          {"snoozed_until", OptionalTime(conversation.snoozed_until)},
          {"escalation", conversation.escalation
                             ? nlohmann::json{{"kind", core::EscalationKindName(conversation.escalation->kind)},
                                              {"reason", conversation.escalation->reason},
                                              {"by", {{"id", conversation.escalation->by.value()},
                                                      {"name", conversation.escalation->by_name}}},
                                              {"at", base::FormatRfc3339(conversation.escalation->at)}}
                             : nlohmann::json(nullptr)},
          {"next_follow_up_at", OptionalTime(conversation.next_follow_up_at)},
          {"language", OptionalString(conversation.language)},
          {"sentiment", OptionalString(conversation.sentiment_label)},
          {"streams", StreamRefs(conversation.streams)},
          {"sla", ToJson(conversation.sla)}};  // sla_json.cc
}

}  // namespace webcare::server
