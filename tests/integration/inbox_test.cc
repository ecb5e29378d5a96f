// The collaborative inbox through the real binary: who sees what, atomic claims, statuses
// with history, notes that notify, replies counted the network's way and delivered through
// the outbox's webhook, the audit log and the realtime feed.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


class InboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    // A second agent; both agents work in Support (a lead sees every team's conversations).
    People people = SetUpPeople(*server_, {.new_agents = {{"agent2@example.com", "Daan de Wit"}},
                                           .memberships = {{"agent@example.com", "Support"},
                                                           {"agent2@example.com", "Support"}}});
    teams_ = std::move(people.teams);
    users_ = std::move(people.users);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A new inbound X post routed to no team yet, as its own conversation; returns its id.
  static int64_t NewConversation(const std::string& id, const std::string& text = "Waar blijft mijn pas?",
                                 const std::string& network = "x") {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response posted = lead.Post("/api/v1/posts", json{{"network", network}, {"channel", network + ":@ovpas"},
                                                            {"external_id", id},
                                                            {"author", {{"handle", "@klant_" + id}, {"name", "Klant"}}},
                                                            {"text", text},
                                                            {"created_at", "2026-11-21T09:00:00Z"}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const int64_t post_id = Json(posted)["post_ids"][0];
    const Response found = lead.Get("/api/v1/conversations?q=author%3A%22%40klant_" + id + "%22&limit=5");
    const json conversations = Json(found)["conversations"];
    for (const json& conversation : conversations) {
      (void)post_id;
      if (conversation["author"]["handle"] == "@klant_" + id) return conversation["id"];
    }
    ADD_FAILURE() << "no conversation for " << id << ": " << found.body;
    return 0;
  }

  static void ToTeam(int64_t conversation, const std::string& team) {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response moved = lead.Post("/api/v1/conversations/" + std::to_string(conversation) + "/team",
                                     json{{"team_id", teams_[team]}}.dump());
    ASSERT_EQ(moved.status, 200) << moved.body;
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> teams_;
  static std::map<std::string, int64_t> users_;
};
TestServer* InboxTest::server_ = nullptr;
std::map<std::string, int64_t> InboxTest::teams_;
std::map<std::string, int64_t> InboxTest::users_;

std::string Path(int64_t conversation, const std::string& action = "") {
  return "/api/v1/conversations/" + std::to_string(conversation) + (action.empty() ? "" : "/" + action);
}

TEST_F(InboxTest, AgentSeesOnlyItsTeamsConversationsAndNoAdminEndpoints) {
  const int64_t pr = NewConversation("vis-pr");
  ToTeam(pr, "PR");
  const int64_t support = NewConversation("vis-support");
  ToTeam(support, "Support");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  EXPECT_EQ(agent.Get(Path(pr)).status, 403);
  EXPECT_EQ(agent.Get(Path(support)).status, 200);
  EXPECT_EQ(agent.Post(Path(pr, "claim"), "").status, 403);
  const json list = Json(agent.Get("/api/v1/conversations?limit=200"));
  ASSERT_FALSE(list["conversations"].empty());
  for (const json& conversation : list.at("conversations")) {
    EXPECT_TRUE(conversation["team_id"].is_null() || conversation["team_id"] == teams_["Support"] ||
                conversation["assignee_id"] == users_["agent@example.com"])
        << conversation.dump();
  }
  EXPECT_EQ(agent.Get("/api/v1/users").status, 403);
  EXPECT_EQ(agent.Get("/api/v1/audit").status, 403);
  EXPECT_EQ(agent.Send("PUT", "/api/v1/settings/webhook", R"({"url":"http://x","secret":"0123456789abcdef"})").status, 403);
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  EXPECT_EQ(lead.Get(Path(pr)).status, 200);
}

TEST_F(InboxTest, TwoAgentsClaimingAtOnceExactlyOneWins) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  for (int round = 0; round < 5; ++round) {
    const int64_t conversation = NewConversation("claim-" + std::to_string(round));
    ToTeam(conversation, "Support");
    Response first, second;
    std::thread a([&] { first = anna.Post(Path(conversation, "claim"), ""); });
    std::thread b([&] { second = daan.Post(Path(conversation, "claim"), ""); });
    a.join();
    b.join();
    ASSERT_TRUE((first.status == 200) != (second.status == 200)) << first.body << " / " << second.body;
    const Response& loser = first.status == 200 ? second : first;
    const std::string winner = first.status == 200 ? "Test agent" : "Daan de Wit";
    EXPECT_EQ(loser.status, 409);
    EXPECT_NE(loser.body.find("already claimed by " + winner), std::string::npos) << loser.body;
    const json now = Json(anna.Get(Path(conversation)))["conversation"];
    EXPECT_EQ(now["status"], "open");
    EXPECT_EQ(now["assignee_id"], first.status == 200 ? users_["agent@example.com"] : users_["agent2@example.com"]);
  }
}

TEST_F(InboxTest, StatusesLabelsAndHistory) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("status-1");
  ASSERT_EQ(anna.Post(Path(conversation, "claim"), "").status, 200);
  EXPECT_EQ(anna.Post(Path(conversation, "status"), R"({"status":"snoozed"})").status, 400);
  EXPECT_EQ(anna.Post(Path(conversation, "status"), R"({"status":"snoozed","snoozed_until":"2001-01-01T00:00:00Z"})").status, 400);
  Response snoozed = anna.Post(Path(conversation, "status"), R"({"status":"snoozed","snoozed_until":"2099-01-01T00:00:00Z"})");
  ASSERT_EQ(snoozed.status, 200) << snoozed.body;
  EXPECT_EQ(Json(snoozed)["conversation"]["snoozed_until"], "2099-01-01T00:00:00Z");
  const Response labelled = anna.Post(Path(conversation, "labels"), R"({"add":["billing"," urgent "]})");
  ASSERT_EQ(labelled.status, 200) << labelled.body;
  EXPECT_EQ(Json(labelled)["conversation"]["labels"], json({"billing", "urgent"}));
  EXPECT_EQ(anna.Post(Path(conversation, "labels"), R"({"add":[""]})").status, 400);
  ASSERT_EQ(anna.Post(Path(conversation, "status"), R"({"status":"resolved"})").status, 200);
  const json filtered = Json(anna.Get("/api/v1/conversations?label=billing&view=mine"));
  ASSERT_EQ(filtered["conversations"].size(), 1u);
  // A new post from the customer reopens it.
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  ASSERT_EQ(lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"}, {"external_id", "status-1b"},
                                            {"in_reply_to", "status-1"},
                                            {"author", {{"handle", "@klant_status-1"}}},
                                            {"text", "Nog steeds niets"},
                                            {"created_at", "2026-11-21T10:00:00Z"}}.dump()).status, 201);
  EXPECT_EQ(Json(anna.Get(Path(conversation)))["conversation"]["status"], "open");
  const json history = Json(anna.Get(Path(conversation, "history")))["events"];
  std::vector<std::string> kinds;
  for (const json& event : history) kinds.push_back(event["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"posts.added", "conversation.claimed", "conversation.status",
                                             "conversation.labels", "conversation.status", "posts.added"}));
  EXPECT_EQ(history[1]["actor"]["name"], "Test agent");
  const json counts = Json(anna.Get("/api/v1/conversations/counts"));
  EXPECT_GE(counts["mine"].get<int>(), 1);
}

TEST_F(InboxTest, NoteMentionsNotifyTheColleague) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("note-1");
  const Response note = anna.Post(Path(conversation, "notes"), R"({"text":"@lead kun jij hiernaar kijken?"})");
  ASSERT_EQ(note.status, 201) << note.body;
  // "@lead" names every colleague whose address starts with lead@ (the demo's lead too).
  const json mentions = Json(note)["note"]["mentions"];
  EXPECT_NE(std::find(mentions.begin(), mentions.end(), json(users_["lead@example.com"])), mentions.end())
      << mentions.dump();
  EXPECT_EQ(std::find(mentions.begin(), mentions.end(), json(users_["agent@example.com"])), mentions.end());
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const json notifications = Json(lead.Get("/api/v1/notifications?unread=1"));
  ASSERT_GE(notifications["unread"].get<int>(), 1);
  EXPECT_EQ(notifications["notifications"][0]["conversation_id"], conversation);
  EXPECT_EQ(notifications["notifications"][0]["actor"]["name"], "Test agent");
  const json shown = Json(anna.Get(Path(conversation)));
  ASSERT_EQ(shown["notes"].size(), 1u);
  EXPECT_EQ(shown["notes"][0]["text"], "@lead kun jij hiernaar kijken?");
  ASSERT_EQ(lead.Post("/api/v1/notifications/read", json{{"up_to", notifications["notifications"][0]["id"]}}.dump()).status, 204);
  EXPECT_EQ(Json(lead.Get("/api/v1/notifications?unread=1"))["unread"], 0);
  EXPECT_EQ(Client::LogIn(*server_, "viewer@example.com").Post(Path(conversation, "notes"), R"({"text":"x"})").status, 403);
}

TEST_F(InboxTest, UnreadCountCoversMoreNotificationsThanOneList) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Client viewer = Client::LogIn(*server_, "viewer@example.com");
  const int64_t before = Json(viewer.Get("/api/v1/notifications"))["unread"];
  const int64_t conversation = NewConversation("many-mentions");
  // More than the 100 a list shows and the 200 the store lists at most.
  for (int i = 0; i < 201; ++i) {
    const Response noted = anna.Post(Path(conversation, "notes"),
                                     json{{"text", "kijk mee"}, {"mentions", json::array({users_["viewer@example.com"]})}}.dump());
    ASSERT_EQ(noted.status, 201) << noted.body;
  }
  const json listed = Json(viewer.Get("/api/v1/notifications?unread=1"));
  EXPECT_EQ(listed["notifications"].size(), 100u);
  EXPECT_EQ(listed["unread"], before + 201);
}

TEST_F(InboxTest, ReplyOverTheNetworksLimitIsRefusedWithTheCount) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("long-1");
  const std::string text(300, 'a');
  const Response measured = anna.Post("/api/v1/replies/measure",
                                      json{{"conversation_id", conversation}, {"text", text}}.dump());
  ASSERT_EQ(measured.status, 200) << measured.body;
  EXPECT_EQ(Json(measured)["count"], 304);  // With the agent's mark " ^TA".
  EXPECT_EQ(Json(measured)["limit"], 280);
  EXPECT_FALSE(Json(measured)["fits"]);
  const Response refused = anna.Post(Path(conversation, "replies"), json{{"text", text}}.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("the reply is 304 characters; X allows 280"), std::string::npos) << refused.body;
  // Nothing was stored.
  EXPECT_EQ(Json(anna.Get(Path(conversation)))["posts"].size(), 1u);
}

TEST_F(InboxTest, ReplyIsDeliveredThroughTheSignedWebhookAndRetried) {
  LoopbackHttpReceiver receiver({{.status = 500}, {.status = 200}});
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/webhook", R"({"url":"ftp://x","secret":"0123456789abcdef"})").status, 400);
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/webhook",
                       json{{"url", receiver.url()}, {"secret", "integration-secret-1"}}.dump()).status, 200);
  EXPECT_EQ(Json(admin.Get("/api/v1/settings/webhook"))["secret_set"], true);
  EXPECT_EQ(admin.Get("/api/v1/settings/webhook").body.find("integration-secret"), std::string::npos);

  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("reply-1");
  const Response sent = anna.Post(Path(conversation, "replies"), R"({"text":"We kijken ernaar!"})");
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json post = Json(sent)["post"];
  EXPECT_EQ(post["text"], "We kijken ernaar! ^TA");  // The agent's mark, "Test agent".
  EXPECT_EQ(post["direction"], "outbound");
  EXPECT_EQ(post["sent_by"]["name"], "Test agent");
  const json after = Json(anna.Get(Path(conversation)));
  EXPECT_EQ(after["conversation"]["status"], "waiting");
  EXPECT_EQ(after["conversation"]["assignee_id"], users_["agent@example.com"]);  // Replying claims it.
  // The first attempt meets a 500: the reply stays pending with the error, and is retried
  // (after 10 s) until the receiver takes it.
  json delivery;
  for (int i = 0; i < 300; ++i) {
    delivery = Json(anna.Get(Path(conversation)))["posts"].back()["delivery"];
    if (delivery["state"] == "delivered") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(delivery["state"], "delivered") << delivery.dump();
  EXPECT_EQ(delivery["attempts"], 2);
  ASSERT_EQ(receiver.request_count(), 2u);
  // Both attempts carried the same signed delivery of the reply.
  for (size_t i = 0; i < 2; ++i) {
    const auto request = receiver.Request(i);
    EXPECT_EQ(request.request_line, "POST /hook HTTP/1.1");
    EXPECT_EQ(request.headers.at("x-webcare-delivery"), std::to_string(post["delivery"]["id"].get<int64_t>()));
    EXPECT_EQ(request.headers.at("x-webcare-signature").rfind("sha256=", 0), 0u);
    EXPECT_NE(request.body.find("We kijken ernaar! ^TA"), std::string::npos) << request.body;
  }
  // A colleague cannot answer a conversation that is claimed by someone else.
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  const Response blocked = daan.Post(Path(conversation, "replies"), R"({"text":"Ik ook"})");
  EXPECT_EQ(blocked.status, 409);
  EXPECT_NE(blocked.body.find("already claimed by Test agent"), std::string::npos) << blocked.body;
}

TEST_F(InboxTest, PermanentWebhookFailureIsShownAndCanBeRetried) {
  LoopbackHttpReceiver receiver({{.status = 404}, {.status = 200}});
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/webhook",
                       json{{"url", receiver.url()}, {"secret", "integration-secret-2"}}.dump()).status, 200);
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("reply-2");
  ASSERT_EQ(anna.Post(Path(conversation, "replies"), R"({"text":"Hallo"})").status, 201);
  json delivery;
  for (int i = 0; i < 100; ++i) {
    delivery = Json(anna.Get(Path(conversation)))["posts"].back()["delivery"];
    if (delivery["state"] != "pending") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(delivery["state"], "failed") << delivery.dump();
  EXPECT_NE(delivery["last_error"].get<std::string>().find("404"), std::string::npos) << delivery.dump();
  const std::string retry = "/api/v1/outbox/" + std::to_string(delivery["id"].get<int64_t>()) + "/retry";
  // Out of a colleague's sight (PR; Anna holds it since she replied): they cannot retry it.
  ToTeam(conversation, "PR");
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  EXPECT_EQ(daan.Post(retry, "").status, 403);
  EXPECT_EQ(daan.Post("/api/v1/outbox/999999/retry", "").status, 404);
  ASSERT_EQ(anna.Post(retry, "").status, 200);
  for (int i = 0; i < 100; ++i) {
    delivery = Json(anna.Get(Path(conversation)))["posts"].back()["delivery"];
    if (delivery["state"] == "delivered") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(delivery["state"], "delivered") << delivery.dump();
}

TEST_F(InboxTest, AuditLogRecordsEveryActionAndExportsCsv) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("audit-1");
  ASSERT_EQ(anna.Post(Path(conversation, "claim"), "").status, 200);
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  const json log = Json(admin.Get("/api/v1/audit?user=" + std::to_string(users_["agent@example.com"])));
  ASSERT_FALSE(log["entries"].empty());
  const json& latest = log["entries"][0];
  EXPECT_EQ(latest["action"], "POST /api/v1/conversations/{id}/claim");
  EXPECT_EQ(latest["target"], Path(conversation, "claim"));
  EXPECT_EQ(latest["status"], 200);
  EXPECT_EQ(latest["remote_address"], "127.0.0.1");
  const Response csv = admin.Get("/api/v1/audit?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("id,at,user_id,user,remote_address,action,target,status\n", 0), 0u);
}

}  // namespace
}  // namespace webcare::testing
