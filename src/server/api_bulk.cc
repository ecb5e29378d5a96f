// The bulk endpoints: one action on many conversations (by id, or every one matching the
// conversation list's filters), how many a filter matches, and undoing a bulk deletion
// (inbox/bulk_actions.h, docs/api/README.md).

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

constexpr std::string_view kActions = "assign, add_label, remove_label, status, team, delete";

// body[field] as an id; 0 for null.
absl::StatusOr<int64_t> IdOrNull(const json& params, const char* field) {
  const auto it = params.find(field);
  if (it == params.end() || !(it->is_null() || (it->is_number_integer() && it->get<int64_t>() > 0))) {
    return absl::InvalidArgumentError(base::StrCat("params.", field, " is required (an id, or null)"));
  }
  return it->is_null() ? 0 : it->get<int64_t>();
}

absl::StatusOr<inbox::BulkAction> ReadAction(const json& body) {
  ASSIGN_OR_RETURN(const std::string name, RequiredString(body, "action"));
  const auto kind = inbox::ParseBulkAction(name);
  if (!kind) return absl::InvalidArgumentError(base::StrCat("action must be one of ", kActions));
  json params = json::object();
  if (const auto it = body.find("params"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return absl::InvalidArgumentError("params must be an object");
    params = *it;
  }
  inbox::BulkAction action{.kind = *kind};
  switch (*kind) {
    case inbox::BulkActionKind::kAssign: {
      ASSIGN_OR_RETURN(const int64_t user, IdOrNull(params, "user_id"));
      action.assignee = core::UserId(user);
      break;
    }
    case inbox::BulkActionKind::kAddLabel:
    case inbox::BulkActionKind::kRemoveLabel: {
      auto label = RequiredString(params, "label");
      if (!label.ok()) return absl::InvalidArgumentError("params.label is required (the label's text)");
      action.label = std::move(*label);
      break;
    }
    case inbox::BulkActionKind::kStatus: {
      auto status_name = RequiredString(params, "status");
      const auto status = status_name.ok() ? core::ParseConversationStatus(*status_name) : std::nullopt;
      if (!status) {
        return absl::InvalidArgumentError("params.status must be one of open, waiting, snoozed, resolved");
      }
      action.status = *status;
      if (*status == core::ConversationStatus::kSnoozed) {
        auto until = RequiredString(params, "snoozed_until");
        auto parsed = until.ok() ? base::ParseRfc3339(*until) : absl::StatusOr<base::Micros>(until.status());
        if (!parsed.ok()) {
          return absl::InvalidArgumentError("params.snoozed_until is required with snoozed (an RFC 3339 time)");
        }
        action.snoozed_until = *parsed;
      }
      break;
    }
    case inbox::BulkActionKind::kTeam: {
      ASSIGN_OR_RETURN(const int64_t team, IdOrNull(params, "team_id"));
      action.team = core::TeamId(team);
      break;
    }
    case inbox::BulkActionKind::kDelete:
      break;
  }
  return action;
}

// The view and filters of GET /api/v1/conversations, from a query string of the same names.
absl::StatusOr<inbox::MatchingFilter> ReadMatchingQuery(const HttpRequest& request) {
  inbox::MatchingFilter matching;
  const auto view = inbox::ParseView(request.Query("view"));
  if (!view) return absl::InvalidArgumentError("view must be one of mine, team, unassigned, all");
  matching.view = *view;
  ASSIGN_OR_RETURN(matching.filter, ConversationFilterFromQuery(request));
  return matching;
}

// The list's filters as GET /api/v1/conversations reads them from its query string, here from
// an object of the same names: {"view": "unassigned", "status": "open", "q": "storing"}.
absl::StatusOr<inbox::MatchingFilter> ReadMatching(const json& filter) {
  if (!filter.is_object()) {
    return absl::InvalidArgumentError("filter must be an object of the list's filters, e.g. {\"view\":\"mine\"}");
  }
  HttpRequest query;
  for (const auto& [name, value] : filter.items()) {
    // Paging is the list's, not the selection's: a filter matches every page.
    if (name == "limit" || name == "cursor" || value.is_null()) continue;
    if (value.is_string()) {
      query.query[name] = value.get<std::string>();
    } else if (value.is_number_integer()) {
      query.query[name] = base::StrCat(value.get<int64_t>());
    } else if (value.is_boolean()) {
      query.query[name] = value.get<bool>() ? "1" : "0";
    } else {
      return absl::InvalidArgumentError(base::StrCat("filter.", name, " must be a string or a number"));
    }
  }
  return ReadMatchingQuery(query);
}

absl::StatusOr<inbox::BulkSelection> ReadSelection(const json& body) {
  const auto ids = body.find("ids");
  const auto filter = body.find("filter");
  const bool has_ids = ids != body.end() && !ids->is_null();
  const bool has_filter = filter != body.end() && !filter->is_null();
  if (has_ids == has_filter) {
    return absl::InvalidArgumentError(
        "send either ids (a list of conversation ids) or filter (the conversation list's filters, for every "
        "conversation matching them), not both");
  }
  inbox::BulkSelection selection;
  if (has_filter) {
    ASSIGN_OR_RETURN(selection.matching, ReadMatching(*filter));
    return selection;
  }
  if (!ids->is_array()) return absl::InvalidArgumentError("ids must be a list of conversation ids");
  // Checked before reading them all: the service refuses more anyway, with the same message.
  if (ids->size() > 2 * inbox::BulkActions::kMaxConversations) {
    return absl::InvalidArgumentError(base::StrCat("a bulk action takes at most ", inbox::BulkActions::kMaxConversations,
                                                   " conversations at once"));
  }
  for (const auto& id : *ids) {
    if (!id.is_number_integer() || id.get<int64_t>() <= 0) {
      return absl::InvalidArgumentError("ids must be a list of conversation ids (positive whole numbers)");
    }
    selection.ids.emplace_back(id.get<int64_t>());
  }
  return selection;
}

json BatchJson(const storage::DeleteBatch& batch) {
  return {{"batch", batch.id},
          {"deleted_at", base::FormatRfc3339(batch.deleted_at)},
          {"expires_at", base::FormatRfc3339(batch.expires_at)},
          {"conversations", batch.conversations}};
}

json IdsJson(const std::vector<core::ConversationId>& ids) {
  json out = json::array();
  for (const core::ConversationId id : ids) out.push_back(id.value());
  return out;
}

}  // namespace

void RegisterBulk(Router& router, const ApiServices& services) {
  router.Add("POST", "/api/v1/conversations/bulk", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(const json body, ParseBody(request));
    if (!body.is_object()) return absl::InvalidArgumentError("the body must be a JSON object");
    ASSIGN_OR_RETURN(const inbox::BulkAction action, ReadAction(body));
    ASSIGN_OR_RETURN(const inbox::BulkSelection selection, ReadSelection(body));
    ASSIGN_OR_RETURN(const inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(const inbox::BulkResult result, services.bulk.Apply(viewer, selection, action));
    json skipped = json::array();
    for (const inbox::BulkSkip& skip : result.skipped) {
      skipped.push_back({{"id", skip.id.value()}, {"code", skip.code}, {"reason", skip.reason}});
    }
    return JsonResponse(200, Dump({{"action", inbox::BulkActionName(action.kind)},
                                   {"affected", result.affected.size()},
                                   {"conversation_ids", IdsJson(result.affected)},
                                   {"skipped", std::move(skipped)},
                                   {"undo", result.undo ? BatchJson(*result.undo) : json(nullptr)}}));
  });
  router.Add("GET", "/api/v1/conversations/bulk/count", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(const inbox::MatchingFilter matching, ReadMatchingQuery(request));
    ASSIGN_OR_RETURN(const inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(const int64_t count, services.bulk.CountMatching(viewer, matching));
    const auto limit = static_cast<int64_t>(inbox::BulkActions::kMaxConversations);
    return JsonResponse(200, Dump({{"count", std::min(count, limit)},
                                   {"limit", limit},
                                   {"over_limit", count > limit}}));
  });
  router.Add("POST", "/api/v1/conversations/bulk/{batch}/undo", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(const int64_t batch, PathId(request, "batch"));
    ASSIGN_OR_RETURN(const inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(const storage::Restored restored, services.bulk.Undo(viewer, batch));
    json out = BatchJson(restored.batch);
    out["restored"] = restored.restored.size();
    out["conversation_ids"] = IdsJson(restored.restored);
    return JsonResponse(200, Dump(out));
  });
}

}  // namespace webcare::server
