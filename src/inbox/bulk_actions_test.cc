#include "inbox/bulk_actions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "base/strings.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::inbox {
namespace {

using core::ConversationId;
using core::ConversationStatus;

class BulkActionsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("bulk");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db", .synchronous_full = false}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    inbox_ = std::make_unique<InboxService>(*store_, sink_, clock_);
    bulk_ = std::make_unique<BulkActions>(*store_, *inbox_, sink_, clock_);
    support_ = store_->CreateTeam("Support")->id;
    billing_ = store_->CreateTeam("Billing")->id;
    agent_ = MakeViewer("agent", core::Role::kAgent, support_);
    colleague_ = MakeViewer("colleague", core::Role::kAgent, support_);
    lead_ = MakeViewer("lead", core::Role::kLead, support_);
  }
  void TearDown() override {
    bulk_.reset();
    inbox_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Viewer MakeViewer(const std::string& name, core::Role role, core::TeamId team) {
    auto user = store_->CreateUser({.email = name + "@example.com", .name = "Test " + name, .role = role}, "x");
    EXPECT_TRUE(user.ok()) << user.status();
    EXPECT_TRUE(store_->SetTeamMember(team, user->id, true).ok());
    return Viewer{.user = *user, .teams = {team}};
  }

  ConversationId NewConversation(core::TeamId team) {
    ++posts_;
    core::NewPost post{.network = "x", .channel = "x:@ovpas", .external_id = base::StrCat("p", posts_),
                       .author = {.network = "x", .handle = base::StrCat("@klant", posts_)},
                       .text = "Mijn pas doet het niet", .created_at = clock_.NowMicros() + posts_};
    post.classification.analysed = true;
    post.classification.team = team;
    auto inserted = store_->InsertPosts({&post, 1});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    return inserted->conversations.at(0);
  }

  core::Conversation Get(ConversationId id) {
    auto conversation = store_->GetConversation(id);
    EXPECT_TRUE(conversation.ok()) << conversation.status();
    return conversation.ok() ? *conversation : core::Conversation{};
  }

  static std::string CodeOf(const BulkResult& result, ConversationId id) {
    for (const BulkSkip& skip : result.skipped) {
      if (skip.id == id) return skip.code;
    }
    return "";
  }

  base::FakeClock clock_;
  std::string dir_;
  core::CountingEventSink sink_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<InboxService> inbox_;
  std::unique_ptr<BulkActions> bulk_;
  core::TeamId support_, billing_;
  Viewer agent_, colleague_, lead_;
  int posts_ = 0;
};

TEST_F(BulkActionsTest, ActionNamesRoundTrip) {
  for (auto kind : {BulkActionKind::kAssign, BulkActionKind::kAddLabel, BulkActionKind::kRemoveLabel,
                    BulkActionKind::kStatus, BulkActionKind::kTeam, BulkActionKind::kDelete}) {
    EXPECT_EQ(ParseBulkAction(BulkActionName(kind)), kind);
  }
  EXPECT_EQ(ParseBulkAction("archive"), std::nullopt);
}

TEST_F(BulkActionsTest, AgentChangesWhatItMayAndEachSkipSaysWhy) {
  const ConversationId free = NewConversation(support_);
  const ConversationId other_team = NewConversation(billing_);
  const ConversationId colleagues = NewConversation(support_);
  const ConversationId own = NewConversation(support_);
  ASSERT_TRUE(inbox_->Claim(colleague_, colleagues).ok());
  ASSERT_TRUE(inbox_->Claim(agent_, own).ok());
  const int published = sink_.published;
  const int64_t seq = *store_->LastEventSeq();

  auto result = bulk_->Apply(agent_, {.ids = {free, other_team, colleagues, own, ConversationId(999), free}},
                             {.kind = BulkActionKind::kAssign, .assignee = agent_.user.id});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->affected, std::vector<ConversationId>{free});
  ASSERT_EQ(result->skipped.size(), 4u);  // The repeated id counts once.
  EXPECT_EQ(CodeOf(*result, other_team), "forbidden");
  EXPECT_EQ(CodeOf(*result, colleagues), "conflict");
  EXPECT_EQ(CodeOf(*result, own), "unchanged");
  EXPECT_EQ(CodeOf(*result, ConversationId(999)), "not_found");
  EXPECT_NE(result->skipped[1].reason.find("Test colleague"), std::string::npos) << result->skipped[1].reason;
  EXPECT_EQ(Get(free).assignee, agent_.user.id);
  EXPECT_EQ(Get(other_team).assignee, core::UserId());
  EXPECT_EQ(Get(colleagues).assignee, colleague_.user.id);
  // One event, of the changed conversation, and the listeners were woken after the commit.
  auto events = store_->ListEvents(seq, 100);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().conversation, free);
  EXPECT_EQ(events->front().kind, "conversation.assigned");
  EXPECT_GT(sink_.published, published);
}

TEST_F(BulkActionsTest, LabelsStatusAndTeamFollowTheSameRules) {
  const ConversationId a = NewConversation(support_);
  const ConversationId b = NewConversation(support_);
  auto labelled = bulk_->Apply(agent_, {.ids = {a, b}}, {.kind = BulkActionKind::kAddLabel, .label = "  storing "});
  ASSERT_TRUE(labelled.ok()) << labelled.status();
  EXPECT_EQ(labelled->affected.size(), 2u);
  EXPECT_EQ(Get(a).labels, std::vector<std::string>{"storing"});
  auto again = bulk_->Apply(agent_, {.ids = {a}}, {.kind = BulkActionKind::kAddLabel, .label = "storing"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(CodeOf(*again, a), "unchanged");
  auto removed = bulk_->Apply(agent_, {.ids = {a}}, {.kind = BulkActionKind::kRemoveLabel, .label = "storing"});
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(Get(a).labels.empty());
  EXPECT_EQ(Get(b).labels, std::vector<std::string>{"storing"});

  const base::Micros wake = clock_.NowMicros() + 3600 * base::kMicrosPerSecond;
  auto snoozed = bulk_->Apply(agent_, {.ids = {a, b}},
                              {.kind = BulkActionKind::kStatus, .status = ConversationStatus::kSnoozed,
                               .snoozed_until = wake});
  ASSERT_TRUE(snoozed.ok()) << snoozed.status();
  EXPECT_EQ(snoozed->affected.size(), 2u);
  EXPECT_EQ(Get(b).status, ConversationStatus::kSnoozed);
  EXPECT_EQ(Get(b).snoozed_until, wake);

  // Handing to another team: afterwards the agent no longer sees them.
  auto moved = bulk_->Apply(agent_, {.ids = {a, b}}, {.kind = BulkActionKind::kTeam, .team = billing_});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->affected.size(), 2u);
  auto back = bulk_->Apply(agent_, {.ids = {a}}, {.kind = BulkActionKind::kTeam, .team = support_});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(CodeOf(*back, a), "forbidden");
}

TEST_F(BulkActionsTest, WrongParametersFailTheWholeActionAndChangeNothing) {
  const ConversationId a = NewConversation(support_);
  const ConversationId b = NewConversation(support_);
  for (const ConversationId id : {a, b}) ASSERT_TRUE(inbox_->SetStatus(agent_, id, ConversationStatus::kOpen, 0).ok());
  const auto fails = [&](const BulkAction& action) {
    auto result = bulk_->Apply(agent_, {.ids = {a, b}}, action);
    EXPECT_TRUE(absl::IsInvalidArgument(result.status()))
        << BulkActionName(action.kind) << ": " << result.status()
        << (result.ok() && !result->skipped.empty() ? result->skipped[0].reason : "");
  };
  fails({.kind = BulkActionKind::kAssign, .assignee = core::UserId(4242)});
  fails({.kind = BulkActionKind::kTeam, .team = core::TeamId(4242)});
  fails({.kind = BulkActionKind::kAddLabel, .label = "   "});
  fails({.kind = BulkActionKind::kStatus, .status = ConversationStatus::kSnoozed,
         .snoozed_until = clock_.NowMicros() - 1});
  fails({.kind = BulkActionKind::kStatus, .status = ConversationStatus::kNew});
  EXPECT_EQ(Get(a).assignee, core::UserId());
  EXPECT_EQ(Get(b).team, support_);
  EXPECT_EQ(Get(a).status, ConversationStatus::kOpen);
  // An empty selection, and more than the limit, are refused as well.
  EXPECT_TRUE(absl::IsInvalidArgument(
      bulk_->Apply(agent_, {}, {.kind = BulkActionKind::kStatus, .status = ConversationStatus::kResolved}).status()));
  std::vector<ConversationId> many;
  for (size_t i = 1; i <= BulkActions::kMaxConversations + 1; ++i) many.emplace_back(static_cast<int64_t>(i));
  auto too_many = bulk_->Apply(lead_, {.ids = many}, {.kind = BulkActionKind::kDelete});
  EXPECT_TRUE(absl::IsInvalidArgument(too_many.status())) << too_many.status();
  EXPECT_NE(too_many.status().message().find("at most 10000"), std::string_view::npos);
  EXPECT_TRUE(store_->GetConversation(a).ok());
}

TEST_F(BulkActionsTest, ViewersChangeNothingAndOnlyLeadsDelete) {
  const ConversationId a = NewConversation(support_);
  const Viewer viewer = MakeViewer("viewer", core::Role::kViewer, support_);
  EXPECT_TRUE(absl::IsPermissionDenied(
      bulk_->Apply(viewer, {.ids = {a}}, {.kind = BulkActionKind::kAddLabel, .label = "x"}).status()));
  auto by_agent = bulk_->Apply(agent_, {.ids = {a}}, {.kind = BulkActionKind::kDelete});
  EXPECT_TRUE(absl::IsPermissionDenied(by_agent.status())) << by_agent.status();
  EXPECT_TRUE(store_->GetConversation(a).ok());
}

TEST_F(BulkActionsTest, DeleteCanBeUndoneWithinTheWindowByTheDeleterOrALead) {
  const ConversationId a = NewConversation(support_);
  const ConversationId b = NewConversation(billing_);
  ASSERT_TRUE(inbox_->ChangeLabels(agent_, a, {"vip"}, {}).ok());
  const Viewer admin = MakeViewer("admin", core::Role::kAdmin, billing_);
  auto deleted = bulk_->Apply(admin, {.ids = {a, b, ConversationId(777)}}, {.kind = BulkActionKind::kDelete});
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->affected, (std::vector<ConversationId>{a, b}));
  EXPECT_EQ(CodeOf(*deleted, ConversationId(777)), "not_found");
  ASSERT_TRUE(deleted->undo.has_value());
  EXPECT_EQ(deleted->undo->expires_at, clock_.NowMicros() + BulkActions::kUndoWindow);
  EXPECT_TRUE(absl::IsNotFound(store_->GetConversation(a).status()));

  auto by_agent = bulk_->Undo(agent_, deleted->undo->id);
  EXPECT_TRUE(absl::IsPermissionDenied(by_agent.status())) << by_agent.status();
  clock_.Advance(BulkActions::kUndoWindow - 1);
  auto undone = bulk_->Undo(lead_, deleted->undo->id);  // Another lead may.
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_EQ(undone->restored.size(), 2u);
  EXPECT_EQ(Get(a).labels, std::vector<std::string>{"vip"});
  EXPECT_TRUE(absl::IsFailedPrecondition(bulk_->Undo(admin, deleted->undo->id).status()));
  EXPECT_TRUE(absl::IsNotFound(bulk_->Undo(admin, deleted->undo->id + 1).status()));
}

TEST_F(BulkActionsTest, AfterTheWindowUndoFailsAndThePurgeRemovesThem) {
  const ConversationId a = NewConversation(support_);
  const ConversationId kept = NewConversation(support_);
  auto deleted = bulk_->Apply(lead_, {.ids = {a}}, {.kind = BulkActionKind::kDelete});
  ASSERT_TRUE(deleted.ok() && deleted->undo) << deleted.status();
  EXPECT_EQ(*bulk_->PurgeExpired(), 0);  // Still inside the window.
  clock_.Advance(BulkActions::kUndoWindow);
  auto late = bulk_->Undo(lead_, deleted->undo->id);
  EXPECT_TRUE(absl::IsFailedPrecondition(late.status())) << late.status();
  EXPECT_EQ(*bulk_->PurgeExpired(), 1);
  EXPECT_TRUE(store_->ListConversationPosts(a)->empty());
  EXPECT_TRUE(store_->GetConversation(kept).ok());
}

TEST_F(BulkActionsTest, AllMatchingAFilterMeansEveryPageTheViewerMaySee) {
  std::vector<ConversationId> support;
  for (int i = 0; i < 230; ++i) support.push_back(NewConversation(support_));  // More than one page.
  const ConversationId billing = NewConversation(billing_);
  const MatchingFilter unassigned{.view = View::kUnassigned, .filter = {.open_only = true}};
  EXPECT_EQ(*bulk_->CountMatching(agent_, unassigned), 230);
  EXPECT_EQ(*bulk_->CountMatching(lead_, unassigned), 231);

  auto result = bulk_->Apply(agent_, {.matching = unassigned},
                             {.kind = BulkActionKind::kStatus, .status = ConversationStatus::kResolved});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->affected.size(), 230u);
  EXPECT_TRUE(result->skipped.empty());
  EXPECT_EQ(Get(support.back()).status, ConversationStatus::kResolved);
  EXPECT_EQ(Get(billing).status, ConversationStatus::kNew);  // Not the agent's to see.
  EXPECT_EQ(*bulk_->CountMatching(agent_, unassigned), 0);
  // Nothing matching is nothing to do.
  auto none = bulk_->Apply(agent_, {.matching = unassigned}, {.kind = BulkActionKind::kAddLabel, .label = "x"});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->affected.empty());
}

}  // namespace
}  // namespace webcare::inbox
