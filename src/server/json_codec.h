#pragma once
// JSON shapes of the API objects (docs/api/openapi.yaml).

#include <nlohmann/json.hpp>

#include "core/classification.h"
#include "core/conversation.h"
#include "core/inbox.h"
#include "core/people.h"
#include "core/post.h"

namespace webcare::server {

nlohmann::json ToJson(const core::User& user);
nlohmann::json ToJson(const core::AuthorIdentity& author);
nlohmann::json ToJson(const core::Post& post);
nlohmann::json ToJson(const core::Conversation& conversation);
nlohmann::json ToJson(const core::Stream& stream);
nlohmann::json ToJson(const core::Team& team);
nlohmann::json ToJson(const core::Delivery& delivery);
nlohmann::json ToJson(const core::ReplyReview& review);
nlohmann::json ToJson(const core::Note& note);
nlohmann::json ToJson(const core::Notification& notification);
nlohmann::json ToJson(const core::Event& event);
// The analysis of a post: language, sentiment {score, label, explanation}, intent, streams,
// priority and reasons. The same object `webcare analyze` prints per line.
nlohmann::json ToJson(const core::PostClassification& analysis);

// Serialises without throwing: invalid UTF-8 (which the store never holds) is replaced.
std::string Dump(const nlohmann::json& value);

}  // namespace webcare::server
