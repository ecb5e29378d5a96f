// The follow-up endpoints: follow-ups on a conversation and one's own, closing them, the
// promises found in a reply text, escalations, and the follow-up settings.

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

json ToJson(const core::FollowUp& follow_up) {
  auto optional_time = [](base::Micros at) { return at ? json(base::FormatRfc3339(at)) : json(nullptr); };
  return {{"id", follow_up.id.value()},
          {"conversation_id", follow_up.conversation.value()},
          {"kind", core::FollowUpKindName(follow_up.kind)},
          {"owner", {{"id", follow_up.owner.value()}, {"name", follow_up.owner_name}}},
          {"created_by", follow_up.created_by.value()},
          {"text", follow_up.text},
          {"phone", follow_up.phone.empty() ? json(nullptr) : json(follow_up.phone)},
          {"source", core::FollowUpSourceName(follow_up.source)},
          {"due_at", base::FormatRfc3339(follow_up.due_at)},
          {"state", core::FollowUpStateName(follow_up.state)},
          {"created_at", base::FormatRfc3339(follow_up.created_at)},
          {"reminded_at", optional_time(follow_up.reminded_at)},
          {"escalated_at", optional_time(follow_up.escalated_at)},
          {"closed_at", optional_time(follow_up.closed_at)}};
}

json ToJson(const std::vector<core::FollowUp>& follow_ups) {
  json items = json::array();
  for (const auto& follow_up : follow_ups) items.push_back(ToJson(follow_up));
  return {{"follow_ups", std::move(items)}};
}

// body[field] as an RFC 3339 time; 0 when absent and not required.
absl::StatusOr<base::Micros> TimeField(const json& body, const char* field, bool required) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return absl::InvalidArgumentError(base::StrCat(field, " is required (an RFC 3339 time)"));
    return 0;
  }
  if (!it->is_string()) return absl::InvalidArgumentError(base::StrCat(field, " must be an RFC 3339 time"));
  auto parsed = base::ParseRfc3339(it->get<std::string>());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(base::StrCat(field, " must be an RFC 3339 time such as 2026-11-23T10:00:00+01:00"));
  }
  return *parsed;
}

// body[field] as a positive id; 0 when absent or null.
absl::StatusOr<int64_t> IdField(const json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) {
    return absl::InvalidArgumentError(base::StrCat(field, " must be a positive whole number (an id)"));
  }
  return it->get<int64_t>();
}

absl::StatusOr<std::string> OptionalStringField(const json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return absl::InvalidArgumentError(base::StrCat(field, " must be a string"));
  return it->get<std::string>();
}

void RegisterFollowUpRoutes(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/conversations/{id}/follow-ups", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(auto follow_ups, services.follow_ups.List(viewer, core::ConversationId(id)));
    return JsonResponse(200, Dump(ToJson(follow_ups)));
  });
  router.Add("POST", "/api/v1/conversations/{id}/follow-ups", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    inbox::NewFollowUp follow_up;
    ASSIGN_OR_RETURN(follow_up.text, RequiredString(body, "text"));
    ASSIGN_OR_RETURN(follow_up.due_at, TimeField(body, "due_at", /*required=*/true));
    ASSIGN_OR_RETURN(follow_up.phone, OptionalStringField(body, "phone"));
    ASSIGN_OR_RETURN(const std::string kind, OptionalStringField(body, "kind"));
    if (!kind.empty()) {
      const auto parsed = core::ParseFollowUpKind(kind);
      if (!parsed) return absl::InvalidArgumentError("kind must be follow_up or call");
      follow_up.kind = *parsed;
    }
    ASSIGN_OR_RETURN(const std::string source, OptionalStringField(body, "source"));
    if (!source.empty()) {
      const auto parsed = core::ParseFollowUpSource(source);
      if (!parsed || *parsed == core::FollowUpSource::kEscalation) {
        return absl::InvalidArgumentError("source must be manual or promise");
      }
      follow_up.source = *parsed;
    }
    ASSIGN_OR_RETURN(const int64_t owner, IdField(body, "owner_id"));
    follow_up.owner = core::UserId(owner);
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::FollowUp added,
                     services.follow_ups.Add(viewer, core::ConversationId(id), std::move(follow_up)));
    return JsonResponse(201, Dump({{"follow_up", ToJson(added)}}));
  });
  router.Add("GET", "/api/v1/follow-ups", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    const std::string_view open = request.Query("open");
    if (!open.empty() && open != "1" && open != "0") return absl::InvalidArgumentError("open must be 1 or 0");
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(auto follow_ups, services.follow_ups.Mine(viewer, open != "0"));
    return JsonResponse(200, Dump(ToJson(follow_ups)));
  });
  for (const auto& [action, state] : {std::pair{"done", core::FollowUpState::kDone},
                                      std::pair{"cancel", core::FollowUpState::kCancelled}}) {
    router.Add("POST", base::StrCat("/api/v1/follow-ups/{id}/", action), core::Role::kAgent,
               [services, state](const HttpRequest& request,
                                 const Principal* principal) -> absl::StatusOr<HttpResponse> {
      ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
      ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
      ASSIGN_OR_RETURN(core::FollowUp closed, services.follow_ups.Close(viewer, core::FollowUpId(id), state));
      return JsonResponse(200, Dump({{"follow_up", ToJson(closed)}}));
    });
  }
  router.Add("POST", "/api/v1/replies/promises", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string text, RequiredString(body, "text"));
    ASSIGN_OR_RETURN(auto promises, services.follow_ups.Promises(text));
    json items = json::array();
    for (const auto& promise : promises) {
      items.push_back({{"sentence", promise.sentence},
                       {"kind", core::FollowUpKindName(promise.kind)},
                       {"when", promise.when.empty() ? json(nullptr) : json(promise.when)},
                       {"due_at", base::FormatRfc3339(promise.due_at)},
                       {"time_stated", promise.time_stated}});
    }
    return JsonResponse(200, Dump({{"promises", std::move(items)}}));
  });
}

void RegisterEscalationRoutes(Router& router, const ApiServices& services) {
  router.Add("POST", "/api/v1/conversations/{id}/escalate", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    inbox::EscalationRequest escalation;
    ASSIGN_OR_RETURN(const std::string kind, RequiredString(body, "kind"));
    const auto parsed = core::ParseEscalationKind(kind);
    if (!parsed) return absl::InvalidArgumentError("kind must be phone, expert or management");
    escalation.kind = *parsed;
    ASSIGN_OR_RETURN(escalation.reason, RequiredString(body, "reason"));
    ASSIGN_OR_RETURN(const int64_t expert, IdField(body, "expert_id"));
    ASSIGN_OR_RETURN(const int64_t team, IdField(body, "team_id"));
    ASSIGN_OR_RETURN(const int64_t caller, IdField(body, "caller_id"));
    escalation.expert = core::UserId(expert);
    escalation.team = core::TeamId(team);
    escalation.caller = core::UserId(caller);
    ASSIGN_OR_RETURN(escalation.phone, OptionalStringField(body, "phone"));
    ASSIGN_OR_RETURN(escalation.call_at, TimeField(body, "call_at", /*required=*/false));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Conversation conversation,
                     services.follow_ups.Escalate(viewer, core::ConversationId(id), std::move(escalation)));
    return JsonResponse(200, Dump({{"conversation", server::ToJson(conversation)}}));
  });
  router.Add("DELETE", "/api/v1/conversations/{id}/escalation", core::Role::kAgent,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(inbox::Viewer viewer, services.inbox.ViewerFor(principal->user));
    ASSIGN_OR_RETURN(core::Conversation conversation,
                     services.follow_ups.EndEscalation(viewer, core::ConversationId(id)));
    return JsonResponse(200, Dump({{"conversation", server::ToJson(conversation)}}));
  });
}

void RegisterFollowUpSettings(Router& router, const ApiServices& services) {
  auto settings_json = [](const inbox::FollowUpSettings& settings) {
    return Dump({{"escalate_after_minutes", settings.escalate_after_minutes}, {"time_zone", settings.time_zone}});
  };
  router.Add("GET", "/api/v1/settings/follow-ups", core::Role::kAgent,
             [services, settings_json](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(inbox::FollowUpSettings settings, inbox::LoadFollowUpSettings(services.store));
    return JsonResponse(200, settings_json(settings));
  });
  router.Add("PUT", "/api/v1/settings/follow-ups", core::Role::kAdmin,
             [services, settings_json](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(inbox::FollowUpSettings settings, inbox::LoadFollowUpSettings(services.store));
    if (const auto it = body.find("escalate_after_minutes"); it != body.end()) {
      if (!it->is_number_integer()) return absl::InvalidArgumentError("escalate_after_minutes must be a whole number");
      settings.escalate_after_minutes = it->get<int>();
    }
    if (const auto it = body.find("time_zone"); it != body.end()) {
      if (!it->is_string()) return absl::InvalidArgumentError("time_zone must be an IANA name such as Europe/Amsterdam");
      settings.time_zone = it->get<std::string>();
    }
    RETURN_IF_ERROR(inbox::SaveFollowUpSettings(services.store, settings));
    return JsonResponse(200, settings_json(settings));
  });
}

}  // namespace

void RegisterFollowUps(Router& router, const ApiServices& services) {
  RegisterFollowUpRoutes(router, services);
  RegisterEscalationRoutes(router, services);
  RegisterFollowUpSettings(router, services);
}

}  // namespace webcare::server
