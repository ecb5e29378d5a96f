#include <gtest/gtest.h>

#include "core/conversation.h"
#include "core/follow_up.h"
#include "core/people.h"
#include "core/post.h"

namespace webcare::core {
namespace {

TEST(NamesTest, EnumsRoundTripThroughTheirNames) {
  for (Role role : {Role::kViewer, Role::kAgent, Role::kLead, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  for (auto status : {ConversationStatus::kNew, ConversationStatus::kOpen,
                      ConversationStatus::kWaiting, ConversationStatus::kSnoozed,
                      ConversationStatus::kResolved}) {
    EXPECT_EQ(ParseConversationStatus(ConversationStatusName(status)), status);
  }
  for (auto kind : {EscalationKind::kPhone, EscalationKind::kExpert, EscalationKind::kManagement}) {
    EXPECT_EQ(ParseEscalationKind(EscalationKindName(kind)), kind);
  }
  EXPECT_EQ(ParseEscalationKind("pr"), std::nullopt);
  for (auto kind : {FollowUpKind::kFollowUp, FollowUpKind::kCall}) {
    EXPECT_EQ(ParseFollowUpKind(FollowUpKindName(kind)), kind);
  }
  for (auto state : {FollowUpState::kOpen, FollowUpState::kDone, FollowUpState::kCancelled}) {
    EXPECT_EQ(ParseFollowUpState(FollowUpStateName(state)), state);
  }
  for (auto source : {FollowUpSource::kManual, FollowUpSource::kPromise, FollowUpSource::kEscalation}) {
    EXPECT_EQ(ParseFollowUpSource(FollowUpSourceName(source)), source);
  }
  using enum NotificationKind;
  for (auto kind : {kMention, kAssigned, kEscalation, kApprovalRequested, kReplyRejected, kFollowUpAssigned,
                    kFollowUpDue, kFollowUpOverdue, kSlaWarning, kSlaBreached}) {
    EXPECT_EQ(ParseNotificationKind(NotificationKindName(kind)), kind);
    EXPECT_STRNE(NotificationKindName(kind), "unknown");
  }
  EXPECT_EQ(ParseNotificationKind("follow_up"), std::nullopt);
  EXPECT_EQ(ParseDirection("outbound"), Direction::kOutbound);
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
}

TEST(NamesTest, RolesAreOrdered) {
  EXPECT_TRUE(RoleAtLeast(Role::kAdmin, Role::kLead));
  EXPECT_TRUE(RoleAtLeast(Role::kAgent, Role::kAgent));
  EXPECT_FALSE(RoleAtLeast(Role::kAgent, Role::kAdmin));
  EXPECT_FALSE(RoleAtLeast(Role::kViewer, Role::kAgent));
}

}  // namespace
}  // namespace webcare::core
