#include "server/api.h"

#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "ingest/interchange.h"
#include "server/error_mapping.h"
#include "server/json_codec.h"
#include "server/api_util.h"

namespace webcare::server {
namespace {

using nlohmann::json;

std::string SessionCookie(const std::string& value, int64_t max_age_seconds, bool secure) {
  return base::StrCat(kSessionCookie, "=", value, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                      max_age_seconds, secure ? "; Secure" : "");
}

json SessionBody(const Principal& principal) {
  json body{{"user", ToJson(principal.user)}};
  body["csrf_token"] = principal.via_session_cookie ? json(principal.csrf_token) : json(nullptr);
  return body;
}

void RegisterAuth(Router& router, const ApiServices& services, const ApiOptions& options) {
  router.Public("POST", "/api/v1/auth/login",
                [services, options](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string email, RequiredString(body, "email"));
    ASSIGN_OR_RETURN(std::string password, RequiredString(body, "password"));
    auto login = services.auth.Login(email, password, request.remote_address);
    if (!login.ok()) {
      HttpResponse error = ErrorResponse(login.status());
      if (absl::IsResourceExhausted(login.status())) {
        error.AddHeader("Retry-After",
                        base::StrCat(services.auth.LoginRetryAfter(email, request.remote_address)));
      } else if (absl::IsUnauthenticated(login.status())) {
        services.metrics.RecordLoginFailure();
      }
      return error;
    }
    HttpResponse response = JsonResponse(200, Dump({{"user", ToJson(login->user)}, {"csrf_token", login->csrf_token}}));
    response.AddHeader("Set-Cookie", SessionCookie(login->session_token,
                                                   kSessionLifetime / base::kMicrosPerSecond,
                                                   options.secure_cookies));
    return response;
  });
  router.Add("GET", "/api/v1/auth/session", core::Role::kViewer,
             [](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    return JsonResponse(200, Dump(SessionBody(*principal)));
  });
  router.Add("POST", "/api/v1/auth/logout", core::Role::kViewer,
             [services, options](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    RETURN_IF_ERROR(services.auth.Logout(*principal));
    HttpResponse response;
    response.status = 204;
    response.AddHeader("Set-Cookie", SessionCookie("", 0, options.secure_cookies));
    return response;
  });
}

void RegisterPosts(Router& router, const ApiServices& services, const ApiOptions& options) {
  router.Add("GET", "/api/v1/posts/search", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto query, ReadQuery(request, /*required=*/true));
    storage::PostSearch search{.query = std::move(*query)};
    ASSIGN_OR_RETURN(search.page, ReadPage(request));
    if (std::string_view sort = request.Query("sort"); sort == "relevance") {
      search.order = storage::SearchOrder::kRelevance;
    } else if (!sort.empty() && sort != "recent") {
      return absl::InvalidArgumentError("sort must be recent or relevance");
    }
    ASSIGN_OR_RETURN(storage::PostList list, services.store.SearchPosts(search));
    json items = json::array();
    for (const auto& post : list.posts) items.push_back(ToJson(post));
    return JsonResponse(200, Dump({{"posts", std::move(items)},
                                   {"next_cursor", CursorJson(list.next_cursor)}}));
  });
  router.Add("POST", "/api/v1/posts", core::Role::kLead,
             [services, options](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    if (!body.is_array()) body = json::array({std::move(body)});
    if (body.empty()) return absl::InvalidArgumentError("no posts in the body");
    if (body.size() > options.max_posts_per_request) {
      return absl::InvalidArgumentError(base::StrCat("at most ", options.max_posts_per_request,
                                                     " posts per request; split the batch"));
    }
    // Each element goes through the same parser as `webcare import`, so both accept the same.
    // The raw payload kept is the element as re-serialised (keys sorted), not the exact bytes.
    ingest::InterchangeParser parser;
    std::vector<core::NewPost> posts;
    posts.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
      auto post = parser.Parse(Dump(body[i]));
      if (!post.ok()) {
        return absl::InvalidArgumentError(base::StrCat("post ", i, ": ", base::ToStd(post.status().message())));
      }
      posts.push_back(std::move(*post));
    }
    ASSIGN_OR_RETURN(storage::InsertResult result, services.ingestor.Ingest(posts));
    json ids = json::array();
    for (const auto& id : result.post_ids) ids.push_back(id.value());
    return JsonResponse(result.inserted > 0 ? 201 : 200,
                        Dump({{"inserted", result.inserted}, {"duplicates", result.duplicates}, {"post_ids", ids}}));
  });
}

void RegisterAdmin(Router& router, const ApiServices& services) {
  router.Add("GET", "/api/v1/users", core::Role::kAdmin,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto users, services.store.ListUsers());
    json items = json::array();
    for (const auto& user : users) items.push_back(ToJson(user));
    return JsonResponse(200, Dump({{"users", std::move(items)}}));
  });
  router.Add("POST", "/api/v1/users", core::Role::kAdmin,
             [services](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string email, RequiredString(body, "email"));
    ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
    ASSIGN_OR_RETURN(std::string role_name, RequiredString(body, "role"));
    ASSIGN_OR_RETURN(std::string password, RequiredString(body, "password"));
    auto role = core::ParseRole(role_name);
    if (!role) return absl::InvalidArgumentError("role must be one of viewer, agent, lead, admin");
    ASSIGN_OR_RETURN(core::User user, services.auth.CreateUser({.email = email, .name = name, .role = *role}, password));
    return JsonResponse(201, Dump(ToJson(user)));
  });
  router.Add("GET", "/metrics", core::Role::kAdmin,
             [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(storage::StoreStats stats, services.store.Stats());
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4";
    response.body = services.metrics.Render(stats);
    return response;
  });
}

void RegisterTokens(Router& router, const ApiServices& services) {
  const auto token_json = [](const storage::ApiTokenInfo& token) {
    return json{{"id", token.id.value()},
                {"name", token.name},
                {"created_at", base::FormatRfc3339(token.created_at)},
                {"last_used_at", token.last_used_at ? json(base::FormatRfc3339(token.last_used_at)) : json(nullptr)}};
  };
  router.Add("GET", "/api/v1/tokens", core::Role::kViewer,
             [services, token_json](const HttpRequest&, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(auto tokens, services.store.ListApiTokens(principal->user.id));
    json items = json::array();
    for (const auto& token : tokens) items.push_back(token_json(token));
    return JsonResponse(200, Dump({{"tokens", std::move(items)}}));
  });
  router.Add("POST", "/api/v1/tokens", core::Role::kViewer,
             [services, token_json](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(json body, ParseBody(request));
    ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
    if (name.empty() || name.size() > 200) return absl::InvalidArgumentError("name must be 1 to 200 bytes");
    ASSIGN_OR_RETURN(auto created, services.auth.CreateApiToken(principal->user.id, name));
    json out = token_json(created.first);
    out["token"] = created.second;
    return JsonResponse(201, Dump(out));
  });
  router.Add("DELETE", "/api/v1/tokens/{id}", core::Role::kViewer,
             [services](const HttpRequest& request, const Principal* principal) -> absl::StatusOr<HttpResponse> {
    ASSIGN_OR_RETURN(int64_t id, PathId(request, "id"));
    RETURN_IF_ERROR(services.store.RevokeApiToken(principal->user.id, core::ApiTokenId(id)));
    HttpResponse response;
    response.status = 204;
    return response;
  });
}

}  // namespace

void RegisterApi(Router& router, const ApiServices& services, const ApiOptions& options) {
  router.Public("GET", "/healthz", [services](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
    RETURN_IF_ERROR(services.store.Ping());
    return JsonResponse(200, R"({"status":"ok"})");
  });
  RegisterAuth(router, services, options);
  // Before the inbox: its /conversations/{id}/... patterns would otherwise take "bulk" as an id.
  RegisterBulk(router, services);
  RegisterInbox(router, services);
  RegisterFollowUps(router, services);
  RegisterAttachments(router, services);
  RegisterCanned(router, services);
  RegisterPosts(router, services, options);
  RegisterAdmin(router, services);
  RegisterTokens(router, services);
  RegisterStreams(router, services);
  RegisterSla(router, services);
}

}  // namespace webcare::server
