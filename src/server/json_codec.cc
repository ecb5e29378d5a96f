#include "server/json_codec.h"

#include "base/time_format.h"

namespace webcare::server {
namespace {

nlohmann::json OptionalString(const std::string& value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

template <typename Id>
nlohmann::json OptionalId(Id id) {
  return id.valid() ? nlohmann::json(id.value()) : nlohmann::json(nullptr);
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
            {"replies", post.metrics.replies}, {"views", post.metrics.views}}}};
}

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
          {"team_id", OptionalId(conversation.team)}};
}

}  // namespace webcare::server
