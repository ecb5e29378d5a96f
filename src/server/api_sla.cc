// The SLA endpoints (docs/sla.md): business hours and policies per team or the default
// (leads read, admins change), and the first-response report.

#include <string_view>

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/json_codec.h"
#include "server/sla_json.h"

namespace webcare::server {
namespace {

using nlohmann::json;

constexpr base::Micros kDefaultReportPeriod = 7 * 24 * 3600 * base::kMicrosPerSecond;

// {scope}: "default", or the id of a team.
absl::StatusOr<core::TeamId> Scope(const HttpRequest& request) {
  const auto it = request.path_params.find("scope");
  if (it != request.path_params.end() && it->second == "default") return core::TeamId();
  int64_t id = 0;
  if (it == request.path_params.end() || !base::ParseInt(it->second, id) || id <= 0) {
    return absl::InvalidArgumentError("the last part of the path must be default or a team id");
  }
  return core::TeamId(id);
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

absl::StatusOr<base::Micros> TimeParameter(const HttpRequest& request, const char* name, base::Micros fallback) {
  const std::string_view text = request.Query(name);
  if (text.empty()) return fallback;
  auto at = base::ParseRfc3339(text);
  if (!at.ok()) {
    return absl::InvalidArgumentError(base::StrCat(name, " must be a date-time such as 2026-11-01T00:00:00Z"));
  }
  return *at;
}

void RegisterBusinessHours(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/sla/business-hours", core::Role::kLead,
             [services](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto all, services.sla.ListBusinessHours(principal->user));
    json items = json::array();
    for (const auto& hours : all) items.push_back(ToJson(hours));
    return JsonResponse(200, Dump({{"business_hours", std::move(items)}}));
  });
  router.Add("PUT", "/api/v1/sla/business-hours/{scope}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(core::TeamId team, Scope(request));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(core::BusinessHours hours, BusinessHoursFromJson(body, team));
    ASSIGN_OR_RETURN(core::BusinessHours stored, services.sla.PutBusinessHours(principal->user, hours));
    return JsonResponse(200, Dump(ToJson(stored)));
  });
  router.Add("DELETE", "/api/v1/sla/business-hours/{scope}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(core::TeamId team, Scope(request));
    RETURN_IF_ERROR(services.sla.DeleteBusinessHours(principal->user, team));
    return NoContent();
  });
}

void RegisterPolicies(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/sla/policies", core::Role::kLead,
             [services](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto all, services.sla.ListPolicies(principal->user));
    json items = json::array();
    for (const auto& policy : all) items.push_back(ToJson(policy));
    return JsonResponse(200, Dump({{"policies", std::move(items)}}));
  });
  router.Add("PUT", "/api/v1/sla/policies/{scope}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(core::TeamId team, Scope(request));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(core::SlaPolicy policy, PolicyFromJson(body, team));
    ASSIGN_OR_RETURN(core::SlaPolicy stored, services.sla.PutPolicy(principal->user, std::move(policy)));
    return JsonResponse(200, Dump(ToJson(stored)));
  });
  router.Add("DELETE", "/api/v1/sla/policies/{scope}", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(core::TeamId team, Scope(request));
    RETURN_IF_ERROR(services.sla.DeletePolicy(principal->user, team));
    return NoContent();
  });
}

void RegisterReport(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/reports/sla", core::Role::kLead,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    storage::SlaReportQuery query;
    if (const std::string_view within = request.Query("within"); !within.empty()) {
      if (!base::ParseInt(within, query.within_minutes)) {
        return absl::InvalidArgumentError("within must be a whole number of minutes");
      }
    }
    ASSIGN_OR_RETURN(query.until, TimeParameter(request, "until", services.sla.Now()));
    ASSIGN_OR_RETURN(query.since, TimeParameter(request, "since", query.until - kDefaultReportPeriod));
    if (const std::string_view team = request.Query("team"); !team.empty()) {
      int64_t id = 0;
      if (!base::ParseInt(team, id) || id <= 0) {
        return absl::InvalidArgumentError("team must be a positive whole number (an id)");
      }
      query.team = core::TeamId(id);
    }
    ASSIGN_OR_RETURN(storage::SlaReport report, services.sla.Report(principal->user, query));
    json body = ToJson(report);
    body["since"] = base::FormatRfc3339(query.since);
    body["until"] = base::FormatRfc3339(query.until);
    body["team_id"] = query.team.valid() ? json(query.team.value()) : json(nullptr);
    body["within_minutes"] = query.within_minutes;
    return JsonResponse(200, Dump(body));
  });
}

}  // namespace

void RegisterSla(Router& router, const ApiServices& services) {
  RegisterBusinessHours(router, services);
  RegisterPolicies(router, services);
  RegisterReport(router, services);
}

}  // namespace webcare::server
