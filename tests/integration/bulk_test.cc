// Bulk actions through the real binary: assign, label and status on many conversations with
// per-conversation skips, an agent kept to its own team's conversations, "every conversation
// matching a filter", and bulk deletion that hides at once, is undone exactly within the
// window, and after it cannot be undone and is purged by the server's chore.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


std::string Path(int64_t conversation) { return "/api/v1/conversations/" + std::to_string(conversation); }

constexpr char kBulk[] = "/api/v1/conversations/bulk";

class BulkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(/*demo_posts=*/100);
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

  // A new inbound X post as a conversation of its own, handed to `team`; returns its id.
  static int64_t NewConversation(const std::string& id, const std::string& team = "Support") {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response posted = lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"}, {"external_id", id},
                                                            {"author", {{"handle", "@bulk_" + id}, {"name", "Klant"}}},
                                                            {"text", "Mijn saldo klopt niet " + id},
                                                            {"created_at", "2026-11-21T09:00:00Z"}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const json found = Json(lead.Get("/api/v1/conversations?q=author%3A%22%40bulk_" + id + "%22&limit=5"));
    for (const json& conversation : found["conversations"]) {
      if (conversation["author"]["handle"] != "@bulk_" + id) continue;
      const int64_t conversation_id = conversation["id"];
      const Response moved = lead.Post(Path(conversation_id) + "/team", json{{"team_id", teams_[team]}}.dump());
      EXPECT_EQ(moved.status, 200) << moved.body;
      return conversation_id;
    }
    ADD_FAILURE() << "no conversation for " << id;
    return 0;
  }

  // The skip codes by conversation id.
  static std::map<int64_t, std::string> Skips(const json& result) {
    std::map<int64_t, std::string> codes;
    for (const json& skip : result["skipped"]) codes[skip["id"]] = skip["code"];
    return codes;
  }

  // GET /api/v1/conversations/{id} without what changes by itself (presence, relative times).
  static json Detail(const Client& client, int64_t id) {
    json detail = Json(client.Get(Path(id)));
    detail.erase("presence");
    return detail;
  }

  // The stored post count from /metrics, which counts deleted posts until they are purged.
  static int64_t StoredPosts(const Client& admin) {
    const Response metrics = admin.Get("/metrics");
    const size_t at = metrics.body.find("\nwebcare_posts ");
    if (at == std::string::npos) return -1;
    return std::stoll(metrics.body.substr(at + 15));
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> teams_;
  static std::map<std::string, int64_t> users_;
};
TestServer* BulkTest::server_ = nullptr;
std::map<std::string, int64_t> BulkTest::teams_;
std::map<std::string, int64_t> BulkTest::users_;

TEST_F(BulkTest, AssignLabelAndStatusChangeWhatIsAllowedAndSkipTheRest) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Client daan = Client::LogIn(*server_, "agent2@example.com");
  const int64_t free1 = NewConversation("mix-1");
  const int64_t free2 = NewConversation("mix-2");
  const int64_t daans = NewConversation("mix-3");
  const int64_t pr = NewConversation("mix-4", "PR");
  ASSERT_EQ(daan.Post(Path(daans) + "/claim", "").status, 200);

  const Response assigned = anna.Post(kBulk, json{{"action", "assign"}, {"ids", {free1, free2, daans, pr, 99999999}},
                                                  {"params", {{"user_id", users_["agent@example.com"]}}}}.dump());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  const json result = Json(assigned);
  EXPECT_EQ(result["action"], "assign");
  EXPECT_EQ(result["affected"], 2);
  EXPECT_EQ(result["conversation_ids"], json({free1, free2}));
  EXPECT_EQ(Skips(result), (std::map<int64_t, std::string>{{daans, "conflict"}, {pr, "forbidden"}, {99999999, "not_found"}}));
  EXPECT_TRUE(result["undo"].is_null());
  for (const json& skip : result["skipped"]) {
    if (skip["id"] == daans) EXPECT_EQ(skip["reason"], "already claimed by Daan de Wit");
  }
  EXPECT_EQ(Json(anna.Get(Path(free2)))["conversation"]["assignee_id"], users_["agent@example.com"]);
  EXPECT_EQ(Json(daan.Get(Path(daans)))["conversation"]["assignee_id"], users_["agent2@example.com"]);

  const Response labelled = anna.Post(kBulk, json{{"action", "add_label"}, {"ids", {free1, free2, daans}},
                                                  {"params", {{"label", "saldo"}}}}.dump());
  ASSERT_EQ(labelled.status, 200) << labelled.body;
  EXPECT_EQ(Json(labelled)["affected"], 3);  // Labels are anyone's in the team, claimed or not.
  const Response again = anna.Post(kBulk, json{{"action", "add_label"}, {"ids", {free1}}, {"params", {{"label", "saldo"}}}}.dump());
  EXPECT_EQ(Skips(Json(again))[free1], "unchanged");

  const Response snoozed = anna.Post(kBulk, json{{"action", "status"}, {"ids", {free1, free2}},
                                                 {"params", {{"status", "snoozed"}, {"snoozed_until", "2099-01-01T08:00:00Z"}}}}.dump());
  ASSERT_EQ(snoozed.status, 200) << snoozed.body;
  EXPECT_EQ(Json(snoozed)["affected"], 2);
  const json after = Json(anna.Get(Path(free1)))["conversation"];
  EXPECT_EQ(after["status"], "snoozed");
  EXPECT_EQ(after["snoozed_until"], "2099-01-01T08:00:00Z");
  EXPECT_EQ(after["labels"], json({"saldo"}));
  // Every changed conversation has its own event in its history.
  std::vector<std::string> kinds;
  const json history = Json(anna.Get(Path(free1) + "/history"))["events"];
  for (const json& event : history) kinds.push_back(event["kind"]);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "conversation.labels"), 1);
  EXPECT_EQ(kinds.back(), "conversation.status");
}

TEST_F(BulkTest, AnAgentCannotTouchAnotherTeamsConversations) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const int64_t pr1 = NewConversation("pr-1", "PR");
  const int64_t pr2 = NewConversation("pr-2", "PR");
  ASSERT_EQ(lead.Post(kBulk, json{{"action", "add_label"}, {"ids", {pr1, pr2}}, {"params", {{"label", "pers"}}}}.dump()).status, 200);
  const json before = Detail(lead, pr1);
  for (const json& body : {json{{"action", "status"}, {"ids", {pr1, pr2}}, {"params", {{"status", "resolved"}}}},
                           json{{"action", "remove_label"}, {"ids", {pr1, pr2}}, {"params", {{"label", "pers"}}}},
                           json{{"action", "team"}, {"ids", {pr1}}, {"params", {{"team_id", teams_["Support"]}}}}}) {
    const Response refused = anna.Post(kBulk, body.dump());
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(Json(refused)["affected"], 0) << refused.body;
    const json skipped = Json(refused)["skipped"];
    for (const json& skip : skipped) EXPECT_EQ(skip["code"], "forbidden") << skip.dump();
  }
  // "Everything matching" only ever means what the agent may see.
  const Response matching = anna.Post(kBulk, json{{"action", "status"}, {"filter", {{"label", "pers"}}},
                                                  {"params", {{"status", "resolved"}}}}.dump());
  ASSERT_EQ(matching.status, 200) << matching.body;
  EXPECT_EQ(Json(matching)["affected"], 0);
  EXPECT_EQ(Json(anna.Get("/api/v1/conversations/bulk/count?label=pers"))["count"], 0);
  EXPECT_EQ(Json(lead.Get("/api/v1/conversations/bulk/count?label=pers"))["count"], 2);
  EXPECT_EQ(Detail(lead, pr1), before);
  // Deleting is for leads and admins; viewers change nothing in bulk.
  const Response deleted = anna.Post(kBulk, json{{"action", "delete"}, {"ids", {pr1}}}.dump());
  EXPECT_EQ(deleted.status, 403);
  EXPECT_NE(deleted.body.find("only leads and admins can delete"), std::string::npos) << deleted.body;
  const Client viewer = Client::LogIn(*server_, "viewer@example.com");
  EXPECT_EQ(viewer.Post(kBulk, json{{"action", "add_label"}, {"ids", {pr1}}, {"params", {{"label", "x"}}}}.dump()).status, 403);
  EXPECT_EQ(lead.Get(Path(pr1)).status, 200);
}

TEST_F(BulkTest, RequestsThatMakeNoSenseAreRefusedWithAReason) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const int64_t id = NewConversation("bad-1");
  const auto refused = [&](const json& body, const std::string& words) {
    const Response response = lead.Post(kBulk, body.dump());
    EXPECT_EQ(response.status, 400) << body.dump();
    EXPECT_NE(response.body.find(words), std::string::npos) << response.body;
  };
  refused({{"action", "archive"}, {"ids", {id}}}, "action must be one of assign, add_label");
  refused({{"action", "delete"}}, "send either ids");
  refused({{"action", "delete"}, {"ids", {id}}, {"filter", {{"view", "all"}}}}, "not both");
  refused({{"action", "delete"}, {"ids", {"x"}}}, "ids must be a list of conversation ids");
  refused({{"action", "add_label"}, {"ids", {id}}}, "params.label is required");
  refused({{"action", "status"}, {"ids", {id}}, {"params", {{"status", "snoozed"}}}}, "params.snoozed_until");
  refused({{"action", "assign"}, {"ids", {id}}, {"params", {{"user_id", 99999}}}}, "user 99999 not found");
  refused({{"action", "status"}, {"filter", {{"view", "elsewhere"}}}, {"params", {{"status", "open"}}}}, "view must be");
  json many = json::array();
  for (int i = 1; i <= 10'001; ++i) many.push_back(i);
  refused({{"action", "delete"}, {"ids", many}}, "at most 10000 conversations at once");
  EXPECT_EQ(lead.Get(Path(id)).status, 200);
}

TEST_F(BulkTest, EveryConversationMatchingAFilter) {
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(NewConversation("match-" + std::to_string(i)));
  ASSERT_EQ(anna.Post(kBulk, json{{"action", "add_label"}, {"ids", ids}, {"params", {{"label", "match-me"}}}}.dump()).status, 200);
  const json count = Json(anna.Get("/api/v1/conversations/bulk/count?label=match-me&view=all"));
  EXPECT_EQ(count["count"], 4);
  EXPECT_EQ(count["limit"], 10000);
  EXPECT_EQ(count["over_limit"], false);
  // The same filters and views as the list: here the unassigned ones with the label.
  ASSERT_EQ(anna.Post(Path(ids[0]) + "/claim", "").status, 200);
  const Response resolved = anna.Post(kBulk, json{{"action", "status"},
                                                  {"filter", {{"view", "unassigned"}, {"label", "match-me"}, {"limit", 1}}},
                                                  {"params", {{"status", "resolved"}}}}.dump());
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(Json(resolved)["affected"], 3);
  EXPECT_EQ(Json(anna.Get(Path(ids[0])))["conversation"]["status"], "open");
  EXPECT_EQ(Json(anna.Get(Path(ids[3])))["conversation"]["status"], "resolved");
}

TEST_F(BulkTest, BulkDeleteHidesAtOnceAndUndoRestoresIdentically) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Client anna = Client::LogIn(*server_, "agent@example.com");
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(NewConversation("undo-" + std::to_string(i)));
  ASSERT_EQ(anna.Post(Path(ids[0]) + "/claim", "").status, 200);
  ASSERT_EQ(anna.Post(Path(ids[0]) + "/notes", R"({"text":"@lead spam?"})").status, 201);
  ASSERT_EQ(anna.Post(Path(ids[1]) + "/status", R"({"status":"snoozed","snoozed_until":"2099-05-01T00:00:00Z"})").status, 200);
  ASSERT_EQ(anna.Post(kBulk, json{{"action", "add_label"}, {"ids", ids}, {"params", {{"label", "weg"}}}}.dump()).status, 200);
  std::vector<json> before;
  for (const int64_t id : ids) before.push_back(Detail(lead, id));
  const int64_t listed_before = Json(lead.Get("/api/v1/conversations/bulk/count?label=weg"))["count"];
  const int64_t mine_before = Json(anna.Get("/api/v1/conversations/counts"))["mine"];

  const Response deleted = lead.Post(kBulk, json{{"action", "delete"}, {"ids", ids}}.dump());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  const json result = Json(deleted);
  EXPECT_EQ(result["affected"], 3);
  ASSERT_TRUE(result["undo"].is_object()) << deleted.body;
  EXPECT_EQ(result["undo"]["conversations"], 3);
  const int64_t batch = result["undo"]["batch"];
  // Gone at once: the conversation itself, the list, the counts and search.
  for (const int64_t id : ids) EXPECT_EQ(lead.Get(Path(id)).status, 404);
  EXPECT_EQ(Json(lead.Get("/api/v1/conversations?label=weg"))["conversations"].size(), 0u);
  EXPECT_EQ(listed_before, 3);
  EXPECT_EQ(Json(anna.Get("/api/v1/conversations/counts"))["mine"], mine_before - 1);
  EXPECT_EQ(Json(lead.Get("/api/v1/posts/search?q=%22undo-1%22"))["posts"].size(), 0u);
  EXPECT_EQ(anna.Post(Path(ids[0]) + "/notes", R"({"text":"nog iets"})").status, 404);

  // Only whoever deleted them, or a lead, may undo.
  const Response by_agent = anna.Post(std::string(kBulk) + "/" + std::to_string(batch) + "/undo", "");
  EXPECT_EQ(by_agent.status, 403) << by_agent.body;
  const Response undone = lead.Post(std::string(kBulk) + "/" + std::to_string(batch) + "/undo", "");
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(Json(undone)["restored"], 3);
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(Detail(lead, ids[i]), before[i]) << ids[i];
  EXPECT_EQ(Json(anna.Get("/api/v1/conversations/counts"))["mine"], mine_before);
  EXPECT_EQ(Json(lead.Get("/api/v1/posts/search?q=%22undo-1%22"))["posts"].size(), 1u);
  const Response twice = lead.Post(std::string(kBulk) + "/" + std::to_string(batch) + "/undo", "");
  EXPECT_EQ(twice.status, 409);
  EXPECT_NE(twice.body.find("undone already"), std::string::npos) << twice.body;
  EXPECT_EQ(lead.Post(std::string(kBulk) + "/987654/undo", "").status, 404);
}

TEST_F(BulkTest, ANewPostInTheWindowKeepsItsConversation) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const int64_t answered = NewConversation("late-1");
  const int64_t quiet = NewConversation("late-2");
  const Response deleted = lead.Post(kBulk, json{{"action", "delete"}, {"ids", {answered, quiet}}}.dump());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  // The customer answers in the deleted thread: accepted data is never lost, so the
  // conversation comes back with the new post in it.
  ASSERT_EQ(lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"}, {"external_id", "late-1b"},
                                            {"in_reply_to", "late-1"}, {"author", {{"handle", "@bulk_late-1"}}},
                                            {"text", "Hallo? Nog steeds fout"},
                                            {"created_at", "2026-11-21T10:00:00Z"}}.dump()).status, 201);
  const json back = Json(lead.Get(Path(answered)));
  EXPECT_EQ(back["conversation"]["post_count"], 2);
  EXPECT_EQ(back["conversation"]["labels"], json::array());
  EXPECT_EQ(lead.Get(Path(quiet)).status, 404);
}

TEST_F(BulkTest, AfterTheWindowUndoFailsAndTheDataIsPurged) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  const int64_t id = NewConversation("purge-1");
  const int64_t posts_before = StoredPosts(admin);
  const Response deleted = lead.Post(kBulk, json{{"action", "delete"}, {"ids", {id}}}.dump());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  const int64_t batch = Json(deleted)["undo"]["batch"];
  EXPECT_EQ(StoredPosts(admin), posts_before);  // Hidden, not removed, during the window.
  std::this_thread::sleep_for(std::chrono::milliseconds(10'500));
  const Response late = lead.Post(std::string(kBulk) + "/" + std::to_string(batch) + "/undo", "");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("too late to undo"), std::string::npos) << late.body;
  // The purge chore runs every 2 s.
  int64_t posts_after = posts_before;
  for (int i = 0; i < 100 && posts_after == posts_before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    posts_after = StoredPosts(admin);
  }
  // Other tests' deletions may be purged in the same round: at least this one post went.
  EXPECT_LE(posts_after, posts_before - 1);
  // A reply to the purged post now starts a conversation of its own (had the old one only
  // been hidden, the reply would have brought it back).
  ASSERT_EQ(lead.Post("/api/v1/posts", json{{"network", "x"}, {"channel", "x:@ovpas"}, {"external_id", "purge-1b"},
                                            {"in_reply_to", "purge-1"}, {"author", {{"handle", "@bulk_purge-1"}}},
                                            {"text", "Hallo?"}, {"created_at", "2026-11-21T10:00:00Z"}}.dump()).status, 201);
  EXPECT_EQ(lead.Get(Path(id)).status, 404);
}

}  // namespace
}  // namespace webcare::testing
