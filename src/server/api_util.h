#pragma once
// Request reading shared by the API's endpoint files (api.cc, api_streams.cc).

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "analysis/query/ast.h"
#include "server/http_types.h"
#include "storage/store.h"

namespace webcare::server {

// The body as JSON; InvalidArgument when it is not.
absl::StatusOr<nlohmann::json> ParseBody(const HttpRequest& request);

// body[field] as a string; InvalidArgument naming the field when missing or not a string.
absl::StatusOr<std::string> RequiredString(const nlohmann::json& body, const char* field);

// The path parameter `name` as a positive id.
absl::StatusOr<int64_t> PathId(const HttpRequest& request, const char* name);

// limit (1-200) and cursor from the query string.
absl::StatusOr<storage::Page> ReadPage(const HttpRequest& request);

// The `q` parameter in the monitoring query language (docs/query-language.md); nullopt when
// absent or blank and not `required`. Parse errors name the column.
absl::StatusOr<std::optional<analysis::query::Query>> ReadQuery(const HttpRequest& request,
                                                                bool required);

// null for the last page, else the cursor.
nlohmann::json CursorJson(const std::string& cursor);

}  // namespace webcare::server
