#include "server/router.h"

#include "server/test_support.h"

namespace webcare::server {
namespace {

class RouterTest : public testing_support::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    auth_ = std::make_unique<AuthService>(*store_, clock_);
    router_ = std::make_unique<Router>(*auth_, metrics_);
    router_->Public("GET", "/api/v1/open", [](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
      return JsonResponse(200, "{}");
    });
    router_->Add("GET", "/api/v1/items/{id}", core::Role::kViewer,
                 [](const HttpRequest& request, const Principal*) -> absl::StatusOr<HttpResponse> {
                   return JsonResponse(200, request.path_params.at("id"));
                 });
    router_->Add("POST", "/api/v1/admin", core::Role::kAdmin,
                 [](const HttpRequest&, const Principal*) -> absl::StatusOr<HttpResponse> {
                   return absl::NotFoundError("thing 7 not found");
                 });
    auto agent = auth_->CreateUser({.email = "agent@example.com", .name = "Agent", .role = core::Role::kAgent},
                                   "agent password 1");
    ASSERT_TRUE(agent.ok());
    auto token = auth_->CreateApiToken(agent->id, "t");
    ASSERT_TRUE(token.ok());
    agent_token_ = token->second;
  }

  HttpResponse Call(std::string method, std::string path, std::string bearer = "", std::string body = "") {
    HttpRequest request{.method = std::move(method), .path = std::move(path), .body = std::move(body)};
    if (!bearer.empty()) request.headers["authorization"] = "Bearer " + bearer;
    if (!request.body.empty()) request.headers["content-type"] = "application/json";
    return router_->Handle(request);
  }

  Metrics metrics_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<Router> router_;
  std::string agent_token_;
};

TEST_F(RouterTest, RefusesUnauthenticatedCallsToProtectedRoutes) {
  EXPECT_EQ(Call("GET", "/api/v1/open").status, 200);
  HttpResponse refused = Call("GET", "/api/v1/items/3");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body, R"({"error":{"code":"UNAUTHENTICATED","message":"log in or send an API token"}})");
  HttpResponse ok = Call("GET", "/api/v1/items/3", agent_token_);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "3");
}

TEST_F(RouterTest, ChecksTheRole) {
  HttpResponse denied = Call("POST", "/api/v1/admin", agent_token_, "{}");
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.body.find("needs the admin role"), std::string::npos);
}

TEST_F(RouterTest, MapsErrorsAndUnknownRoutes) {
  EXPECT_EQ(Call("GET", "/api/v1/nothing").status, 404);
  HttpResponse wrong_method = Call("DELETE", "/api/v1/open");
  EXPECT_EQ(wrong_method.status, 405);
  bool has_allow = false;
  for (const auto& [name, value] : wrong_method.headers) has_allow |= name == "Allow" && value == "GET";
  EXPECT_TRUE(has_allow);
}

TEST_F(RouterTest, AnswersHeadLikeGet) {
  EXPECT_EQ(Call("HEAD", "/api/v1/open").status, 200);
  EXPECT_EQ(Call("HEAD", "/api/v1/items/3").status, 401);  // Still authenticated.
}

TEST_F(RouterTest, RequiresJsonBodies) {
  HttpRequest request{.method = "POST", .path = "/api/v1/admin", .body = "a=b"};
  request.headers["authorization"] = "Bearer " + agent_token_;
  request.headers["content-type"] = "application/x-www-form-urlencoded";
  EXPECT_EQ(router_->Handle(request).status, 415);
}

TEST_F(RouterTest, AddsSecurityHeadersAndCountsRequests) {
  HttpResponse response = Call("GET", "/api/v1/open");
  bool nosniff = false, no_store = false;
  for (const auto& [name, value] : response.headers) {
    nosniff |= name == "X-Content-Type-Options" && value == "nosniff";
    no_store |= name == "Cache-Control" && value == "no-store";
  }
  EXPECT_TRUE(nosniff);
  EXPECT_TRUE(no_store);
  const std::string rendered = metrics_.Render({});
  EXPECT_NE(rendered.find(R"(webcare_http_requests_total{method="GET",route="/api/v1/open",status="200"} 1)"),
            std::string::npos)
      << rendered;
}

TEST_F(RouterTest, CountsHowLongARequestWaitedForAHandler) {
  // Read by the server 30 ms ago: it waited that long for a free handler thread.
  HttpRequest request{.method = "GET", .path = "/api/v1/open",
                      .received_at = std::chrono::steady_clock::now() - std::chrono::milliseconds(30)};
  EXPECT_EQ(router_->Handle(request).status, 200);
  // A request made in-process was never read by the server: no wait to count.
  EXPECT_EQ(Call("GET", "/api/v1/open").status, 200);
  const std::string rendered = metrics_.Render({});
  EXPECT_NE(rendered.find("webcare_http_handler_wait_seconds_count 1\n"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("webcare_http_handler_wait_seconds_bucket{le=\"0.025\"} 0\n"), std::string::npos)
      << rendered;
  // In seconds: under the 1 s bound, with room for a slow test machine.
  EXPECT_NE(rendered.find("webcare_http_handler_wait_seconds_bucket{le=\"1\"} 1\n"), std::string::npos)
      << rendered;
}

}  // namespace
}  // namespace webcare::server
