#include "server/router.h"

#include <algorithm>
#include <chrono>

#include "base/strings.h"
#include "server/error_mapping.h"

namespace webcare::server {
namespace {

// `parts` is the request path split on '/', once per request rather than once per route.
bool MatchPath(const std::vector<std::string>& segments, const std::vector<std::string_view>& parts,
               std::map<std::string, std::string>& params) {
  if (parts.size() != segments.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& segment = segments[i];
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      if (parts[i].empty()) return false;
      params[segment.substr(1, segment.size() - 2)] = std::string(parts[i]);
    } else if (segment != parts[i]) {
      return false;
    }
  }
  return true;
}

bool ChangesState(std::string_view method) { return method != "GET" && method != "HEAD"; }

bool IsJson(std::string_view content_type) {
  const std::string lower = base::AsciiLower(content_type.substr(0, content_type.find(';')));
  return lower == "application/json";
}

void AddSecurityHeaders(HttpResponse& response, bool is_api) {
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Referrer-Policy", "no-referrer");
  response.AddHeader("X-Frame-Options", "DENY");
  // An API answer is not cached unless its handler said otherwise (attachments: immutable).
  const bool has_cache_control = std::any_of(response.headers.begin(), response.headers.end(),
                                             [](const auto& header) { return base::AsciiLower(header.first) == "cache-control"; });
  if (is_api && !has_cache_control) response.AddHeader("Cache-Control", "no-store");
}

}  // namespace

HttpResponse JsonResponse(int status, const std::string& json) {
  HttpResponse response;
  response.status = status;
  response.body = json;
  return response;
}

void Router::Public(std::string method, std::string pattern, Handler handler) {
  AddRoute(std::move(method), std::move(pattern), std::nullopt, std::move(handler));
}

void Router::Add(std::string method, std::string pattern, core::Role min_role, Handler handler) {
  AddRoute(std::move(method), std::move(pattern), min_role, std::move(handler));
}

void Router::AddUpload(std::string method, std::string pattern, core::Role min_role, Handler handler) {
  AddRoute(std::move(method), std::move(pattern), min_role, std::move(handler));
  routes_.back().any_body = true;
}

void Router::AddRoute(std::string method, std::string pattern, std::optional<core::Role> min_role,
                      Handler handler) {
  const std::vector<std::string_view> segments = base::Split(pattern, '/');
  std::vector<std::string> owned(segments.begin(), segments.end());
  routes_.push_back({std::move(method), std::move(pattern), std::move(owned), min_role,
                     std::move(handler)});
}

void Router::SetFallback(std::function<HttpResponse(const HttpRequest&)> fallback) {
  fallback_ = std::move(fallback);
}

void Router::SetAudit(AuditHook audit) { audit_ = std::move(audit); }

absl::StatusOr<HttpResponse> Router::Dispatch(const Route& route, HttpRequest& request, core::UserId& user) {
  if (!route.any_body && !request.body.empty() && !IsJson(request.Header("content-type"))) {
    return ErrorResponse(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
  }
  if (!route.min_role) return route.handler(request, nullptr);
  auto principal = auth_.Authenticate(request);
  if (!principal.ok()) return principal.status();
  user = principal->user.id;
  if (!core::RoleAtLeast(principal->user.role, *route.min_role)) {
    return absl::PermissionDeniedError(base::StrCat("this needs the ", core::RoleName(*route.min_role),
                                                    " role; you are ", core::RoleName(principal->user.role)));
  }
  if (ChangesState(request.method)) {
    if (auto csrf = auth_.CheckCsrf(request, *principal); !csrf.ok()) return csrf;
  }
  return route.handler(request, &*principal);
}

HttpResponse Router::Handle(HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  if (request.received_at) {
    metrics_.RecordHandlerWait(std::chrono::duration<double>(start - *request.received_at).count());
  }
  const bool is_api = request.path.starts_with("/api/") || request.path == "/metrics" ||
                      request.path == "/healthz";
  const Route* matched = nullptr;
  std::vector<std::string> allowed;
  const std::vector<std::string_view> parts = base::Split(request.path, '/');
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPath(route.segments, parts, params)) continue;
    // HEAD is answered like GET (the server drops the body), as HTTP asks.
    const bool method_matches =
        route.method == request.method || (request.method == "HEAD" && route.method == "GET");
    if (!method_matches) {
      allowed.push_back(route.method);
      continue;
    }
    request.path_params = std::move(params);
    matched = &route;
    break;
  }
  HttpResponse response;
  std::string label = "other";
  if (matched != nullptr) {
    label = matched->pattern;
    core::UserId user;
    auto result = Dispatch(*matched, request, user);
    response = result.ok() ? std::move(*result) : ErrorResponse(result.status());
    if (audit_ && ChangesState(request.method)) audit_(request, matched->method + " " + matched->pattern, user, response.status);
  } else if (!allowed.empty()) {
    response = ErrorResponse(405, "METHOD_NOT_ALLOWED",
                             base::StrCat(request.method, " is not allowed here; use ", base::StrJoin(allowed, ", ")));
    response.AddHeader("Allow", base::StrJoin(allowed, ", "));
  } else if (!is_api && fallback_ && (request.method == "GET" || request.method == "HEAD")) {
    label = "static";
    response = fallback_(request);
  } else {
    response = ErrorResponse(404, "NOT_FOUND", base::StrCat("no endpoint ", request.method, " ", request.path));
  }
  AddSecurityHeaders(response, is_api);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.RecordRequest(request.method, label, response.status, seconds);
  return response;
}

}  // namespace webcare::server
