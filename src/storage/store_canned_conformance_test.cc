// Conformance of every storage backend for canned answers and tracked links
// (docs/canned-answers.md): shortcuts unique per team ignoring case, lists per team, usage
// counts, and links stored with their reply whose clicks are counted.

#include <gtest/gtest.h>

#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

class CannedStoreTest : public StoreBackendTest {
 protected:
  core::User NewUser(const std::string& email, const std::string& name) {
    auto user = store_->CreateUser({.email = email, .name = name, .role = core::Role::kLead}, "hash");
    EXPECT_TRUE(user.ok()) << user.status();
    return user.ok() ? *user : core::User{};
  }

  core::TeamId NewTeam(const std::string& name) {
    auto team = store_->CreateTeam(name);
    EXPECT_TRUE(team.ok()) << team.status();
    return team.ok() ? team->id : core::TeamId();
  }

  core::CannedAnswer Answer(core::TeamId team, std::string shortcut, core::UserId by) {
    return core::CannedAnswer{.team = team,
                              .title = "Title of " + shortcut,
                              .shortcut = std::move(shortcut),
                              .body = "Hoi {{ contact.first_name }}, we kijken ernaar.",
                              .created_by = by,
                              .updated_by = by};
  }

  // One inbound post, as its own conversation; returns the conversation.
  core::ConversationId NewConversation() {
    core::NewPost post;
    post.network = "x";
    post.channel = "x:@ovpas";
    post.external_id = "in-1";
    post.author = {.network = "x", .handle = "@anna", .name = "Anna de Vries", .followers = 10};
    post.text = "Mijn pas doet het niet";
    post.created_at = 1'790'000'000 * base::kMicrosPerSecond;
    post.raw = "{}";
    auto inserted = store_->InsertPosts(std::vector<core::NewPost>{post});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    return inserted.ok() && !inserted->conversations.empty() ? inserted->conversations[0]
                                                            : core::ConversationId();
  }

  NewReply Reply(core::ConversationId conversation, core::UserId by, const std::string& external_id,
                 std::vector<NewTrackedLink> links) {
    return NewReply{.conversation = conversation,
                    .sent_by = by,
                    .author = {.network = "x", .handle = "@ovpas", .name = "OV-Pas"},
                    .external_id = external_id,
                    .text = "Kijk op https://webcare.example/l/abc",
                    .created_at = clock_.NowMicros(),
                    .first_attempt_at = clock_.NowMicros(),
                    .tracked_links = std::move(links)};
  }
};

TEST_P(CannedStoreTest, ShortcutsAreUniquePerTeamAndAmongCompanyWideAnswers) {
  const core::User lead = NewUser("lead@example.com", "Lotte Lead");
  const core::TeamId support = NewTeam("Support");
  const core::TeamId pr = NewTeam("PR");

  auto company = store_->CreateCannedAnswer(Answer(core::TeamId(), "storing", lead.id));
  ASSERT_TRUE(company.ok()) << company.status();
  EXPECT_TRUE(company->id.valid());
  EXPECT_EQ(company->created_by_name, "Lotte Lead");
  EXPECT_EQ(company->updated_by, lead.id);
  EXPECT_EQ(company->created_at, clock_.NowMicros());
  EXPECT_EQ(company->usage_count, 0);

  // The same shortcut in a team is another answer; twice in one team (or company-wide) is not.
  auto team_answer = store_->CreateCannedAnswer(Answer(support, "storing", lead.id));
  ASSERT_TRUE(team_answer.ok()) << team_answer.status();
  EXPECT_EQ(team_answer->team_name, "Support");
  const absl::Status again = store_->CreateCannedAnswer(Answer(support, "storing", lead.id)).status();
  EXPECT_TRUE(absl::IsAlreadyExists(again)) << again;
  EXPECT_NE(again.message().find("Support"), absl::string_view::npos) << again;
  EXPECT_TRUE(absl::IsAlreadyExists(store_->CreateCannedAnswer(Answer(core::TeamId(), "storing", lead.id)).status()));
  EXPECT_TRUE(store_->CreateCannedAnswer(Answer(pr, "storing", lead.id)).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->CreateCannedAnswer(Answer(core::TeamId(999), "x", lead.id)).status()));

  // Company-wide first, then by shortcut.
  ASSERT_TRUE(store_->CreateCannedAnswer(Answer(support, "adres", lead.id)).ok());
  auto support_view = store_->ListCannedAnswers({.teams = {support}});
  ASSERT_TRUE(support_view.ok()) << support_view.status();
  ASSERT_EQ(support_view->size(), 3u);
  EXPECT_FALSE((*support_view)[0].team.valid());
  EXPECT_EQ((*support_view)[1].shortcut, "adres");
  EXPECT_EQ((*support_view)[2].shortcut, "storing");
  EXPECT_EQ((*support_view)[2].team, support);
  EXPECT_EQ(store_->ListCannedAnswers({})->size(), 1u);  // No teams: company-wide only.
  EXPECT_EQ(store_->ListCannedAnswers({.all_teams = true})->size(), 4u);
}

TEST_P(CannedStoreTest, UpdateKeepsUsageAndDeleteForgets) {
  const core::User lead = NewUser("lead@example.com", "Lotte Lead");
  const core::User admin = NewUser("admin@example.com", "Ada Admin");
  const core::TeamId support = NewTeam("Support");
  auto created = store_->CreateCannedAnswer(Answer(support, "storing", lead.id));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_TRUE(store_->CreateCannedAnswer(Answer(support, "adres", lead.id)).ok());

  clock_.Advance(60 * base::kMicrosPerSecond);
  ASSERT_TRUE(store_->RecordCannedAnswerUse(created->id).ok());
  ASSERT_TRUE(store_->RecordCannedAnswerUse(created->id).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->RecordCannedAnswerUse(core::CannedAnswerId(999))));

  core::CannedAnswer changed = *created;
  changed.title = "Storing (nieuw)";
  changed.body = "Nieuwe tekst";
  changed.network = "x";
  changed.team = core::TeamId();
  changed.updated_by = admin.id;
  clock_.Advance(60 * base::kMicrosPerSecond);
  auto updated = store_->UpdateCannedAnswer(changed);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->title, "Storing (nieuw)");
  EXPECT_EQ(updated->network, "x");
  EXPECT_FALSE(updated->team.valid());
  EXPECT_EQ(updated->usage_count, 2);
  EXPECT_EQ(updated->last_used_at, created->created_at + 60 * base::kMicrosPerSecond);
  EXPECT_EQ(updated->created_by_name, "Lotte Lead");
  EXPECT_EQ(updated->updated_by_name, "Ada Admin");
  EXPECT_EQ(updated->updated_at, clock_.NowMicros());
  EXPECT_EQ(store_->GetCannedAnswer(created->id)->body, "Nieuwe tekst");

  // Moving "adres" next to a company-wide "storing" under the same shortcut is refused.
  core::CannedAnswer clash = store_->ListCannedAnswers({.teams = {support}})->back();
  clash.shortcut = "storing";
  clash.team = core::TeamId();
  EXPECT_TRUE(absl::IsAlreadyExists(store_->UpdateCannedAnswer(clash).status()));
  changed.id = core::CannedAnswerId(999);
  EXPECT_TRUE(absl::IsNotFound(store_->UpdateCannedAnswer(changed).status()));

  ASSERT_TRUE(store_->DeleteCannedAnswer(created->id).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->GetCannedAnswer(created->id).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->DeleteCannedAnswer(created->id)));
}

TEST_P(CannedStoreTest, TrackedLinksAreStoredWithTheirReplyAndCountClicks) {
  const core::User agent = NewUser("agent@example.com", "Aart Agent");
  const core::ConversationId conversation = NewConversation();
  ASSERT_TRUE(conversation.valid());
  auto reply = store_->AddReply(Reply(conversation, agent.id, "out-1",
                                      {{.code = "abc", .url = "https://ovpas.example/storingen"},
                                       {.code = "def", .url = "HTTP://ovpas.example/a?b=c"}}));
  ASSERT_TRUE(reply.ok()) << reply.status();

  auto links = store_->ListTrackedLinks(conversation);
  ASSERT_TRUE(links.ok()) << links.status();
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ((*links)[0].code, "abc");
  EXPECT_EQ((*links)[0].url, "https://ovpas.example/storingen");
  EXPECT_EQ((*links)[0].post, reply->post.id);
  EXPECT_EQ((*links)[0].created_by, agent.id);
  EXPECT_EQ((*links)[0].clicks, 0);
  EXPECT_EQ((*links)[0].first_clicked_at, 0);

  const base::Micros first = clock_.NowMicros();
  auto clicked = store_->ClickTrackedLink("abc");
  ASSERT_TRUE(clicked.ok()) << clicked.status();
  EXPECT_EQ(clicked->url, "https://ovpas.example/storingen");
  EXPECT_EQ(clicked->clicks, 1);
  clock_.Advance(5 * base::kMicrosPerSecond);
  clicked = store_->ClickTrackedLink("abc");
  ASSERT_TRUE(clicked.ok()) << clicked.status();
  EXPECT_EQ(clicked->clicks, 2);
  EXPECT_EQ(clicked->first_clicked_at, first);
  EXPECT_EQ(clicked->last_clicked_at, first + 5 * base::kMicrosPerSecond);
  // Each click is an event of the conversation, with the count and nothing about the visitor.
  auto events = store_->ListEvents(0, 1000);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_FALSE(events->empty());
  const core::Event& last = events->back();
  EXPECT_EQ(last.kind, "link.clicked");
  EXPECT_EQ(last.conversation, conversation);
  EXPECT_FALSE(last.actor.valid());
  EXPECT_EQ(last.data, base::StrCat(R"({"clicks":2,"link_id":)", clicked->id.value(),
                                    R"(,"url":"https://ovpas.example/storingen"})"));
  EXPECT_EQ(store_->ListTrackedLinks(conversation)->at(1).clicks, 0);  // Per link.
  EXPECT_TRUE(absl::IsNotFound(store_->ClickTrackedLink("ABC").status()));  // Codes keep case.
  EXPECT_TRUE(store_->ListTrackedLinks(core::ConversationId(999))->empty());
}

TEST_P(CannedStoreTest, AReplyWithAnUnsafeLinkTargetIsNotStoredAtAll) {
  const core::User agent = NewUser("agent@example.com", "Aart Agent");
  const core::ConversationId conversation = NewConversation();
  const absl::Status refused =
      store_->AddReply(Reply(conversation, agent.id, "out-1", {{.code = "js", .url = "javascript:alert(1)"}})).status();
  EXPECT_TRUE(absl::IsInvalidArgument(refused)) << refused;
  EXPECT_TRUE(store_->ListTrackedLinks(conversation)->empty());
  EXPECT_EQ(store_->ListConversationPosts(conversation)->size(), 1u);  // Only the inbound post.
  EXPECT_TRUE(absl::IsNotFound(store_->ClickTrackedLink("js").status()));

  // A code is one link across every conversation: a repeated code fails the whole reply.
  ASSERT_TRUE(store_->AddReply(Reply(conversation, agent.id, "out-2", {{.code = "c1", .url = "https://a.example"}})).ok());
  EXPECT_FALSE(store_->AddReply(Reply(conversation, agent.id, "out-3", {{.code = "c1", .url = "https://b.example"}})).ok());
  EXPECT_EQ(store_->ClickTrackedLink("c1")->url, "https://a.example");
  EXPECT_EQ(store_->ListConversationPosts(conversation)->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CannedStoreTest, testing::ValuesIn(StoreBackends()), StoreBackendName);

}  // namespace
}  // namespace webcare::storage
