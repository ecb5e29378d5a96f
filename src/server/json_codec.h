#pragma once
// JSON shapes of the API objects (docs/api/openapi.yaml).

#include <nlohmann/json.hpp>

#include "core/conversation.h"
#include "core/people.h"
#include "core/post.h"

namespace webcare::server {

nlohmann::json ToJson(const core::User& user);
nlohmann::json ToJson(const core::AuthorIdentity& author);
nlohmann::json ToJson(const core::Post& post);
nlohmann::json ToJson(const core::Conversation& conversation);

// Serialises without throwing: invalid UTF-8 (which the store never holds) is replaced.
std::string Dump(const nlohmann::json& value);

}  // namespace webcare::server
