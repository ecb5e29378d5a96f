// Canned answers and tracked links through the real binary: who may manage and use which
// answer, answers filled in for a conversation, and replies whose links leave as short links
// that redirect and count clicks (docs/canned-answers.md).

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/integration/test_server.h"

namespace webcare::testing {
namespace {

using nlohmann::json;


class CannedLinksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    // The agent works in Support only.
    People people = SetUpPeople(*server_, {.memberships = {{"agent@example.com", "Support"}}});
    teams_ = std::move(people.teams);
    users_ = std::move(people.users);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // A new inbound post by "Klant <id>" as its own conversation of `team` (whatever routing
  // chose, so that who may see it does not depend on the routing rules).
  static int64_t NewConversation(const std::string& id, const std::string& network = "x",
                                 const std::string& team = "Support") {
    const Client lead = Client::LogIn(*server_, "lead@example.com");
    const Response posted = lead.Post("/api/v1/posts", json{{"network", network}, {"channel", network + ":@ovpas"},
                                                            {"external_id", "canned-" + id},
                                                            {"author", {{"handle", "@klant_" + id}, {"name", "Klant " + id}}},
                                                            {"text", "Waar vind ik de storingen?"},
                                                            {"created_at", "2026-11-21T09:00:00Z"}}.dump());
    EXPECT_EQ(posted.status, 201) << posted.body;
    const Response found = lead.Get("/api/v1/conversations?q=author%3A%22%40klant_" + id + "%22&limit=5");
    int64_t conversation = 0;
    const json conversations = Json(found)["conversations"];
    for (const json& c : conversations) {
      if (c["author"]["handle"] == "@klant_" + id) conversation = c["id"];
    }
    EXPECT_GT(conversation, 0) << found.body;
    {
      const Response moved = lead.Post("/api/v1/conversations/" + std::to_string(conversation) + "/team",
                                       json{{"team_id", teams_[team]}}.dump());
      EXPECT_EQ(moved.status, 200) << moved.body;
    }
    return conversation;
  }

  static int64_t CreateAnswer(const Client& as, const json& body) {
    const Response created = as.Post("/api/v1/canned-answers", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return Json(created)["canned_answer"]["id"].get<int64_t>();
  }

  static TestServer* server_;
  static std::map<std::string, int64_t> teams_;
  static std::map<std::string, int64_t> users_;
};
TestServer* CannedLinksTest::server_ = nullptr;
std::map<std::string, int64_t> CannedLinksTest::teams_;
std::map<std::string, int64_t> CannedLinksTest::users_;

std::string Answer(int64_t id, const std::string& action = "") {
  return "/api/v1/canned-answers/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
}

std::vector<std::string> Shortcuts(const Response& response) {
  std::vector<std::string> out;
  const json answers = Json(response)["canned_answers"];
  for (const json& answer : answers) out.push_back(answer["shortcut"]);
  return out;
}

TEST_F(CannedLinksTest, LeadsManageAgentsUseTheirTeamsAnswers) {
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const Client viewer = Client::LogIn(*server_, "viewer@example.com");
  const json answer{{"title", "Storing bij de poortjes"}, {"shortcut", "rules-storing"},
                    {"body", "We kijken ernaar."}, {"team_id", nullptr}, {"network", nullptr}};
  EXPECT_EQ(agent.Post("/api/v1/canned-answers", answer.dump()).status, 403);
  const int64_t company = CreateAnswer(lead, answer);
  const int64_t support = CreateAnswer(lead, {{"title", "Stoppen met de pas"}, {"shortcut", "rules-stop"},
                                              {"body", "Opzeggen kan in de app."}, {"team_id", teams_["Support"]}});
  const int64_t pr = CreateAnswer(lead, {{"title", "Pers"}, {"shortcut", "rules-pers"},
                                         {"body", "Bel de woordvoerder."}, {"team_id", teams_["PR"]}});

  // A shortcut is unique per team whatever its case; unknown variables name the known ones.
  const Response taken = lead.Post("/api/v1/canned-answers", json{{"title", "x"}, {"shortcut", "/RULES-STORING"},
                                                                  {"body", "x"}}.dump());
  EXPECT_EQ(taken.status, 409);
  EXPECT_NE(taken.body.find("already used by a company-wide canned answer"), std::string::npos) << taken.body;
  const Response unknown = lead.Post("/api/v1/canned-answers", json{{"title", "x"}, {"shortcut", "rules-x"},
                                                                    {"body", "Hoi {{ klant.naam }}"}}.dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("unknown variable {{ klant.naam }}; known: contact.name"), std::string::npos)
      << unknown.body;
  EXPECT_EQ(lead.Post("/api/v1/canned-answers", json{{"title", "x"}, {"body", "x"}}.dump()).status, 400);

  // The agent sees its team's and the company-wide answers, best match first; not PR's.
  EXPECT_EQ(Shortcuts(agent.Get("/api/v1/canned-answers?q=rules-sto")),
            (std::vector<std::string>{"rules-stop", "rules-storing"}));
  EXPECT_EQ(Shortcuts(agent.Get("/api/v1/canned-answers?q=%2Frules-storing")),
            (std::vector<std::string>{"rules-storing"}));
  EXPECT_EQ(Shortcuts(agent.Get("/api/v1/canned-answers?q=poortjes")), (std::vector<std::string>{"rules-storing"}));
  EXPECT_EQ(Shortcuts(agent.Get("/api/v1/canned-answers?q=rules-pers")), (std::vector<std::string>{}));
  EXPECT_EQ(Shortcuts(lead.Get("/api/v1/canned-answers?q=rules-pers")), (std::vector<std::string>{"rules-pers"}));
  EXPECT_EQ(agent.Get(Answer(pr)).status, 403);
  EXPECT_EQ(agent.Get(Answer(support)).status, 200);
  EXPECT_EQ(viewer.Get("/api/v1/canned-answers").status, 403);
  EXPECT_EQ(agent.Get("/api/v1/canned-answers?limit=0").status, 400);

  // Leads change and delete; agents cannot.
  const json changed{{"title", "Storing"}, {"shortcut", "rules-storing"}, {"body", "Het is opgelost."},
                     {"team_id", nullptr}, {"network", "x"}};
  EXPECT_EQ(agent.Send("PUT", Answer(company), changed.dump()).status, 403);
  const Response updated = lead.Send("PUT", Answer(company), changed.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Json(updated)["canned_answer"]["body"], "Het is opgelost.");
  EXPECT_EQ(Json(updated)["canned_answer"]["network"], "x");
  EXPECT_EQ(Json(updated)["canned_answer"]["updated_by"]["name"], "Test lead");
  EXPECT_EQ(lead.Send("PUT", Answer(999999), changed.dump()).status, 404);
  EXPECT_EQ(agent.Delete(Answer(company)).status, 403);
  EXPECT_EQ(lead.Delete(Answer(company)).status, 204);
  EXPECT_EQ(lead.Get(Answer(company)).status, 404);
  EXPECT_EQ(lead.Delete(Answer(company)).status, 404);
}

TEST_F(CannedLinksTest, RenderFillsInTheConversationAndCountsTheUse) {
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  const Client lead = Client::LogIn(*server_, "lead@example.com");
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const int64_t answer = CreateAnswer(lead, {{"title", "Groet"}, {"shortcut", "render-groet"},
                                             {"body", "Hoi {{ contact.first_name }}, {{company.name}} kijkt ernaar. "
                                                      "^{{ agent.initials }}"}});
  const int64_t conversation = NewConversation("render-1");
  const std::string body = json{{"conversation_id", conversation}}.dump();

  // Without a company name the answer cannot be filled in yet; admins set it.
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/company", R"({"name":"","track_links":true})").status, 200);
  const Response no_name = agent.Post(Answer(answer, "render"), body);
  EXPECT_EQ(no_name.status, 409);
  EXPECT_NE(no_name.body.find("company.name"), std::string::npos) << no_name.body;
  EXPECT_EQ(lead.Send("PUT", "/api/v1/settings/company", R"({"name":"OV-Pas","track_links":true})").status, 403);
  const Response saved = admin.Send("PUT", "/api/v1/settings/company", R"({"name":" OV-Pas ","track_links":true})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["name"], "OV-Pas");
  EXPECT_EQ(Json(agent.Get("/api/v1/settings/company"))["public_url"],
            "http://127.0.0.1:" + std::to_string(server_->port()));

  const Response rendered = agent.Post(Answer(answer, "render"), body);
  ASSERT_EQ(rendered.status, 200) << rendered.body;
  EXPECT_EQ(Json(rendered)["text"], "Hoi Klant, OV-Pas kijkt ernaar. ^TA");
  EXPECT_EQ(Json(agent.Get(Answer(answer)))["canned_answer"]["usage_count"], 1);
  EXPECT_EQ(agent.Post(Answer(answer, "render"), "{}").status, 400);
  // Only for conversations the agent may see.
  const int64_t pr_conversation = NewConversation("render-pr", "x", "PR");
  EXPECT_EQ(agent.Post(Answer(answer, "render"), json{{"conversation_id", pr_conversation}}.dump()).status, 403);
  EXPECT_EQ(agent.Get("/api/v1/canned-answers?conversation=" + std::to_string(pr_conversation)).status, 403);

  // Answers for one network are offered and filled in only there.
  const int64_t mail = CreateAnswer(lead, {{"title", "Mail"}, {"shortcut", "render-mail"},
                                           {"body", "Beste {{ contact.name }},"}, {"network", "email"}});
  EXPECT_EQ(Shortcuts(agent.Get("/api/v1/canned-answers?q=render-&conversation=" + std::to_string(conversation))),
            (std::vector<std::string>{"render-groet"}));
  EXPECT_EQ(agent.Post(Answer(mail, "render"), body).status, 400);

  // The editor's preview: sample values, or the conversation's; nothing counted.
  const Response preview = lead.Post("/api/v1/canned-answers/preview", R"({"body":"Hoi {{ contact.first_name }}"})");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(Json(preview)["text"], "Hoi Anna");
  EXPECT_EQ(Json(lead.Post("/api/v1/canned-answers/preview",
                           json{{"body", "{{ contact.handle }}"}, {"conversation_id", conversation}}.dump()))["text"],
            "@klant_render-1");
  EXPECT_EQ(lead.Post("/api/v1/canned-answers/preview", R"({"body":"{{ nee }}"})").status, 400);
  EXPECT_EQ(Json(agent.Get(Answer(answer)))["canned_answer"]["usage_count"], 1);
  const json variables = Json(agent.Get("/api/v1/canned-answers/variables"))["variables"];
  EXPECT_GE(variables.size(), 9u);
}

TEST_F(CannedLinksTest, LinksInRepliesLeaveAsShortLinksThatRedirectAndCount) {
  LoopbackHttpReceiver receiver;
  const Client admin = Client::LogIn(*server_, "admin@example.com");
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/webhook",
                       json{{"url", receiver.url()}, {"secret", "integration-secret-links"}}.dump()).status, 200);
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/company", R"({"name":"OV-Pas","track_links":true})").status, 200);
  const Client agent = Client::LogIn(*server_, "agent@example.com");
  const int64_t conversation = NewConversation("links-1", "facebook");
  const std::string path = "/api/v1/conversations/" + std::to_string(conversation);
  const std::string text = "Zie https://ovpas.example/storingen/utrecht. En http://ovpas.example/app!";

  // The measure counts the text as it will be sent, with its short links.
  const Response measured = agent.Post("/api/v1/replies/measure", json{{"conversation_id", conversation},
                                                                       {"text", text}}.dump());
  ASSERT_EQ(measured.status, 200) << measured.body;
  EXPECT_TRUE(Json(agent.Get(path + "/links"))["links"].empty());  // Measuring stores nothing.

  const Response sent = agent.Post(path + "/replies", json{{"text", text}}.dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string sent_text = Json(sent)["post"]["text"];
  const std::string base = "http://127.0.0.1:" + std::to_string(server_->port()) + "/l/";
  const std::regex shape("Zie " + std::regex_replace(base, std::regex("[.]"), "\\.") +
                         "([A-Za-z0-9_-]{16})\\. En .*/l/([A-Za-z0-9_-]{16})! \\^TA");
  std::smatch codes;
  ASSERT_TRUE(std::regex_match(sent_text, codes, shape)) << sent_text;
  const std::string code = codes[1];
  EXPECT_NE(codes[1], codes[2]);
  EXPECT_EQ(Json(measured)["count"], static_cast<int>(sent_text.size()));  // ASCII: bytes are characters.

  // The receiver gets the text with the short links.
  const json delivered = WaitForDelivery(receiver, Json(sent)["post"]["id"], 30);
  ASSERT_FALSE(delivered.is_null()) << "the reply never reached the webhook";
  EXPECT_EQ(ReceivedBodies(receiver).size(), 1u);
  EXPECT_EQ(delivered["reply"]["text"], sent_text);

  // Following a short link needs no sign-in, redirects to the original and counts a click.
  json links = Json(agent.Get(path + "/links"));
  ASSERT_EQ(links["links"].size(), 2u);
  EXPECT_EQ(links["links"][0]["url"], "https://ovpas.example/storingen/utrecht");
  EXPECT_EQ(links["links"][0]["short_url"], base + code);
  EXPECT_EQ(links["links"][0]["clicks"], 0);
  const Response followed = server_->Call("GET", "/l/" + code);
  EXPECT_EQ(followed.status, 302);
  EXPECT_EQ(followed.Header("location"), "https://ovpas.example/storingen/utrecht");
  EXPECT_EQ(followed.Header("cache-control"), "no-store");
  EXPECT_EQ(followed.Header("set-cookie"), "");
  ASSERT_EQ(server_->Call("GET", "/l/" + code).status, 302);
  links = Json(agent.Get(path + "/links"));
  EXPECT_EQ(links["links"][0]["clicks"], 2);
  EXPECT_EQ(links["links"][1]["clicks"], 0);
  EXPECT_EQ(links["clicks"], 2);
  EXPECT_FALSE(links["links"][0]["last_clicked_at"].is_null());
  EXPECT_EQ(Json(agent.Get(path))["links"][0]["clicks"], 2);  // In the conversation too.

  // Unknown or malformed codes get a page, not a redirect.
  const Response unknown = server_->Call("GET", "/l/AAAAAAAAAAAAAAAA");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_EQ(unknown.Header("location"), "");
  EXPECT_EQ(server_->Call("GET", "/l/x").status, 404);

  // Another team's agent may not see the links; a reply can opt out; so can the company.
  const int64_t pr_conversation = NewConversation("links-pr", "x", "PR");
  EXPECT_EQ(agent.Get("/api/v1/conversations/" + std::to_string(pr_conversation) + "/links").status, 403);
  const Response plain = agent.Post(path + "/replies", json{{"text", "Zie https://ovpas.example/a"},
                                                            {"track_links", false}}.dump());
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(Json(plain)["post"]["text"], "Zie https://ovpas.example/a ^TA");
  EXPECT_EQ(agent.Post(path + "/replies", R"({"text":"x","track_links":"nee"})").status, 400);
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/company", R"({"name":"OV-Pas","track_links":false})").status, 200);
  const Response off = agent.Post(path + "/replies", json{{"text", "Zie https://ovpas.example/b"}}.dump());
  ASSERT_EQ(off.status, 201) << off.body;
  EXPECT_EQ(Json(off)["post"]["text"], "Zie https://ovpas.example/b ^TA");
  ASSERT_EQ(admin.Send("PUT", "/api/v1/settings/company", R"({"name":"OV-Pas","track_links":true})").status, 200);
  // A link the conversation already has keeps its code.
  const Response repeat = agent.Post(path + "/replies", json{{"text", "https://ovpas.example/storingen/utrecht"}}.dump());
  ASSERT_EQ(repeat.status, 201) << repeat.body;
  EXPECT_EQ(Json(repeat)["post"]["text"], base + code + " ^TA");
  EXPECT_EQ(Json(agent.Get(path + "/links"))["links"].size(), 2u);
}

TEST(PublicUrlFlagTest, AnAddressThatIsNoWebAddressStopsServeBeforeAnythingIsOpened) {
  for (const char* url : {"care.example.com", "ftp://care.example.com", "https://care.example.com/?x=1"}) {
    const CommandResult result = RunWebcare({"serve", "--data", "/nonexistent/webcare-data", "--listen",
                                             "127.0.0.1:0", "--public-url", url});
    EXPECT_EQ(result.exit_code, 2) << url << ": " << result.output;
    EXPECT_NE(result.output.find("--public-url: the public URL must be an http:// or https:// address"),
              std::string::npos)
        << result.output;
  }
}

}  // namespace
}  // namespace webcare::testing
