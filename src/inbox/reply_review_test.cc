// Who needs approval for a reply, and which files a reply may carry on which network.

#include "inbox/reply_review.h"

#include <gtest/gtest.h>

#include "inbox/reply_attachments.h"

namespace webcare::inbox {
namespace {

Viewer As(core::Role role, int64_t id = 7) {
  return Viewer{.user = {.id = core::UserId(id), .name = "Anna", .role = role}, .teams = {}};
}

core::Conversation OfTeam(int64_t team) {
  core::Conversation conversation;
  conversation.team = core::TeamId(team);
  conversation.network = "x";
  return conversation;
}

TEST(RepliesNeedApprovalTest, TeamSettingHoldsAgentsReplies) {
  const storage::ReviewSettings settings{.teams = {core::TeamId(2)}};
  EXPECT_TRUE(RepliesNeedApproval(settings, As(core::Role::kAgent), OfTeam(2)));
  EXPECT_FALSE(RepliesNeedApproval(settings, As(core::Role::kAgent), OfTeam(3)));
  // A conversation of no team follows no team's setting.
  EXPECT_FALSE(RepliesNeedApproval(settings, As(core::Role::kAgent), OfTeam(0)));
}

TEST(RepliesNeedApprovalTest, UserSettingWinsOverTheTeam) {
  const storage::ReviewSettings settings{.teams = {core::TeamId(2)},
                                         .users = {{core::UserId(7), false}, {core::UserId(8), true}}};
  EXPECT_FALSE(RepliesNeedApproval(settings, As(core::Role::kAgent, 7), OfTeam(2)));  // Trusted.
  EXPECT_TRUE(RepliesNeedApproval(settings, As(core::Role::kAgent, 8), OfTeam(3)));   // New agent.
  EXPECT_TRUE(RepliesNeedApproval(settings, As(core::Role::kAgent, 8), OfTeam(0)));
}

TEST(RepliesNeedApprovalTest, LeadsAndAdminsAreNeverHeld) {
  const storage::ReviewSettings settings{.teams = {core::TeamId(2)}, .users = {{core::UserId(7), true}}};
  EXPECT_FALSE(RepliesNeedApproval(settings, As(core::Role::kLead), OfTeam(2)));
  EXPECT_FALSE(RepliesNeedApproval(settings, As(core::Role::kAdmin), OfTeam(2)));
}

TEST(NetworkCarriesTest, ImagesEverywherePdfOnlyWhereDocumentsGo) {
  for (const char* network : {"x", "mastodon", "email", "forum", "facebook"}) {
    EXPECT_TRUE(NetworkCarries(network, "image/png")) << network;
    EXPECT_TRUE(NetworkCarries(network, "image/webp")) << network;
  }
  EXPECT_TRUE(NetworkCarries("email", "application/pdf"));
  EXPECT_TRUE(NetworkCarries("forum", "application/pdf"));
  EXPECT_FALSE(NetworkCarries("x", "application/pdf"));
  EXPECT_FALSE(NetworkCarries("email", "text/html"));
}

}  // namespace
}  // namespace webcare::inbox
