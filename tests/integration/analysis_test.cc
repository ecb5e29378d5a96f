// The listening engine through the real binary: every stored post carries its analysis,
// streams are managed over the API and applied to the next post, routing rules change the
// priority, and `webcare analyze` / `webcare streams test` run the same pipeline.

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


std::string Escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ') out += "%20";
    else if (c == '#') out += "%23";
    else if (c == ':') out += "%3A";
    else if (c == '"') out += "%22";
    else if (c == '>') out += "%3E";
    else out += c;
  }
  return out;
}

class AnalysisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
};
TestServer* AnalysisTest::server_ = nullptr;

json PostJson(const std::string& id, const std::string& text, int64_t followers = 80) {
  return {{"network", "x"},
          {"channel", "x:@ovpas"},
          {"external_id", id},
          {"author", {{"handle", "@reiziger_" + id}, {"name", "Reiziger"}, {"followers", followers}}},
          {"text", text},
          {"created_at", "2026-11-20T10:00:00Z"}};
}

json FirstPostOf(const Client& client, int64_t post_id, const std::string& query) {
  const Response found = client.Get("/api/v1/posts/search?q=" + Escape(query));
  EXPECT_EQ(found.status, 200) << found.body;
  for (const json& post : json(Json(found)["posts"])) {
    if (post["id"] == post_id) return post;
  }
  ADD_FAILURE() << "post " << post_id << " not found by " << query;
  return json();
}

TEST_F(AnalysisTest, DemoPostsAreStoredWithTheirAnalysis) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response list = agent.Get("/api/v1/conversations?limit=50");
  ASSERT_EQ(list.status, 200);
  int analysed = 0, with_streams = 0;
  for (const json& conversation : json(Json(list)["conversations"])) {
    if (!conversation["language"].is_null()) ++analysed;
    if (!conversation["streams"].empty()) ++with_streams;
  }
  EXPECT_EQ(analysed, 50);
  EXPECT_GT(with_streams, 0) << "the demo streams should catch some demo posts";
  const Response streams = agent.Get("/api/v1/streams");
  ASSERT_EQ(streams.status, 200);
  EXPECT_GE(Json(streams)["streams"].size(), 5u);
  const Response teams = agent.Get("/api/v1/teams");
  EXPECT_EQ(Json(teams)["teams"].size(), 3u);
}

TEST_F(AnalysisTest, ANewPostCarriesLanguageSentimentStreamsPriorityAndReasons) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Response created = lead.Post("/api/v1/streams", json{{"name", "Poortjes"},
                                                             {"query", "poortje* lang:nl"},
                                                             {"colour", "#0ea5e9"},
                                                             {"priority_weight", 30}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t stream_id = Json(created)["id"];

  const Response stored = lead.Post("/api/v1/posts", PostJson("a1",
      "Waarom gaan de poortjes op Utrecht Centraal weer niet open?! Echt belachelijk 😡").dump());
  ASSERT_EQ(stored.status, 201) << stored.body;
  const int64_t post_id = Json(stored)["post_ids"][0];
  const json post = FirstPostOf(lead, post_id, "belachelijk");
  const json& analysis = post["analysis"];
  ASSERT_TRUE(analysis.is_object()) << post.dump();
  EXPECT_EQ(analysis["language"], "nl");
  EXPECT_EQ(analysis["sentiment"]["label"], "negative");
  EXPECT_LT(analysis["sentiment"]["score"].get<double>(), 0);
  EXPECT_FALSE(analysis["sentiment"]["explanation"].empty());
  EXPECT_TRUE(analysis["is_question"].get<bool>());
  ASSERT_EQ(analysis["streams"].size(), 1u) << analysis.dump();
  EXPECT_EQ(analysis["streams"][0]["id"], stream_id);
  EXPECT_GE(analysis["priority"].get<int>(), 30);
  bool stream_reason = false;
  for (const json& reason : analysis["reasons"]) stream_reason |= reason["code"] == "stream";
  EXPECT_TRUE(stream_reason) << analysis["reasons"].dump();

  // The conversation list filters on the analysis.
  const Response in_stream = lead.Get("/api/v1/conversations?stream=" + std::to_string(stream_id));
  ASSERT_EQ(in_stream.status, 200);
  ASSERT_EQ(Json(in_stream)["conversations"].size(), 1u);
  EXPECT_EQ(Json(in_stream)["conversations"][0]["sentiment"], "negative");
  const Response urgent = lead.Get("/api/v1/conversations?sort=priority&limit=5");
  ASSERT_EQ(urgent.status, 200);
  int previous = 101;
  for (const json& conversation : json(Json(urgent)["conversations"])) {
    EXPECT_LE(conversation["priority"].get<int>(), previous);
    previous = conversation["priority"];
  }
  EXPECT_EQ(lead.Get("/api/v1/conversations?sentiment=angry").status, 400);
  EXPECT_EQ(lead.Get("/api/v1/conversations?min_priority=101").status, 400);
}

TEST_F(AnalysisTest, StreamChangesApplyToTheNextPost) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Response created = lead.Post("/api/v1/streams", json{{"name", "Fietsen"}, {"query", "fiets*"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/streams/" + std::to_string(Json(created)["id"].get<int64_t>());
  const Response off = lead.Send("PATCH", path, R"({"active":false})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(Json(off)["active"], false);
  const Response stored = lead.Post("/api/v1/posts", PostJson("f1", "Mag mijn fiets mee in de trein?").dump());
  const int64_t post_id = Json(stored)["post_ids"][0];
  EXPECT_TRUE(FirstPostOf(lead, post_id, "fiets")["analysis"]["streams"].empty());
  ASSERT_EQ(lead.Send("PATCH", path, R"({"active":true})").status, 200);
  const Response again = lead.Post("/api/v1/posts", PostJson("f2", "Fietsenstalling vol bij Zwolle").dump());
  const int64_t second = Json(again)["post_ids"][0];
  EXPECT_EQ(FirstPostOf(lead, second, "fietsenstalling")["analysis"]["streams"].size(), 1u);
  EXPECT_EQ(lead.Delete(path).status, 204);
  EXPECT_EQ(lead.Get(path).status, 404);
}

TEST_F(AnalysisTest, StreamsAreCheckedAndAuthorised) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response bad = lead.Post("/api/v1/streams", json{{"name", "Kapot"}, {"query", "storing \"kapot"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(Json(bad)["error"]["message"].get<std::string>().find("column 9"), std::string::npos) << bad.body;
  EXPECT_EQ(lead.Post("/api/v1/streams", json{{"name", "Nest"}, {"query", "stream:Storingen"}}.dump()).status, 400);
  EXPECT_EQ(lead.Post("/api/v1/streams", json{{"name", "Kleur"}, {"query", "a"}, {"colour", "red"}}.dump()).status, 400);
  EXPECT_EQ(lead.Post("/api/v1/streams", json{{"name", "Storingen"}, {"query", "a"}}.dump()).status, 409);
  EXPECT_EQ(lead.Post("/api/v1/streams", json{{"name", "Team"}, {"query", "a"}, {"team_id", 999}}.dump()).status, 404);
  EXPECT_EQ(agent.Post("/api/v1/streams", json{{"name", "Agent"}, {"query", "a"}}.dump()).status, 403);
  EXPECT_EQ(agent.Send("PUT", "/api/v1/routing/rules", "{}").status, 403);
  EXPECT_EQ(lead.Send("PUT", "/api/v1/routing/rules", "{}").status, 403);
  EXPECT_EQ(agent.Get("/api/v1/streams").status, 200);
}

TEST_F(AnalysisTest, PreviewShowsWhichStoredPostsAQueryCatchesAndWhy) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response preview = agent.Get("/api/v1/streams/preview?q=" + Escape("storing lang:nl") + "&limit=5");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json posts = Json(preview)["posts"];
  ASSERT_FALSE(posts.empty());
  for (const json& post : posts) {
    EXPECT_EQ(post["analysis"]["language"], "nl");
    EXPECT_EQ(post["matched"], json::array({"storing", "lang:nl"})) << post["text"];
  }
  const Response broken = agent.Get("/api/v1/streams/preview?q=" + Escape("(storing"));
  EXPECT_EQ(broken.status, 400);
}

TEST_F(AnalysisTest, AdminsEditTheRoutingRules) {
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  const Response before = admin.Get("/api/v1/routing/rules");
  ASSERT_EQ(before.status, 200);
  json rules = Json(before);
  rules["question"] = 40;
  const Response saved = admin.Send("PUT", "/api/v1/routing/rules", rules.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(admin.Get("/api/v1/routing/rules"))["question"], 40);
  const Response stored = admin.Post("/api/v1/posts", PostJson("q1", "Hoe laat gaat de laatste bus naar Ede?").dump());
  const int64_t post_id = Json(stored)["post_ids"][0];
  bool question_40 = false;
  for (const json& reason : json(FirstPostOf(admin, post_id, "laatste bus")["analysis"]["reasons"])) {
    question_40 |= reason["code"] == "question" && reason["points"] == 40;
  }
  EXPECT_TRUE(question_40);
  const Response wrong = admin.Send("PUT", "/api/v1/routing/rules", R"({"question":"veel"})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("question"), std::string::npos);
  const Response unknown = admin.Send("PUT", "/api/v1/routing/rules", R"({"questoin":10})");
  EXPECT_EQ(unknown.status, 400);
  const Response no_team = admin.Send("PUT", "/api/v1/routing/rules", R"({"default_team":999})");
  EXPECT_EQ(no_team.status, 400);
  EXPECT_NE(no_team.body.find("default_team"), std::string::npos) << no_team.body;
}

TEST_F(AnalysisTest, SearchSpeaksTheQueryLanguage) {
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Response negative = agent.Get("/api/v1/posts/search?q=" + Escape("sentiment:negative lang:en") + "&limit=20");
  ASSERT_EQ(negative.status, 200) << negative.body;
  for (const json& post : json(Json(negative)["posts"])) {
    EXPECT_EQ(post["analysis"]["sentiment"]["label"], "negative");
    EXPECT_EQ(post["analysis"]["language"], "en");
  }
  const Response error = agent.Get("/api/v1/posts/search?q=" + Escape("lang:"));
  EXPECT_EQ(error.status, 400);
  EXPECT_NE(error.body.find("column"), std::string::npos);
}

TEST(AnalyzeCommandTest, PrintsOneJsonObjectPerLine) {
  const CommandResult result = RunWebcare(
      {"analyze", "--data", "/nonexistent-webcare-data"},
      "Alweer een storing, ik sta hier al 20 minuten!!\nThanks, the app works great now 👍\n\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::istringstream lines(result.output);
  std::string line;
  std::vector<json> objects;
  while (std::getline(lines, line)) {
    const json object = json::parse(line, nullptr, false);
    if (object.is_object()) objects.push_back(object);
  }
  ASSERT_EQ(objects.size(), 3u) << result.output;
  EXPECT_EQ(objects[0]["language"], "nl");
  EXPECT_EQ(objects[0]["sentiment"]["label"], "negative");
  EXPECT_EQ(objects[0]["intent"], "complaint");
  EXPECT_TRUE(objects[0]["reasons"].is_array());
  EXPECT_TRUE(objects[0]["streams"].empty());
  EXPECT_EQ(objects[1]["language"], "en");
  EXPECT_EQ(objects[1]["sentiment"]["label"], "positive");
  EXPECT_EQ(objects[2]["line"], 3);
}

TEST(AnalyzeCommandTest, ReportsUnreadableLinesAndGoesOn) {
  const CommandResult result = RunWebcare({"analyze", "--format", "jsonl", "--data", "/nonexistent-webcare-data"},
                                          "{\"broken\n" + PostJson("j1", "storing bij de poortjes").dump() + "\n");
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("\"error\""), std::string::npos);
  EXPECT_NE(result.output.find("\"language\":\"nl\""), std::string::npos);
}

TEST_F(AnalysisTest, AnalyzeAndStreamsTestUseTheDataFolder) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  ASSERT_EQ(lead.Post("/api/v1/streams", json{{"name", "Treinen"}, {"query", "trein*"}}.dump()).status, 201);
  const CommandResult analysed = RunWebcare({"analyze", "--data", server_->data_dir()},
                                            "Mijn trein heeft weer vertraging\n");
  EXPECT_EQ(analysed.exit_code, 0) << analysed.output;
  EXPECT_NE(analysed.output.find("\"name\":\"Treinen\""), std::string::npos) << analysed.output;

  const CommandResult tested = RunWebcare({"streams", "test", "--data", server_->data_dir(), "--limit", "3",
                                           "storing lang:nl"});
  EXPECT_EQ(tested.exit_code, 0) << tested.output;
  EXPECT_NE(tested.output.find("matched: storing, lang:nl"), std::string::npos) << tested.output;
  const CommandResult bad = RunWebcare({"streams", "test", "--data", server_->data_dir(), "storing \"kapot"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("error at column 9"), std::string::npos) << bad.output;
  const CommandResult listed = RunWebcare({"streams", "list", "--data", server_->data_dir()});
  EXPECT_NE(listed.output.find("Treinen"), std::string::npos) << listed.output;
}

TEST_F(AnalysisTest, ReanalyzeAppliesTodaysStreamsToStoredPosts) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const CommandResult nothing = RunWebcare({"reanalyze", "--data", server_->data_dir()});
  EXPECT_EQ(nothing.exit_code, 0) << nothing.output;
  ASSERT_EQ(lead.Post("/api/v1/streams", json{{"name", "Poortjes later"}, {"query", "poortjes"}}.dump()).status, 201);
  const Response before = lead.Get("/api/v1/posts/search?q=" + Escape("stream:\"Poortjes later\""));
  EXPECT_TRUE(Json(before)["posts"].empty());
  const CommandResult all = RunWebcare({"reanalyze", "--all", "--data", server_->data_dir()});
  EXPECT_EQ(all.exit_code, 0) << all.output;
  const Response after = lead.Get("/api/v1/posts/search?q=" + Escape("stream:\"Poortjes later\""));
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_FALSE(Json(after)["posts"].empty());
  EXPECT_EQ(RunWebcare({"reanalyze", "--data", "/nonexistent-webcare-data"}).exit_code, 1);
}

}  // namespace
}  // namespace webcare::testing
