// Conformance of every storage backend for follow-ups and escalations (docs/follow-ups.md):
// the chore round reminds each due follow-up once and reports each overdue one to the right
// leads once; closing happens once; escalations bring their call task, expert or team along
// and end when withdrawn or resolved.

#include <gtest/gtest.h>

#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;

class FollowUpStoreTest : public StoreBackendTest {
 protected:
  core::FollowUp Add(core::ConversationId conversation, core::UserId owner, base::Micros due_at,
                     core::FollowUpKind kind = core::FollowUpKind::kFollowUp, std::string phone = "") {
    auto added = store_->AddFollowUp({.conversation = conversation, .kind = kind, .owner = owner,
                                      .created_by = owner, .text = "Terugbellen", .phone = std::move(phone),
                                      .due_at = due_at});
    EXPECT_TRUE(added.ok()) << added.status();
    return added.ok() ? added->first : core::FollowUp{};
  }

  std::vector<core::Notification> Notifications(core::UserId user) {
    auto list = store_->ListNotifications(user, /*unread_only=*/false, 100);
    EXPECT_TRUE(list.ok()) << list.status();
    return list.ok() ? *list : std::vector<core::Notification>{};
  }
};

TEST_P(FollowUpStoreTest, DueFollowUpsAreRemindedOnceAndOverdueOnesGoToTheTeamsLeadsOnce) {
  const core::TeamId support = AddTeam("Support");
  const core::UserId agent = AddUser("agent");
  const core::UserId team_lead = AddUser("teamlead", core::Role::kLead);
  const core::UserId other_lead = AddUser("otherlead", core::Role::kLead);
  ASSERT_TRUE(store_->SetTeamMember(support, team_lead, true).ok());
  const core::ConversationId conversation = AddConversation(support);
  const core::FollowUp due = Add(conversation, agent, clock_.NowMicros() + 10 * kMinute);
  EXPECT_EQ(due.state, core::FollowUpState::kOpen);
  EXPECT_EQ(due.owner_name, "Test agent");
  EXPECT_EQ(Get(conversation).next_follow_up_at, due.due_at);

  auto round = store_->AlertDueFollowUps(clock_.NowMicros(), 30 * kMinute);
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->reminded + round->escalated, 0);  // Not due yet.

  clock_.Advance(10 * kMinute);
  round = store_->AlertDueFollowUps(clock_.NowMicros(), 30 * kMinute);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->reminded, 1);
  EXPECT_EQ(round->escalated, 0);
  ASSERT_EQ(Notifications(agent).size(), 1u);
  EXPECT_EQ(Notifications(agent)[0].kind, core::NotificationKind::kFollowUpDue);
  EXPECT_EQ(store_->AlertDueFollowUps(clock_.NowMicros(), 30 * kMinute)->reminded, 0);  // Once.

  clock_.Advance(30 * kMinute);
  round = store_->AlertDueFollowUps(clock_.NowMicros(), 30 * kMinute);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->escalated, 1);
  ASSERT_EQ(Notifications(team_lead).size(), 1u);
  EXPECT_EQ(Notifications(team_lead)[0].kind, core::NotificationKind::kFollowUpOverdue);
  EXPECT_EQ(Notifications(team_lead)[0].text, "Overdue (Test agent): Terugbellen");
  EXPECT_TRUE(Notifications(other_lead).empty()) << "only the leads of the conversation's team";
  EXPECT_EQ(store_->AlertDueFollowUps(clock_.NowMicros(), 30 * kMinute)->escalated, 0);  // Once.

  auto stored = store_->GetFollowUp(due.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->reminded_at, clock_.NowMicros() - 30 * kMinute);
  EXPECT_EQ(stored->escalated_at, clock_.NowMicros());
  auto events = store_->ListConversationEvents(conversation);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& event : *events) kinds.push_back(event.kind);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "follow_up.due"), kinds.end());
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "follow_up.overdue"), kinds.end());
}

TEST_P(FollowUpStoreTest, WithoutTeamLeadsEveryLeadHearsAndWithoutLeadsTheAdmins) {
  const core::UserId agent = AddUser("agent");
  const core::UserId admin = AddUser("admin", core::Role::kAdmin);
  const core::ConversationId conversation = AddConversation();
  Add(conversation, agent, clock_.NowMicros());
  ASSERT_EQ(store_->AlertDueFollowUps(clock_.NowMicros(), 0)->escalated, 1);
  ASSERT_EQ(Notifications(admin).size(), 1u);

  const core::UserId lead = AddUser("lead", core::Role::kLead);
  Add(conversation, agent, clock_.NowMicros());
  ASSERT_EQ(store_->AlertDueFollowUps(clock_.NowMicros(), 0)->escalated, 1);
  EXPECT_EQ(Notifications(lead).size(), 1u);
  EXPECT_EQ(Notifications(admin).size(), 1u) << "admins only when there is no lead at all";
}

TEST_P(FollowUpStoreTest, AFollowUpClosesOnceAndClosedOnesAreNotReminded) {
  const core::UserId agent = AddUser("agent");
  const core::ConversationId conversation = AddConversation();
  const core::FollowUp follow_up = Add(conversation, agent, clock_.NowMicros() + kMinute);
  auto done = store_->CloseFollowUp(follow_up.id, core::FollowUpState::kDone, agent, clock_.NowMicros());
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->first.state, core::FollowUpState::kDone);
  EXPECT_EQ(done->first.closed_by, agent);
  EXPECT_GT(done->second, 0);
  EXPECT_EQ(store_->CloseFollowUp(follow_up.id, core::FollowUpState::kCancelled, agent, clock_.NowMicros()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->CloseFollowUp(core::FollowUpId(999), core::FollowUpState::kDone, agent, 0).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Get(conversation).next_follow_up_at, 0);
  clock_.Advance(kMinute);
  EXPECT_EQ(store_->AlertDueFollowUps(clock_.NowMicros(), 0)->reminded, 0);
  auto open = store_->ListFollowUps({.conversation = conversation, .open_only = true});
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
}

TEST_P(FollowUpStoreTest, ACallNeedsANumberGivenOrOnFileAndUnknownOwnersAreRefused) {
  const core::UserId agent = AddUser("agent");
  const core::ConversationId conversation = AddConversation();
  auto no_number = store_->AddFollowUp({.conversation = conversation, .kind = core::FollowUpKind::kCall,
                                        .owner = agent, .created_by = agent, .text = "Bellen",
                                        .due_at = clock_.NowMicros()});
  EXPECT_EQ(no_number.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Add(conversation, agent, clock_.NowMicros(), core::FollowUpKind::kCall, "+31 20 123 4567").phone,
            "+31 20 123 4567");
  auto stranger = store_->AddFollowUp({.conversation = conversation, .owner = core::UserId(999),
                                       .created_by = agent, .text = "x", .due_at = clock_.NowMicros()});
  EXPECT_EQ(stranger.status().code(), absl::StatusCode::kInvalidArgument);
  auto nowhere = store_->AddFollowUp({.conversation = core::ConversationId(999), .owner = agent,
                                      .created_by = agent, .text = "x", .due_at = clock_.NowMicros()});
  EXPECT_EQ(nowhere.status().code(), absl::StatusCode::kNotFound);
}

TEST_P(FollowUpStoreTest, EscalationsBringTheirTaskExpertOrTeamAndEndWhenResolved) {
  const core::TeamId pr = AddTeam("PR");
  const core::UserId agent = AddUser("agent");
  const core::UserId expert = AddUser("expert");
  const core::ConversationId conversation = AddConversation();

  auto to_expert = store_->AddEscalation({.conversation = conversation, .kind = core::EscalationKind::kExpert,
                                          .reason = "Tariefvraag", .by = agent, .at = clock_.NowMicros(),
                                          .expert = expert});
  ASSERT_TRUE(to_expert.ok()) << to_expert.status();
  ASSERT_TRUE(to_expert->conversation.escalation.has_value());
  EXPECT_EQ(to_expert->conversation.escalation->kind, core::EscalationKind::kExpert);
  EXPECT_EQ(to_expert->conversation.escalation->by_name, "Test agent");
  EXPECT_EQ(to_expert->conversation.experts, std::vector<core::UserId>{expert});
  ASSERT_EQ(Notifications(expert).size(), 1u);
  EXPECT_EQ(Notifications(expert)[0].kind, core::NotificationKind::kEscalation);

  // A new escalation replaces the one in force.
  auto to_pr = store_->AddEscalation({.conversation = conversation, .kind = core::EscalationKind::kManagement,
                                      .reason = "Pers", .by = agent, .at = clock_.NowMicros(), .team = pr});
  ASSERT_TRUE(to_pr.ok()) << to_pr.status();
  EXPECT_EQ(to_pr->conversation.escalation->kind, core::EscalationKind::kManagement);
  EXPECT_EQ(to_pr->conversation.team, pr);

  auto to_phone = store_->AddEscalation(
      {.conversation = conversation, .kind = core::EscalationKind::kPhone, .reason = "Complex", .by = agent,
       .at = clock_.NowMicros(),
       .call = core::FollowUp{.kind = core::FollowUpKind::kCall, .owner = agent, .text = "Bel Klant", .phone = "+31 6 1"}});
  ASSERT_TRUE(to_phone.ok()) << to_phone.status();
  auto calls = store_->ListFollowUps({.conversation = conversation});
  ASSERT_TRUE(calls.ok());
  ASSERT_EQ(calls->size(), 1u);
  EXPECT_EQ((*calls)[0].source, core::FollowUpSource::kEscalation);
  EXPECT_EQ((*calls)[0].phone, "+31 6 1");

  auto resolved = store_->UpdateConversation(conversation, {.status = core::ConversationStatus::kResolved},
                                             {.kind = "conversation.status", .actor = agent});
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_FALSE(resolved->conversation.escalation.has_value());
  EXPECT_EQ(store_->EndEscalation(conversation, agent, clock_.NowMicros()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->AddEscalation({.conversation = conversation, .kind = core::EscalationKind::kExpert,
                                   .reason = "x", .by = agent, .at = 0, .expert = core::UserId(999)})
                .status().code(),
            absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, FollowUpStoreTest, testing::ValuesIn(StoreBackends()), StoreBackendName);

}  // namespace
}  // namespace webcare::storage
