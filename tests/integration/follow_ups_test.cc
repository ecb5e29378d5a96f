// Follow-ups, promises and escalations through the real binary: an overdue follow-up reaches
// the lead, the rules on who may add and close them, promises found in reply texts, and the
// three escalations (phone, expert, management) with what each brings along.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/time_format.h"
#include "base/clock.h"
#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


std::string InSeconds(int seconds) {
  return base::FormatRfc3339(base::SystemClock::Instance().NowMicros() + seconds * base::kMicrosPerSecond);
}

class FollowUpsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(/*demo_posts=*/0);
    // Both agents work in Support; the lead leads Support and PR (the demo's own lead too:
    // overdue follow-ups and escalations go to the leads of the conversation's team).
    People people = SetUpPeople(*server_, {.new_agents = {{"agent2@example.com", "Daan de Wit"}},
                                           .memberships = {{"agent@example.com", "Support"},
                                                           {"agent2@example.com", "Support"},
                                                           {"lead@example.com", "Support"},
                                                           {"lead@example.com", "PR"}}});
    teams_ = std::move(people.teams);
    users_ = std::move(people.users);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A new inbound X post in its own conversation, handed to Support; returns its id.
  static int64_t NewConversation(const std::string& id) {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response posted = lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"},
                                                            {"external_id", id},
                                                            {"author", {{"handle", "@klant_" + id}, {"name", "Klant"}}},
                                                            {"text", "Mijn pas doet het niet"},
                                                            {"created_at", "2026-11-21T09:00:00Z"}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const json conversations =
        Json(lead.Get("/api/v1/conversations?q=author%3A%22%40klant_" + id + "%22&limit=5"))["conversations"];
    for (const json& conversation : conversations) {
      if (conversation["author"]["handle"] == "@klant_" + id) {
        const int64_t conversation_id = conversation["id"];
        const Response moved = lead.Post(Path(conversation_id, "team"), json{{"team_id", teams_["Support"]}}.dump());
        EXPECT_EQ(moved.status, 200) << moved.body;
        return conversation_id;
      }
    }
    ADD_FAILURE() << "no conversation for " << id;
    return 0;
  }

  static std::string Path(int64_t conversation, const std::string& action) {
    return "/api/v1/conversations/" + std::to_string(conversation) + "/" + action;
  }

  // The user's notifications of `kind` about `conversation`, waiting up to 20 s for one.
  static json WaitForNotification(const Client& client, const std::string& kind, int64_t conversation) {
    for (int i = 0; i < 200; ++i) {
      const json notifications = Json(client.Get("/api/v1/notifications"));
      for (const json& notification : notifications["notifications"]) {
        if (notification["kind"] == kind && notification["conversation_id"] == conversation) return notification;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return nullptr;
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> teams_;
  static std::map<std::string, int64_t> users_;
};
TestServer* FollowUpsTest::server_ = nullptr;
std::map<std::string, int64_t> FollowUpsTest::teams_;
std::map<std::string, int64_t> FollowUpsTest::users_;

TEST_F(FollowUpsTest, AnOverdueFollowUpRemindsItsOwnerAndEscalatesToTheLead) {
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/follow-ups", R"({"escalate_after_minutes":0})").status, 200);
  const int64_t conversation = NewConversation("overdue");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response added = agent.Post(Path(conversation, "follow-ups"),
                                    json{{"text", "Terugbellen over de pas"}, {"due_at", InSeconds(1)}}.dump());
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Json(added)["follow_up"]["owner"]["id"], users_["agent@example.com"]);
  EXPECT_EQ(Json(added)["follow_up"]["state"], "open");

  const json reminder = WaitForNotification(agent, "follow_up.due", conversation);
  ASSERT_FALSE(reminder.is_null()) << "the owner was never reminded";
  EXPECT_EQ(reminder["text"], "Terugbellen over de pas");
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const json escalation = WaitForNotification(lead, "follow_up.overdue", conversation);
  ASSERT_FALSE(escalation.is_null()) << "the lead never heard of the overdue follow-up";
  EXPECT_NE(escalation["text"].get<std::string>().find("Test agent"), std::string::npos) << escalation.dump();

  const json listed = Json(agent.Get(Path(conversation, "follow-ups")))["follow_ups"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0]["reminded_at"].is_null());
  EXPECT_FALSE(listed[0]["escalated_at"].is_null());
  bool overdue_in_history = false;
  const json history = Json(agent.Get(Path(conversation, "history")));
  for (const json& event : history["events"]) {
    overdue_in_history = overdue_in_history || event["kind"] == "follow_up.overdue";
  }
  EXPECT_TRUE(overdue_in_history);
  // The conversation shows when the next follow-up is due.
  EXPECT_FALSE(Json(agent.Get("/api/v1/conversations/" + std::to_string(conversation)))["conversation"]["next_follow_up_at"].is_null());
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/follow-ups", R"({"escalate_after_minutes":30})").status, 200);
}

TEST_F(FollowUpsTest, WhoMayAddAndCloseFollowUps) {
  const int64_t conversation = NewConversation("rules");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Client colleague = Client::LogIn(*server_, "agent2@example.com");
  const Client viewer = Client::LogIn(*server_, "viewer@example.com");
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const std::string body = json{{"text", "Factuur nasturen"}, {"due_at", InSeconds(3600)}}.dump();

  EXPECT_EQ(viewer.Post(Path(conversation, "follow-ups"), body).status, 403);
  const Response past = agent.Post(Path(conversation, "follow-ups"),
                                   json{{"text", "Te laat"}, {"due_at", "2020-01-01T10:00:00Z"}}.dump());
  EXPECT_EQ(past.status, 400);
  EXPECT_NE(past.body.find("in the past"), std::string::npos) << past.body;
  EXPECT_EQ(agent.Post(Path(conversation, "follow-ups"), json{{"text", ""}, {"due_at", InSeconds(60)}}.dump()).status, 400);
  EXPECT_EQ(agent.Post(Path(conversation, "follow-ups"), json{{"text", "x"}, {"due_at", "tomorrow"}}.dump()).status, 400);
  EXPECT_EQ(agent.Post(Path(conversation, "follow-ups"), json{{"text", "x"}, {"kind", "visit"}, {"due_at", InSeconds(60)}}.dump()).status, 400);

  const Response added = agent.Post(Path(conversation, "follow-ups"), body);
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string id = std::to_string(Json(added)["follow_up"]["id"].get<int64_t>());
  // Handing one to a colleague notifies them.
  const Response handed = agent.Post(Path(conversation, "follow-ups"),
                                     json{{"text", "Jij belt?"}, {"due_at", InSeconds(3600)},
                                          {"owner_id", users_["agent2@example.com"]}}.dump());
  ASSERT_EQ(handed.status, 201) << handed.body;
  EXPECT_FALSE(WaitForNotification(colleague, "follow_up.assigned", conversation).is_null());

  EXPECT_EQ(colleague.Post("/api/v1/follow-ups/" + id + "/done", "").status, 403);
  const Response done = agent.Post("/api/v1/follow-ups/" + id + "/done", "");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done)["follow_up"]["state"], "done");
  EXPECT_EQ(agent.Post("/api/v1/follow-ups/" + id + "/cancel", "").status, 409);
  const std::string handed_id = std::to_string(Json(handed)["follow_up"]["id"].get<int64_t>());
  EXPECT_EQ(lead.Post("/api/v1/follow-ups/" + handed_id + "/cancel", "").status, 200);
  EXPECT_EQ(agent.Post("/api/v1/follow-ups/999999/done", "").status, 404);

  // One's own list across conversations.
  const json mine = Json(colleague.Get("/api/v1/follow-ups?open=0"))["follow_ups"];
  ASSERT_FALSE(mine.empty());
  EXPECT_EQ(mine[0]["state"], "cancelled");
}

TEST_F(FollowUpsTest, PromisesInAReplyAreFoundWithTheirDueTime) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response found = agent.Post("/api/v1/replies/promises",
                                    json{{"text", "Vervelend! We bellen u morgen om 10 uur terug. ^TA"}}.dump());
  ASSERT_EQ(found.status, 200) << found.body;
  const json promises = Json(found)["promises"];
  ASSERT_EQ(promises.size(), 1u) << found.body;
  EXPECT_EQ(promises[0]["kind"], "call");
  EXPECT_EQ(promises[0]["when"], "morgen om 10 uur");
  EXPECT_TRUE(promises[0]["time_stated"].get<bool>());
  EXPECT_TRUE(Json(agent.Post("/api/v1/replies/promises", R"({"text":"Fijn dat het weer werkt!"})"))["promises"].empty());
  EXPECT_EQ(agent.Post("/api/v1/replies/promises", "{not json").status, 400);
}

TEST_F(FollowUpsTest, EscalationsToPhoneExpertAndManagement) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Client colleague = Client::LogIn(*server_, "agent2@example.com");
  const Client lead = Client::LogIn(*server_, "lead@example.com");

  // Phone: the customer's number is unknown, so one must be given; a call task comes with it.
  const int64_t phone = NewConversation("esc-phone");
  const Response no_number = agent.Post(Path(phone, "escalate"), json{{"kind", "phone"}, {"reason", "Te complex voor X"}}.dump());
  EXPECT_EQ(no_number.status, 400);
  EXPECT_NE(no_number.body.find("no phone number"), std::string::npos) << no_number.body;
  const Response called = agent.Post(Path(phone, "escalate"), json{{"kind", "phone"}, {"reason", "Te complex voor X"},
                                                                  {"phone", "+31 6 1234 5678"}}.dump());
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(Json(called)["conversation"]["escalation"]["kind"], "phone");
  EXPECT_EQ(Json(called)["conversation"]["escalation"]["reason"], "Te complex voor X");
  const json tasks = Json(agent.Get(Path(phone, "follow-ups")))["follow_ups"];
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]["kind"], "call");
  EXPECT_EQ(tasks[0]["phone"], "+31 6 1234 5678");
  EXPECT_EQ(tasks[0]["source"], "escalation");

  // Expert: the colleague is added, notified, and may now see the conversation.
  const int64_t expert = NewConversation("esc-expert");
  EXPECT_EQ(agent.Post(Path(expert, "escalate"), json{{"kind", "expert"}, {"reason", "Tariefvraag"}}.dump()).status, 400);
  const Response asked = agent.Post(Path(expert, "escalate"), json{{"kind", "expert"}, {"reason", "Tariefvraag"},
                                                                  {"expert_id", users_["agent2@example.com"]}}.dump());
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(Json(asked)["conversation"]["experts"], json::array({users_["agent2@example.com"]}));
  EXPECT_FALSE(WaitForNotification(colleague, "escalation", expert).is_null());

  // Management: handed to PR, out of the agent's sight; the leads are told.
  const int64_t management = NewConversation("esc-pr");
  const Response handed = agent.Post(Path(management, "escalate"),
                                     json{{"kind", "management"}, {"reason", "Journalist vraagt om reactie"},
                                          {"team_id", teams_["PR"]}}.dump());
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(Json(handed)["conversation"]["team_id"], teams_["PR"]);
  EXPECT_FALSE(WaitForNotification(lead, "escalation", management).is_null());
  EXPECT_EQ(agent.Get("/api/v1/conversations/" + std::to_string(management)).status, 403);

  // Only a lead (or whoever escalated) withdraws it; resolving ends it too.
  EXPECT_EQ(colleague.Send("DELETE", Path(phone, "escalation"), "").status, 403);
  const Response withdrawn = lead.Send("DELETE", Path(phone, "escalation"), "");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_TRUE(Json(withdrawn)["conversation"]["escalation"].is_null());
  EXPECT_EQ(lead.Send("DELETE", Path(phone, "escalation"), "").status, 409);
  ASSERT_EQ(lead.Post(Path(management, "status"), R"({"status":"resolved"})").status, 200);
  EXPECT_TRUE(Json(lead.Get("/api/v1/conversations/" + std::to_string(management)))["conversation"]["escalation"].is_null());

  EXPECT_EQ(agent.Post(Path(phone, "escalate"), json{{"kind", "pr"}, {"reason", "x"}}.dump()).status, 400);
  EXPECT_EQ(agent.Post(Path(phone, "escalate"), json{{"kind", "management"}, {"reason", " "}}.dump()).status, 400);
}

TEST_F(FollowUpsTest, SettingsAreForAdminsAndChecked) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  EXPECT_EQ(agent.Get("/api/v1/settings/follow-ups").status, 200);
  EXPECT_EQ(agent.Send("PUT", "/api/v1/settings/follow-ups", R"({"escalate_after_minutes":5})").status, 403);
  const Response zone = admin.Send("PUT", "/api/v1/settings/follow-ups", R"({"time_zone":"Mars/Olympus"})");
  EXPECT_EQ(zone.status, 400);
  EXPECT_NE(zone.body.find("unknown time zone"), std::string::npos) << zone.body;
  EXPECT_EQ(admin.Send("PUT", "/api/v1/settings/follow-ups", R"({"escalate_after_minutes":-1})").status, 400);
}

}  // namespace
}  // namespace webcare::testing
