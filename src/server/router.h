#pragma once
// Maps method + path to a handler and applies, in one place, the checks every endpoint gets:
// authentication, role, CSRF for state-changing calls, JSON content type, error shape,
// security headers and metrics. An endpoint is public only when registered with Public().

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/auth_service.h"
#include "server/http_types.h"
#include "server/metrics.h"

namespace webcare::server {

// `principal` is null only for public routes.
using Handler = std::function<absl::StatusOr<HttpResponse>(const HttpRequest&, const Principal*)>;

class Router {
 public:
  // `auth` and `metrics` must outlive the router. Routes are added before serving starts;
  // Handle() is then thread-safe.
  Router(AuthService& auth, Metrics& metrics) : auth_(auth), metrics_(metrics) {}

  // Patterns are literal segments and {name} captures: "/api/v1/conversations/{id}".
  void Public(std::string method, std::string pattern, Handler handler);
  void Add(std::string method, std::string pattern, core::Role min_role, Handler handler);
  // Like Add, for a route whose body is a file of any type rather than JSON (the attachment
  // upload); authentication, role and CSRF apply as to every route.
  void AddUpload(std::string method, std::string pattern, core::Role min_role, Handler handler);
  // Serves GET requests outside /api/ that match no route (the web UI).
  void SetFallback(std::function<HttpResponse(const HttpRequest&)> fallback);

  HttpResponse Handle(HttpRequest& request);

  // Called after every state-changing request (POST, PUT, PATCH, DELETE) that matched a
  // route, with the route's pattern, the authenticated user (unset when there was none) and
  // the status answered: the audit log.
  using AuditHook = std::function<void(const HttpRequest& request, const std::string& pattern,
                                       core::UserId user, int status)>;
  void SetAudit(AuditHook audit);

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    std::optional<core::Role> min_role;  // nullopt: public.
    Handler handler;
    bool any_body = false;  // AddUpload: the body need not be JSON.
  };

  void AddRoute(std::string method, std::string pattern, std::optional<core::Role> min_role,
                Handler handler);
  // Sets `user` once the caller is authenticated.
  absl::StatusOr<HttpResponse> Dispatch(const Route& route, HttpRequest& request, core::UserId& user);

  AuthService& auth_;
  Metrics& metrics_;
  std::vector<Route> routes_;
  std::function<HttpResponse(const HttpRequest&)> fallback_;
  AuditHook audit_;
};

// A JSON body for a handler's response.
HttpResponse JsonResponse(int status, const std::string& json);

}  // namespace webcare::server
