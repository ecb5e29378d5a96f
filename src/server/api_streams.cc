// Streams ("aandachtsgebieden"), teams and routing rules: the configuration of the listening
// engine. Every change is checked with the pipeline's own rules and then loaded into it, so
// the next post is matched and routed with it.

#include <algorithm>

#include "analysis/pipeline/pipeline.h"
#include "analysis/query/explain.h"
#include "analysis/routing/routing.h"
#include "base/status.h"
#include "base/strings.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/json_codec.h"

namespace webcare::server {
namespace {

using nlohmann::json;

constexpr int kMaxPreviewPosts = 50;

// Applies the fields present in `body` to `stream`; a field of the wrong type is an error.
absl::Status ApplyStreamFields(const json& body, core::Stream& stream) {
  if (!body.is_object()) return absl::InvalidArgumentError("the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    const auto wrong = [&](const char* type) {
      return absl::InvalidArgumentError(base::StrCat(key, " must be ", type));
    };
    if (key == "name") {
      if (!value.is_string()) return wrong("a string");
      stream.name = value.get<std::string>();
    } else if (key == "query") {
      if (!value.is_string()) return wrong("a string");
      stream.query = value.get<std::string>();
    } else if (key == "team_id") {
      if (value.is_null()) {
        stream.owner_team = core::TeamId();
      } else if (value.is_number_integer() && value.get<int64_t>() > 0) {
        stream.owner_team = core::TeamId(value.get<int64_t>());
      } else {
        return wrong("a team id or null");
      }
    } else if (key == "colour") {
      if (!value.is_string()) return wrong("a string");
      stream.colour = value.get<std::string>();
    } else if (key == "priority_weight") {
      if (!value.is_number_integer()) return wrong("a whole number");
      const int64_t weight = value.get<int64_t>();
      if (weight < -100 || weight > 100) return wrong("from -100 to 100");
      stream.priority_weight = static_cast<int>(weight);
    } else if (key == "active") {
      if (!value.is_boolean()) return wrong("true or false");
      stream.active = value.get<bool>();
    } else if (key != "id" && key != "created_at" && key != "updated_at") {
      return absl::InvalidArgumentError(base::StrCat("unknown field ", key));
    }
  }
  return analysis::CheckStream(stream);
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

void RegisterStreamCrud(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/streams", core::Role::kViewer,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(std::vector<core::Stream> streams, services.store.ListStreams());
    json items = json::array();
    for (const auto& stream : streams) items.push_back(ToJson(stream));
    return JsonResponse(200, Dump({{"streams", std::move(items)}}));
  });
  // Registered before /streams/{id}, which would take "preview" for an id.
  // Which stored posts a query would catch, newest first, and what in each matched: the
  // check before saving a stream (`webcare streams test` prints the same).
  router.Add("GET", "/api/v1/streams/preview", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto query, ReadQuery(request, /*required=*/true));
    RETURN_IF_ERROR(analysis::matcher::CheckStreamQuery(*query));
    storage::PostSearch search{.query = *query};
    ASSIGN_OR_RETURN(search.page, ReadPage(request));
    search.page.limit = std::min(search.page.limit, kMaxPreviewPosts);
    ASSIGN_OR_RETURN(storage::PostList list, services.store.SearchPosts(search));
    json items = json::array();
    for (const auto& post : list.posts) {
      json item = ToJson(post);
      item["matched"] = analysis::query::ExplainMatch(*query, analysis::ViewOf(post, {}));
      items.push_back(std::move(item));
    }
    return JsonResponse(200, Dump({{"posts", std::move(items)}, {"next_cursor", CursorJson(list.next_cursor)}}));
  });
  router.Add("GET", "/api/v1/streams/{id}", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(core::Stream stream, services.store.GetStream(core::StreamId(id)));
    return JsonResponse(200, Dump(ToJson(stream)));
  });
  router.Add("POST", "/api/v1/streams", core::Role::kLead,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    core::Stream stream{.colour = "#64748b"};
    RETURN_IF_ERROR(RequiredString(body, "name").status());
    RETURN_IF_ERROR(RequiredString(body, "query").status());
    RETURN_IF_ERROR(ApplyStreamFields(body, stream));
    ASSIGN_OR_RETURN(core::Stream created, services.store.CreateStream(stream));
    RETURN_IF_ERROR(services.ingestor.ReloadConfiguration());
    return JsonResponse(201, Dump(ToJson(created)));
  });
  router.Add("PATCH", "/api/v1/streams/{id}", core::Role::kLead,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(core::Stream stream, services.store.GetStream(core::StreamId(id)));
    RETURN_IF_ERROR(ApplyStreamFields(body, stream));
    ASSIGN_OR_RETURN(core::Stream updated, services.store.UpdateStream(stream));
    RETURN_IF_ERROR(services.ingestor.ReloadConfiguration());
    return JsonResponse(200, Dump(ToJson(updated)));
  });
  router.Add("DELETE", "/api/v1/streams/{id}", core::Role::kLead,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    RETURN_IF_ERROR(services.store.DeleteStream(core::StreamId(id)));
    RETURN_IF_ERROR(services.ingestor.ReloadConfiguration());
    return NoContent();
  });
}

void RegisterTeamsAndRules(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/teams", core::Role::kViewer,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(std::vector<core::Team> teams, services.store.ListTeams());
    json items = json::array();
    for (const auto& team : teams) items.push_back(ToJson(team));
    return JsonResponse(200, Dump({{"teams", std::move(items)}}));
  });
  router.Add("POST", "/api/v1/teams", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
    if (name.empty() || name.size() > 100) return absl::InvalidArgumentError("name must be 1 to 100 bytes");
    ASSIGN_OR_RETURN(core::Team team, services.store.CreateTeam(name));
    return JsonResponse(201, Dump(ToJson(team)));
  });
  router.Add("GET", "/api/v1/routing/rules", core::Role::kViewer,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    return JsonResponse(200, analysis::routing::RulesToJson(services.ingestor.pipeline().Rules()));
  });
  // Replaces the rules; keys left out take their defaults.
  router.Add("PUT", "/api/v1/routing/rules", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(analysis::routing::RoutingRules rules, analysis::routing::RulesFromJson(request.body));
    if (rules.default_team != 0) {
      ASSIGN_OR_RETURN(const std::vector<core::Team> teams, services.store.ListTeams());
      const bool known = std::any_of(teams.begin(), teams.end(), [&](const core::Team& team) {
        return team.id.value() == rules.default_team;
      });
      if (!known) {
        return absl::InvalidArgumentError(base::StrCat("default_team: team ", rules.default_team, " does not exist"));
      }
    }
    const std::string stored = analysis::routing::RulesToJson(rules);
    RETURN_IF_ERROR(services.store.PutSetting(std::string(ingest::kRoutingRulesKey), stored));
    RETURN_IF_ERROR(services.ingestor.ReloadConfiguration());
    return JsonResponse(200, stored);
  });
}

}  // namespace

void RegisterStreams(Router& router, const ApiServices& services) {
  RegisterStreamCrud(router, services);
  RegisterTeamsAndRules(router, services);
}

}  // namespace webcare::server
