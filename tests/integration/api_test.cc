// The HTTP API of the real binary: authentication, authorisation, CSRF, bad input and limits.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


std::string ErrorCode(const Response& response) {
  const json body = Json(response);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "<no error body>";
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
};
TestServer* ApiTest::server_ = nullptr;

TEST_F(ApiTest, HealthIsPublicAndEveryOtherEndpointRefusesStrangers) {
  EXPECT_EQ(server_->Call("GET", "/healthz").body, R"({"status":"ok"})");
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"GET", "/metrics"},           {"GET", "/api/v1/auth/session"},     {"POST", "/api/v1/auth/logout"},
      {"GET", "/api/v1/conversations"}, {"GET", "/api/v1/conversations/1"}, {"GET", "/api/v1/posts/search?q=a"},
      {"POST", "/api/v1/posts"},     {"GET", "/api/v1/users"},            {"POST", "/api/v1/users"},
      {"GET", "/api/v1/tokens"},     {"POST", "/api/v1/tokens"},          {"DELETE", "/api/v1/tokens/1"}};
  for (const auto& [method, path] : endpoints) {
    const Response response = server_->Call(method, path, method == "POST" ? "{}" : "");
    EXPECT_EQ(response.status, 401) << method << " " << path;
    EXPECT_EQ(ErrorCode(response), "UNAUTHENTICATED") << method << " " << path;
  }
  const Response forged = server_->Call("GET", "/api/v1/conversations", "", {{"Cookie", "webcare_session=forged"}});
  EXPECT_EQ(forged.status, 401);
}

TEST_F(ApiTest, WrongPasswordIsRefusedWithOneMessage) {
  const Response wrong = server_->Call("POST", "/api/v1/auth/login",
                                       R"({"email":"agent@example.com","password":"not-the-password"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Json(wrong)["error"]["message"], "wrong e-mail or password");
  EXPECT_TRUE(wrong.Header("set-cookie").empty());
}

TEST_F(ApiTest, RepeatedFailedLoginsAreRateLimited) {
  int limited_status = 0;
  std::string retry_after;
  for (int i = 0; i < 7; ++i) {
    const Response response = server_->Call("POST", "/api/v1/auth/login",
                                            R"({"email":"intruder@example.com","password":"guess-number-x"})");
    limited_status = response.status;
    retry_after = response.Header("retry-after");
  }
  EXPECT_EQ(limited_status, 429);
  EXPECT_FALSE(retry_after.empty());
  EXPECT_GT(std::stoi(retry_after), 0);
}

TEST_F(ApiTest, SessionCookieIsHttpOnlyAndLogoutNeedsCsrf) {
  const Response login = server_->Call("POST", "/api/v1/auth/login",
                                       json{{"email", "agent@example.com"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(Json(login)["user"]["role"], "agent");

  Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response session = agent.Get("/api/v1/auth/session");
  EXPECT_EQ(Json(session)["csrf_token"], agent.csrf_token());
  const Response no_csrf = agent.Post("/api/v1/auth/logout", "", /*with_csrf=*/false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(ErrorCode(no_csrf), "PERMISSION_DENIED");
  EXPECT_EQ(agent.Post("/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(agent.Get("/api/v1/conversations").status, 401);  // The session is gone.
}

TEST_F(ApiTest, AgentCannotCallAdminEndpoints) {
  Client agent = Client::LogIn(*server_, "agent@example.com");
  EXPECT_EQ(agent.Get("/api/v1/users").status, 403);
  EXPECT_EQ(agent.Get("/metrics").status, 403);
  const Response create = agent.Post(
      "/api/v1/users", R"({"email":"x@example.com","name":"X","role":"admin","password":"long enough pw"})");
  EXPECT_EQ(create.status, 403);
  EXPECT_EQ(ErrorCode(create), "PERMISSION_DENIED");
  EXPECT_EQ(agent.Post("/api/v1/posts", "{}").status, 403);  // Ingest needs a lead.

  Client admin = Client::LogIn(*server_, "admin@example.com");
  const Response users = admin.Get("/api/v1/users");
  ASSERT_EQ(users.status, 200);
  EXPECT_GE(Json(users)["users"].size(), 4u);
  const Response metrics = admin.Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("webcare_posts "), std::string::npos);
  EXPECT_NE(metrics.body.find("webcare_http_request_duration_seconds_bucket{le=\"0.001\"} "), std::string::npos);
  // The server wrote its users before this scrape: at least one timed write transaction.
  EXPECT_NE(metrics.body.find("# TYPE webcare_store_transaction_duration_seconds histogram"), std::string::npos);
  EXPECT_EQ(metrics.body.find("webcare_store_transaction_duration_seconds_count 0\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("webcare_store_transaction_duration_seconds_count "), std::string::npos);
  EXPECT_NE(metrics.body.find("# TYPE webcare_store_checkpoint_passes_total counter\nwebcare_store_checkpoint_passes_total "),
            std::string::npos);
  // Every request read from the network counts its wait for a handler thread.
  EXPECT_NE(metrics.body.find("# TYPE webcare_http_handler_wait_seconds histogram\n"), std::string::npos)
      << metrics.body;
  EXPECT_EQ(metrics.body.find("webcare_http_handler_wait_seconds_count 0\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("# TYPE webcare_store_full_checkpoints_total counter\nwebcare_store_full_checkpoints_total "),
            std::string::npos);
}

TEST_F(ApiTest, MalformedJsonAndWrongContentTypeGetClearErrors) {
  const Response malformed = server_->Call("POST", "/api/v1/auth/login", R"({"email": "a@b.c", )");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Json(malformed)["error"]["message"], "the body is not valid JSON");
  const Response form = server_->Call("POST", "/api/v1/auth/login", "email=a&password=b",
                                      {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  const Response missing = server_->Call("POST", "/api/v1/auth/login", R"({"email":"a@example.com"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Json(missing)["error"]["message"], "password is required and must be a string");
}

TEST_F(ApiTest, TenMegabyteBodyIsRefusedAndTheServerStaysUp) {
  const Response huge = server_->Call("POST", "/api/v1/posts", std::string(10 << 20, 'x'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(ErrorCode(huge), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(server_->Call("GET", "/healthz").status, 200);
}

TEST_F(ApiTest, ConversationsListPagesAndOpens) {
  Client viewer = Client::LogIn(*server_, "viewer@example.com");
  const Response first = viewer.Get("/api/v1/conversations?limit=5");
  ASSERT_EQ(first.status, 200) << first.body;
  const json page = Json(first);
  ASSERT_EQ(page["conversations"].size(), 5u);
  ASSERT_TRUE(page["next_cursor"].is_string());
  const Response second = viewer.Get("/api/v1/conversations?limit=5&cursor=" + page["next_cursor"].get<std::string>());
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(Json(second)["conversations"][0]["id"], page["conversations"][0]["id"]);

  const int64_t id = page["conversations"][0]["id"];
  const Response detail = viewer.Get("/api/v1/conversations/" + std::to_string(id));
  ASSERT_EQ(detail.status, 200);
  const json conversation = Json(detail);
  EXPECT_EQ(conversation["conversation"]["id"], id);
  ASSERT_FALSE(conversation["posts"].empty());
  EXPECT_TRUE(conversation["posts"][0]["author"].contains("followers"));

  EXPECT_EQ(viewer.Get("/api/v1/conversations/999999").status, 404);
  EXPECT_EQ(viewer.Get("/api/v1/conversations/abc").status, 400);
  EXPECT_EQ(viewer.Get("/api/v1/conversations?status=bogus").status, 400);
  EXPECT_EQ(viewer.Get("/api/v1/conversations?limit=0").status, 400);
  EXPECT_EQ(viewer.Get("/api/v1/conversations?cursor=nonsense").status, 400);
}

TEST_F(ApiTest, SearchSupportsTheSyntaxAndNamesTheErrorColumn) {
  Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response bad = agent.Get("/api/v1/posts/search?q=storing%20AND%20%22kapot");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["message"], "error at column 13: unclosed quote");
  EXPECT_EQ(agent.Get("/api/v1/posts/search").status, 400);
  EXPECT_EQ(agent.Get("/api/v1/posts/search?q=a&sort=oldest").status, 400);
}

TEST_F(ApiTest, LeadIngestsThroughTheApiWithAToken) {
  Client lead = Client::LogIn(*server_, "lead@example.com");
  const Response created = lead.Post("/api/v1/tokens", R"({"name":"integration"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = Json(created)["token"];
  Client integration = Client::WithToken(*server_, token);

  const std::string post =
      R"({"network":"forum","channel":"forum:test","external_id":"api-1","author":{"handle":"tester","followers":3},)"
      R"("text":"Zebrapaardje kapot bij de poortjes","created_at":"2026-11-02T08:00:00Z"})";
  const Response stored = integration.Post("/api/v1/posts", post, /*with_csrf=*/false);
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(Json(stored)["inserted"], 1);
  const Response again = integration.Post("/api/v1/posts", "[" + post + "]", false);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(Json(again)["duplicates"], 1);

  const Response found = integration.Get("/api/v1/posts/search?q=zebrapaardje");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(Json(found)["posts"].size(), 1u);
  EXPECT_EQ(Json(found)["posts"][0]["author"]["handle"], "tester");

  const std::string bad_utf8 = std::string(R"({"network":"forum","channel":"forum:test","external_id":"api-2",)") +
                               R"("author":{"handle":"t"},"text":"caf)" + "\xC3\x28" +
                               R"(","created_at":"2026-11-02T08:00:00Z"})";
  const Response refused = integration.Post("/api/v1/posts", bad_utf8, false);
  EXPECT_EQ(refused.status, 400);
  const Response missing_time = integration.Post(
      "/api/v1/posts", R"([{"network":"x","channel":"c","external_id":"z","author":{"handle":"h"},"text":"t"}])", false);
  EXPECT_EQ(missing_time.status, 400);
  EXPECT_EQ(Json(missing_time)["error"]["message"], "post 0: created_at: is required");

  // Tokens can be listed and revoked; a revoked token no longer works.
  const Response tokens = lead.Get("/api/v1/tokens");
  ASSERT_EQ(Json(tokens)["tokens"].size(), 1u);
  const int64_t token_id = Json(tokens)["tokens"][0]["id"];
  EXPECT_EQ(lead.Delete("/api/v1/tokens/" + std::to_string(token_id)).status, 204);
  EXPECT_EQ(integration.Get("/api/v1/conversations").status, 401);
}

TEST_F(ApiTest, ServesTheWebUiWithSecurityHeaders) {
  const Response page = server_->Call("GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(server_->Call("GET", "/api/v1/nowhere").status, 404);
}

TEST(ServerLifecycleTest, SigtermShutsDownGracefullyAndKeepsAcceptedWrites) {
  TestServer server(50);
  Client lead = Client::LogIn(server, "lead@example.com");
  const Response stored = lead.Post(
      "/api/v1/posts",
      R"({"network":"x","channel":"x:@t","external_id":"keep-1","author":{"handle":"@k"},"text":"blijft bewaard",)"
      R"("created_at":"2026-11-02T08:00:00Z"})");
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(server.Stop(), 0);
  server.Start();
  Client again = Client::LogIn(server, "lead@example.com");
  const Response found = again.Get("/api/v1/posts/search?q=%22blijft%20bewaard%22");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(Json(found)["posts"].size(), 1u);
}

}  // namespace
}  // namespace webcare::testing
