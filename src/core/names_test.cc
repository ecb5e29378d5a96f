#include <gtest/gtest.h>

#include "core/conversation.h"
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
