#include "server/api_util.h"

#include "analysis/query/parser.h"
#include "base/status.h"
#include "base/strings.h"

namespace webcare::server {

using nlohmann::json;

absl::StatusOr<json> ParseBody(const HttpRequest& request) {
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return absl::InvalidArgumentError("the body is not valid JSON");
  return body;
}

absl::StatusOr<std::string> RequiredString(const json& body, const char* field) {
  if (!body.is_object()) return absl::InvalidArgumentError("the body must be a JSON object");
  auto it = body.find(field);
  if (it == body.end() || !it->is_string()) {
    return absl::InvalidArgumentError(base::StrCat(field, " is required and must be a string"));
  }
  return it->get<std::string>();
}

absl::StatusOr<int64_t> PathId(const HttpRequest& request, const char* name) {
  int64_t id = 0;
  auto it = request.path_params.find(name);
  if (it == request.path_params.end() || !base::ParseInt(it->second, id) || id <= 0) {
    return absl::InvalidArgumentError(base::StrCat(name, " must be a positive whole number"));
  }
  return id;
}

absl::StatusOr<storage::Page> ReadPage(const HttpRequest& request) {
  storage::Page page;
  if (std::string_view limit = request.Query("limit"); !limit.empty()) {
    if (!base::ParseInt(limit, page.limit) || page.limit < 1 || page.limit > 200) {
      return absl::InvalidArgumentError("limit must be a whole number from 1 to 200");
    }
  }
  page.cursor = std::string(request.Query("cursor"));
  return page;
}

absl::StatusOr<std::optional<analysis::query::Query>> ReadQuery(const HttpRequest& request,
                                                                bool required) {
  const std::string_view q = request.Query("q");
  if (q.find_first_not_of(" \t") == std::string_view::npos) {
    if (required) return absl::InvalidArgumentError("q (the search query) is required");
    return std::nullopt;
  }
  ASSIGN_OR_RETURN(analysis::query::Query query, analysis::query::Parse(q));
  return query;
}

json CursorJson(const std::string& cursor) { return cursor.empty() ? json(nullptr) : json(cursor); }

}  // namespace webcare::server
