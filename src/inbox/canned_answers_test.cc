// Canned answers: search ranking, the variables and their values, checks when saved, and the
// rules of who may manage and use which answer.

#include "inbox/canned_answers.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "inbox/company_settings.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::inbox {
namespace {

core::CannedAnswer Answer(std::string shortcut, std::string title, std::string body, int64_t uses = 0) {
  return core::CannedAnswer{.title = std::move(title), .shortcut = std::move(shortcut), .body = std::move(body),
                            .usage_count = uses};
}

std::vector<std::string> Shortcuts(const std::vector<core::CannedAnswer>& answers) {
  std::vector<std::string> out;
  for (const auto& answer : answers) out.push_back(answer.shortcut);
  return out;
}

std::vector<core::CannedAnswer> Library() {
  return {Answer("adres", "Adreswijziging doorgeven", "Je wijzigt je adres in de app.", 3),
          Answer("storing", "Storing bij de poortjes", "We kijken ernaar, {{ contact.first_name }}.", 10),
          Answer("sto", "Stoptrein", "De stoptrein rijdt weer.", 1),
          Answer("storing-app", "App werkt niet", "Een storing in de app: herstart hem.", 50),
          Answer("bedankt", "Bedankt voor je geduld", "Dank je wel voor het wachten op de storingsdienst.", 5)};
}

TEST(RankAnswersTest, ShortcutFirstThenPrefixThenTitleThenBody) {
  // The exact shortcut, then shortcuts that start with the query (most used first), then
  // titles, then bodies.
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "sto")),
            (std::vector<std::string>{"sto", "storing-app", "storing", "bedankt"}));
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "/storing")),
            (std::vector<std::string>{"storing", "storing-app", "bedankt"}));
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "poortjes")), (std::vector<std::string>{"storing"}));
  // Every word must start a word of the title, or else of the title and body together.
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "App WERKT")), (std::vector<std::string>{"storing-app"}));
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "geduld wachten")), (std::vector<std::string>{"bedankt"}));
  EXPECT_TRUE(RankAnswers(Library(), "geduld poortjes").empty());
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "herstart")), (std::vector<std::string>{"storing-app"}));
  // Variables are not words of the answer.
  EXPECT_TRUE(RankAnswers(Library(), "contact").empty());
  EXPECT_TRUE(RankAnswers(Library(), "xyz").empty());
}

TEST(RankAnswersTest, AnEmptyQueryListsEverythingMostUsedFirst) {
  EXPECT_EQ(Shortcuts(RankAnswers(Library(), "")),
            (std::vector<std::string>{"storing-app", "storing", "bedankt", "adres", "sto"}));
  EXPECT_EQ(RankAnswers(Library(), " / ").size(), 5u);
}

TEST(TemplateTest, VariableNamesAreListedOnceInOrder) {
  auto names = TemplateVariableNames("{{ agent.name }} en {{contact.name}}, {{ agent.name }}");
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_EQ(*names, (std::vector<std::string>{"agent.name", "contact.name"}));
  EXPECT_TRUE(TemplateVariableNames("geen variabelen")->empty());
  EXPECT_TRUE(absl::IsInvalidArgument(TemplateVariableNames("Hoi {{ contact.name").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(TemplateVariableNames("Hoi {{ }}").status()));
}

TEST(TemplateTest, UnknownVariablesAreRefusedWithTheKnownOnes) {
  EXPECT_TRUE(CheckTemplate("Hoi {{ contact.first_name }}, groet {{ agent.initials }} van {{ company.name }}").ok());
  const absl::Status unknown = CheckTemplate("Hoi {{ klant.naam }}");
  ASSERT_TRUE(absl::IsInvalidArgument(unknown)) << unknown;
  EXPECT_NE(unknown.message().find("unknown variable {{ klant.naam }}; known: contact.name, contact.first_name"),
            absl::string_view::npos)
      << unknown;
  EXPECT_TRUE(absl::IsInvalidArgument(CheckTemplate("Hoi {{ contact.name")));
  // Every variable the documentation lists has a value.
  const TemplateVariables values = VariablesFor(core::Conversation{}, core::User{}, "");
  for (const TemplateVariableInfo& variable : KnownTemplateVariables()) {
    EXPECT_TRUE(values.contains(variable.name)) << variable.name;
  }
  EXPECT_EQ(values.size(), KnownTemplateVariables().size());
}

TEST(TemplateTest, ValuesComeFromTheConversationTheAgentAndTheCompany) {
  core::Conversation conversation{.id = core::ConversationId(42), .network = "x", .team_name = "Support"};
  conversation.author = {.network = "x", .handle = "@annadv", .name = "Anna de Vries"};
  const core::User agent{.name = "Marieke van den Berg"};
  const TemplateVariables values = VariablesFor(conversation, agent, "OV-Pas");
  EXPECT_EQ(values.at("contact.name"), "Anna de Vries");
  EXPECT_EQ(values.at("contact.first_name"), "Anna");
  EXPECT_EQ(values.at("contact.handle"), "@annadv");
  EXPECT_EQ(values.at("agent.first_name"), "Marieke");
  EXPECT_EQ(values.at("agent.initials"), "MB");
  EXPECT_EQ(values.at("team.name"), "Support");
  EXPECT_EQ(values.at("company.name"), "OV-Pas");
  EXPECT_EQ(values.at("conversation.id"), "42");
  // An author without a display name is called by the handle.
  conversation.author.name = "";
  EXPECT_EQ(VariablesFor(conversation, agent, "").at("contact.first_name"), "annadv");
}

class CannedAnswersTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("canned");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    answers_ = std::make_unique<CannedAnswers>(*store_);
    support_ = store_->CreateTeam("Support")->id;
    pr_ = store_->CreateTeam("PR")->id;
    lead_ = Person("lead@example.com", "Lotte Lead", core::Role::kLead, {});
    agent_ = Person("agent@example.com", "Marieke van den Berg", core::Role::kAgent, {support_});
    viewer_ = Person("viewer@example.com", "Vera Viewer", core::Role::kViewer, {support_});
    conversation_ = core::Conversation{.id = core::ConversationId(7), .network = "x"};
    conversation_.author = {.network = "x", .handle = "@anna", .name = "Anna de Vries"};
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Viewer Person(const std::string& email, const std::string& name, core::Role role,
                std::vector<core::TeamId> teams) {
    auto user = store_->CreateUser({.email = email, .name = name, .role = role}, "h");
    EXPECT_TRUE(user.ok()) << user.status();
    return Viewer{.user = *user, .teams = std::move(teams)};
  }

  core::CannedAnswer Create(core::TeamId team, const std::string& shortcut, const std::string& body,
                            const std::string& network = "") {
    auto created = answers_->Create(lead_, {.team = team, .title = "Over " + shortcut, .shortcut = shortcut,
                                            .body = body, .network = network});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : core::CannedAnswer{};
  }

  base::FakeClock clock_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<CannedAnswers> answers_;
  core::TeamId support_, pr_;
  Viewer lead_, agent_, viewer_;
  core::Conversation conversation_;
};

TEST_F(CannedAnswersTest, LeadsManageAgentsUseTheirTeamsAndCompanyWideAnswers) {
  const core::CannedAnswer everyone = Create(core::TeamId(), "welkom", "Welkom {{ contact.first_name }}!");
  const core::CannedAnswer support = Create(support_, "storing", "We kijken ernaar. ^{{ agent.initials }}");
  const core::CannedAnswer pr = Create(pr_, "pers", "Neem contact op met de woordvoerder.");

  // Agents: their teams' answers and the company-wide ones; leads: every answer.
  EXPECT_EQ(Shortcuts(*answers_->Search(agent_, "", "", 100)), (std::vector<std::string>{"storing", "welkom"}));
  EXPECT_EQ(answers_->Search(lead_, "", "", 100)->size(), 3u);
  EXPECT_EQ(answers_->Search(lead_, "", "", 2)->size(), 2u);
  EXPECT_TRUE(absl::IsPermissionDenied(answers_->Get(agent_, pr.id).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(answers_->Render(agent_, pr.id, conversation_).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(answers_->Search(viewer_, "", "", 100).status()));

  // Agents use but do not manage.
  EXPECT_TRUE(absl::IsPermissionDenied(
      answers_->Create(agent_, {.title = "x", .shortcut = "x", .body = "x"}).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(
      answers_->Update(agent_, support.id, {.title = "x", .shortcut = "x", .body = "x"}).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(answers_->Delete(agent_, support.id)));

  auto rendered = answers_->Render(agent_, support.id, conversation_);
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  EXPECT_EQ(*rendered, "We kijken ernaar. ^MB");
  EXPECT_EQ(*answers_->Render(agent_, everyone.id, conversation_), "Welkom Anna!");
  EXPECT_EQ(store_->GetCannedAnswer(support.id)->usage_count, 1);  // Rendering is using it.

  auto updated = answers_->Update(lead_, support.id, {.team = support_, .title = "Storing", .shortcut = "/Storing",
                                                       .body = "Nieuw", .network = "Twitter"});
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->shortcut, "storing");
  EXPECT_EQ(updated->network, "x");
  EXPECT_EQ(updated->usage_count, 1);
  EXPECT_TRUE(absl::IsNotFound(answers_->Update(lead_, core::CannedAnswerId(999),
                                                {.title = "x", .shortcut = "x", .body = "x"}).status()));
  ASSERT_TRUE(answers_->Delete(lead_, pr.id).ok());
  EXPECT_TRUE(absl::IsNotFound(answers_->Get(lead_, pr.id).status()));
}

TEST_F(CannedAnswersTest, EveryFieldIsCheckedWithASentence) {
  const auto refused = [&](CannedAnswerInput input) { return answers_->Create(lead_, std::move(input)).status(); };
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "", .shortcut = "a", .body = "b"})));
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "a\nb", .shortcut = "a", .body = "b"})));
  const absl::Status shortcut = refused({.title = "a", .shortcut = "met spatie", .body = "b"});
  EXPECT_TRUE(absl::IsInvalidArgument(shortcut));
  EXPECT_NE(shortcut.message().find("the shortcut is 1 to 32 letters"), absl::string_view::npos) << shortcut;
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "a", .shortcut = std::string(33, 'a'), .body = "b"})));
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "a", .shortcut = "a", .body = "  "})));
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "a", .shortcut = "a", .body = std::string(10'001, 'b')})));
  const absl::Status variable = refused({.title = "a", .shortcut = "a", .body = "Hoi {{ klant }}"});
  EXPECT_TRUE(absl::IsInvalidArgument(variable));
  EXPECT_NE(variable.message().find("known: contact.name"), absl::string_view::npos) << variable;
  EXPECT_TRUE(absl::IsInvalidArgument(refused({.title = "a", .shortcut = "a", .body = "b", .network = "x y"})));
  const absl::Status team = refused({.team = core::TeamId(999), .title = "a", .shortcut = "a", .body = "b"});
  EXPECT_TRUE(absl::IsInvalidArgument(team)) << team;
  Create(support_, "dubbel", "een");
  EXPECT_TRUE(absl::IsAlreadyExists(refused({.team = support_, .title = "a", .shortcut = "DUBBEL", .body = "b"})));
}

TEST_F(CannedAnswersTest, NetworkLimitsAndTheCompanyName) {
  const core::CannedAnswer mail = Create(core::TeamId(), "mail", "Beste {{ contact.name }},", "email");
  const core::CannedAnswer signed_off = Create(core::TeamId(), "groet", "Groet, {{ company.name }}");
  // Offered only on its network, and refused elsewhere.
  EXPECT_EQ(Shortcuts(*answers_->Search(agent_, "", "x", 100)), (std::vector<std::string>{"groet"}));
  EXPECT_EQ(answers_->Search(agent_, "", "e-mail", 100)->size(), 2u);
  EXPECT_TRUE(absl::IsInvalidArgument(answers_->Render(agent_, mail.id, conversation_).status()));
  // {{ company.name }} needs the name; nothing is counted when rendering fails.
  EXPECT_TRUE(absl::IsFailedPrecondition(answers_->Render(agent_, signed_off.id, conversation_).status()));
  EXPECT_EQ(store_->GetCannedAnswer(signed_off.id)->usage_count, 0);
  ASSERT_TRUE(SaveCompanySettings(*store_, {.name = "OV-Pas"}).ok());
  EXPECT_EQ(*answers_->Render(agent_, signed_off.id, conversation_), "Groet, OV-Pas");

  // The editor's preview: sample values without a conversation, nothing counted.
  EXPECT_EQ(*answers_->Preview(lead_, "Hoi {{ contact.first_name }} van {{ agent.first_name }}", nullptr),
            "Hoi Anna van Lotte");
  EXPECT_EQ(*answers_->Preview(agent_, "{{ contact.handle }}", &conversation_), "@anna");
  EXPECT_TRUE(absl::IsInvalidArgument(answers_->Preview(lead_, "{{ nee }}", nullptr).status()));
  EXPECT_EQ(store_->GetCannedAnswer(signed_off.id)->usage_count, 1);
}

}  // namespace
}  // namespace webcare::inbox
