// Service levels through the real binary (docs/sla.md): business hours and policies that only
// admins change, with clear refusals; due times on a new conversation; a reply that records
// the first response and the report that counts it; a breach recorded by the server's sweep.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/time_format.h"
#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr int64_t kMinute = 60'000'000;

class SlaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(/*demo_posts=*/60); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static Client As(const std::string& role) { return Client::LogIn(*server_, role + "@example.com"); }

  static int64_t NewTeam(const std::string& name) {
    const Response created = As("admin").Post("/api/v1/teams", json{{"name", name}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return Json(created)["id"].get<int64_t>();
  }

  // Every minute counts in `team`, so the expected times are plain arithmetic.
  static void AlwaysOpen(int64_t team) {
    const Response put = As("admin").Send("PUT", "/api/v1/sla/business-hours/" + std::to_string(team),
                                          R"({"time_zone":"UTC","always_open":true})");
    ASSERT_EQ(put.status, 200) << put.body;
  }

  // An inbound X post written `minutes_ago`, as a conversation of its own, moved to `team`.
  static json NewConversation(const std::string& id, int64_t team, int minutes_ago) {
    const Client lead = As("lead");
    const int64_t created = NowMicros() - minutes_ago * kMinute;
    const Response posted = lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"},
                                                            {"external_id", id},
                                                            {"author", {{"handle", "@klant_" + id}}},
                                                            {"text", "Mijn pas doet het niet"},
                                                            {"created_at", base::FormatRfc3339(created)}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const json found = Json(lead.Get("/api/v1/conversations?q=author%3A%22%40klant_" + id + "%22&limit=5"));
    EXPECT_EQ(found["conversations"].size(), 1u) << found.dump();
    const int64_t conversation = found["conversations"][0]["id"];
    const Response moved = lead.Post("/api/v1/conversations/" + std::to_string(conversation) + "/team",
                                     json{{"team_id", team}}.dump());
    EXPECT_EQ(moved.status, 200) << moved.body;
    return Json(moved)["conversation"];
  }

  static json Timer(const json& conversation, const std::string& kind) {
    for (const json& timer : conversation["sla"]["timers"]) {
      if (timer["kind"] == kind) return timer;
    }
    return json();
  }

  static TestServer* server_;
};

TestServer* SlaTest::server_ = nullptr;

TEST_F(SlaTest, PoliciesAreForAdminsAndValidated) {
  const Client admin = As("admin"), lead = As("lead"), agent = As("agent");
  const int64_t team = NewTeam("SLA crud");
  const std::string path = "/api/v1/sla/policies/" + std::to_string(team);
  const std::string policy =
      R"({"bands":[{"min_priority":0,"first_response_minutes":60,"next_response_minutes":30},)"
      R"({"min_priority":70,"first_response_minutes":15,"resolution_minutes":240}],"warn_percent":80})";

  EXPECT_EQ(agent.Get("/api/v1/sla/policies").status, 403);
  EXPECT_EQ(lead.Send("PUT", path, policy).status, 403);
  const Response refused = admin.Send("PUT", path, R"({"bands":[{"min_priority":50,"first_response_minutes":5}]})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("the lowest band must start at priority 0"), std::string::npos) << refused.body;
  const Response both = admin.Send("PUT", path, R"({"bands":[{"first_response_minutes":5}],"warn_percent":80,"warn_minutes_before":5})");
  EXPECT_EQ(both.status, 400);
  EXPECT_NE(both.body.find("not both"), std::string::npos) << both.body;
  const Response zero = admin.Send("PUT", path, R"({"bands":[{"first_response_minutes":0}]})");
  EXPECT_EQ(zero.status, 400);
  EXPECT_NE(zero.body.find("bands[0].first_response_minutes must be a whole number from 1"), std::string::npos);
  EXPECT_EQ(admin.Send("PUT", "/api/v1/sla/policies/999999", policy).status, 404);
  EXPECT_EQ(admin.Send("PUT", "/api/v1/sla/policies/support", policy).status, 400);

  const Response stored = admin.Send("PUT", path, policy);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(Json(stored)["team_id"], team);
  EXPECT_EQ(Json(stored)["bands"][1]["first_response_minutes"], 15);
  EXPECT_EQ(Json(stored)["bands"][1]["next_response_minutes"], nullptr);
  EXPECT_EQ(Json(stored)["warn_percent"], 80);
  bool listed = false;
  const json policies = Json(lead.Get("/api/v1/sla/policies"))["policies"];
  for (const json& item : policies) listed |= item["team_id"] == team;
  EXPECT_TRUE(listed);
  EXPECT_EQ(admin.Delete(path).status, 204);
  EXPECT_EQ(admin.Delete(path).status, 404);

  // Business hours.
  const std::string hours = "/api/v1/sla/business-hours/" + std::to_string(team);
  const Response zone = admin.Send("PUT", hours, R"({"time_zone":"Mars/Olympus","always_open":true})");
  EXPECT_EQ(zone.status, 400);
  EXPECT_NE(zone.body.find("not a known IANA time zone"), std::string::npos) << zone.body;
  const Response closed = admin.Send("PUT", hours, R"({"time_zone":"Europe/Amsterdam","intervals":[]})");
  EXPECT_EQ(closed.status, 400);
  EXPECT_NE(closed.body.find("no open time"), std::string::npos) << closed.body;
  const Response clock = admin.Send("PUT", hours, R"({"time_zone":"UTC","intervals":[{"weekday":1,"opens":"9:00","closes":"17:00"}]})");
  EXPECT_EQ(clock.status, 400);
  EXPECT_NE(clock.body.find("intervals[0].opens must be a time such as 09:00"), std::string::npos) << clock.body;
  EXPECT_EQ(lead.Send("PUT", hours, R"({"time_zone":"UTC","always_open":true})").status, 403);
  const Response week = admin.Send(
      "PUT", hours,
      R"({"time_zone":"Europe/Amsterdam","intervals":[{"weekday":1,"opens":"09:00","closes":"17:30"},)"
      R"({"weekday":5,"opens":"22:00","closes":"06:00"}],"closed":[{"date":"2026-12-25","name":"Kerstmis"}]})");
  ASSERT_EQ(week.status, 200) << week.body;
  EXPECT_EQ(Json(week)["intervals"][0]["closes"], "17:30");
  EXPECT_EQ(Json(week)["intervals"][1]["closes"], "06:00");
  EXPECT_EQ(Json(week)["closed"][0]["name"], "Kerstmis");
  EXPECT_EQ(Json(lead.Get("/api/v1/sla/business-hours"))["business_hours"].size(), 1u);
  EXPECT_EQ(admin.Delete(hours).status, 204);
}

TEST_F(SlaTest, DueTimesFirstResponseAndTheReport) {
  const Client admin = As("admin"), lead = As("lead");
  const int64_t team = NewTeam("SLA due");
  AlwaysOpen(team);
  ASSERT_EQ(admin.Send("PUT", "/api/v1/sla/policies/" + std::to_string(team),
                       R"({"bands":[{"first_response_minutes":60,"next_response_minutes":30,"resolution_minutes":480}]})")
                .status,
            200);

  const json conversation = NewConversation("sla-due-1", team, /*minutes_ago=*/5);
  const json first = Timer(conversation, "first_response");
  ASSERT_TRUE(first.is_object()) << conversation["sla"].dump();
  const int64_t started = *base::ParseRfc3339(first["started_at"].get<std::string>());
  EXPECT_EQ(*base::ParseRfc3339(first["due_at"].get<std::string>()), started + 60 * kMinute);
  EXPECT_EQ(first["stopped_at"], nullptr);
  EXPECT_EQ(conversation["sla"]["state"], "ok");
  EXPECT_EQ(conversation["sla"]["due_at"], first["due_at"]);
  EXPECT_EQ(*base::ParseRfc3339(Timer(conversation, "resolution")["due_at"].get<std::string>()),
            started + 480 * kMinute);
  const std::string id = std::to_string(conversation["id"].get<int64_t>());
  // Sorted by SLA, due conversations come before those without timers.
  const Response sorted = lead.Get("/api/v1/conversations?sort=sla&limit=200");
  ASSERT_EQ(sorted.status, 200) << sorted.body;
  EXPECT_NE(Json(sorted)["conversations"][0]["sla"]["due_at"], nullptr);
  EXPECT_EQ(lead.Get("/api/v1/conversations?sla=late").status, 400);

  const Response replied = lead.Post("/api/v1/conversations/" + id + "/replies", R"({"text":"We kijken ernaar!"})");
  ASSERT_EQ(replied.status, 201) << replied.body;
  const json after = Json(lead.Get("/api/v1/conversations/" + id))["conversation"];
  EXPECT_NE(after["sla"]["first_response_at"], nullptr);
  EXPECT_GE(after["sla"]["first_response_minutes"].get<double>(), 4.9);
  EXPECT_LT(after["sla"]["first_response_minutes"].get<double>(), 30);
  EXPECT_NE(Timer(after, "first_response")["stopped_at"], nullptr);
  EXPECT_EQ(Timer(after, "first_response")["breached"], false);
  EXPECT_EQ(after["sla"]["breached"], json::array());

  const std::string report_path = "/api/v1/reports/sla?within=30&team=" + std::to_string(team);
  const Response report = lead.Get(report_path);
  ASSERT_EQ(report.status, 200) << report.body;
  const json figures = Json(report)["first_response"];
  EXPECT_EQ(figures["responded"], 1);
  EXPECT_EQ(figures["within"], 1);
  EXPECT_EQ(figures["percent_within"], 100.0);
  EXPECT_GE(figures["median_minutes"].get<double>(), 4.9);
  EXPECT_EQ(Json(report)["within_minutes"], 30);
  // Five minutes are not within four.
  EXPECT_EQ(Json(lead.Get("/api/v1/reports/sla?within=4&team=" + std::to_string(team)))["first_response"]["within"], 0);
  EXPECT_EQ(As("agent").Get(report_path).status, 403);
  EXPECT_EQ(lead.Get("/api/v1/reports/sla?within=0").status, 400);
  EXPECT_EQ(lead.Get("/api/v1/reports/sla?since=yesterday").status, 400);
}

TEST_F(SlaTest, BreachIsRecordedAndAnnounced) {
  const Client admin = As("admin"), lead = As("lead");
  const int64_t team = NewTeam("SLA breach");
  AlwaysOpen(team);
  ASSERT_EQ(admin.Send("PUT", "/api/v1/sla/policies/" + std::to_string(team),
                       R"({"bands":[{"first_response_minutes":1}]})").status,
            200);
  // Written ten minutes ago with a one-minute target: overdue the moment it is stored.
  const json conversation = NewConversation("sla-breach-1", team, /*minutes_ago=*/10);
  EXPECT_EQ(conversation["sla"]["state"], "breached");
  const std::string id = std::to_string(conversation["id"].get<int64_t>());

  // The server's sweep records the breach within seconds.
  json history;
  bool recorded = false;
  for (int i = 0; i < 150 && !recorded; ++i) {
    history = Json(lead.Get("/api/v1/conversations/" + id + "/history"))["events"];
    for (const json& event : history) {
      if (event["kind"] == "sla.breached") {
        recorded = true;
        EXPECT_EQ(event["data"]["kind"], "first_response");
        EXPECT_EQ(event["data"]["running"], true);
      }
    }
    if (!recorded) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(recorded) << history.dump();
  const json listed = Json(lead.Get("/api/v1/conversations?sla=breached&team=" + std::to_string(team)));
  ASSERT_EQ(listed["conversations"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["conversations"][0]["sla"]["breached"], json::array({"first_response"}));
  EXPECT_EQ(Json(lead.Get("/api/v1/conversations?sla=ok&team=" + std::to_string(team)))["conversations"].size(), 0u);
  const json report = Json(lead.Get("/api/v1/reports/sla?team=" + std::to_string(team)));
  EXPECT_EQ(report["breaches"]["first_response"], 1);
  EXPECT_EQ(report["first_response"]["awaiting"], 1);
  // Nobody has it and its team has no leads: every lead hears of it.
  bool notified = false;
  const json notifications = Json(lead.Get("/api/v1/notifications"))["notifications"];
  for (const json& item : notifications) {
    notified |= item["kind"] == "sla_breached" && item["conversation_id"] == conversation["id"];
  }
  EXPECT_TRUE(notified);
  // Recorded once, however often the sweep runs.
  std::this_thread::sleep_for(std::chrono::seconds(4));
  int breaches = 0;
  const json events = Json(lead.Get("/api/v1/conversations/" + id + "/history"))["events"];
  for (const json& event : events) {
    breaches += event["kind"] == "sla.breached";
  }
  EXPECT_EQ(breaches, 1);
}

}  // namespace
}  // namespace webcare::testing
