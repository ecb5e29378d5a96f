// The inbox side of the Store contract (store.h, "--- Inbox ---"), run against every backend:
// visibility and view counts, conversation changes with their events, snoozing, the event log,
// team membership, notes and notifications, replies and their delivery, the audit log.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

using core::ConversationStatus;
using nlohmann::json;

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;

json Data(const core::Event& event) { return json::parse(event.data, nullptr, /*allow_exceptions=*/false); }

// Who sees what: the agent is in team `mine`; one conversation per case of store.h's
// Visibility, plus two the agent must not see and one that is closed.
struct World {
  core::UserId agent, colleague;
  core::TeamId mine, other;
  core::ConversationId assigned_to_agent;    // Own team, the agent's.
  core::ConversationId own_team_unassigned;  // Own team, nobody's.
  core::ConversationId no_team;              // Routed to no team: everyone's.
  core::ConversationId expert_on;            // Other team; the agent was asked as expert.
  core::ConversationId assigned_elsewhere;   // Other team, yet assigned to the agent.
  core::ConversationId own_team_resolved;    // Own team, resolved.
  core::ConversationId other_team;           // Other team, nobody's: hidden.
  core::ConversationId colleagues;           // Other team, the colleague's: hidden.
};

class StoreInboxConformanceTest : public StoreBackendTest {
 protected:
  core::Conversation Update(core::ConversationId id, const ConversationUpdate& update, core::UserId actor = {}) {
    auto changed = store_->UpdateConversation(id, update, {.kind = "test.change", .actor = actor});
    EXPECT_TRUE(changed.ok()) << changed.status();
    return changed.ok() ? changed->conversation : core::Conversation{};
  }

  std::vector<core::Event> History(core::ConversationId id) {
    auto events = store_->ListConversationEvents(id);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? *events : std::vector<core::Event>{};
  }

  int64_t LastSeq() {
    auto seq = store_->LastEventSeq();
    EXPECT_TRUE(seq.ok()) << seq.status();
    return seq.ok() ? *seq : -1;
  }

  // The ids ListConversations returns, in ascending order.
  std::vector<core::ConversationId> Listed(const ConversationFilter& filter) {
    auto list = store_->ListConversations(filter);
    EXPECT_TRUE(list.ok()) << list.status();
    std::vector<core::ConversationId> ids;
    if (!list.ok()) return ids;
    for (const auto& conversation : list->conversations) ids.push_back(conversation.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  World MakeWorld() {
    World w;
    w.agent = AddUser("agent");
    w.colleague = AddUser("agent2");
    w.mine = AddTeam("Support");
    w.other = AddTeam("PR");
    w.assigned_to_agent = AddConversation(w.mine);
    w.own_team_unassigned = AddConversation(w.mine);
    w.no_team = AddConversation();
    w.expert_on = AddConversation(w.other);
    w.assigned_elsewhere = AddConversation(w.other);
    w.own_team_resolved = AddConversation(w.mine);
    w.other_team = AddConversation(w.other);
    w.colleagues = AddConversation(w.other);
    Update(w.assigned_to_agent, {.assignee = w.agent});
    Update(w.expert_on, {.add_experts = {w.agent}});
    Update(w.assigned_elsewhere, {.assignee = w.agent});
    Update(w.own_team_resolved, {.status = ConversationStatus::kResolved});
    Update(w.colleagues, {.assignee = w.colleague});
    EXPECT_TRUE(store_->SetTeamMember(w.mine, w.agent, true).ok());
    return w;
  }

};

TEST_P(StoreInboxConformanceTest, ListConversationsShowsAnAgentOnlyWhatItMaySee) {
  const World w = MakeWorld();
  const Visibility agent{.user = w.agent, .teams = {w.mine}};
  std::vector<core::ConversationId> expected{w.assigned_to_agent, w.own_team_unassigned, w.no_team,
                                             w.expert_on,         w.assigned_elsewhere,  w.own_team_resolved};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Listed({.visible_to = agent}), expected);
  // Visibility combines with the other filters.
  EXPECT_EQ(Listed({.visible_to = agent, .assignee = core::UserId(), .team = w.other}),
            std::vector<core::ConversationId>{w.expert_on});
  // Without teams an agent still sees its own, its expert ones and the unrouted ones.
  std::vector<core::ConversationId> teamless{w.assigned_to_agent, w.no_team, w.expert_on, w.assigned_elsewhere};
  std::sort(teamless.begin(), teamless.end());
  EXPECT_EQ(Listed({.visible_to = Visibility{.user = w.agent}}), teamless);
  // Unset: everything (leads and admins).
  EXPECT_EQ(Listed({}).size(), 8u);
}

// A label's list keeps the inbox's order and status filter as conversations get new posts,
// change status and gain or lose the label, page by page.
TEST_P(StoreInboxConformanceTest, ListsByLabelFollowNewPostsStatusesAndPages) {
  const core::ConversationId oldest = AddConversation(), middle = AddConversation(),
                             newest = AddConversation(), unlabelled = AddConversation(),
                             latest = AddConversation();
  // Middle gets the label while resolved, so only a change of status can make it open.
  Update(middle, {.status = ConversationStatus::kResolved});
  for (const core::ConversationId id : {oldest, middle, newest, latest}) Update(id, {.add_labels = {"klacht"}});
  // Ids in the list's own order, unlike Listed.
  const auto in_order = [&](ConversationFilter filter) {
    std::vector<core::ConversationId> ids;
    for (;;) {
      auto page = store_->ListConversations(filter);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) return ids;
      for (const auto& conversation : page->conversations) ids.push_back(conversation.id);
      if (page->next_cursor.empty()) return ids;
      filter.page.cursor = page->next_cursor;
    }
  };
  using Ids = std::vector<core::ConversationId>;
  EXPECT_EQ(in_order({.label = "klacht"}), (Ids{latest, newest, middle, oldest}));
  EXPECT_EQ(in_order({.label = "klacht", .page = {.limit = 1}}), (Ids{latest, newest, middle, oldest}));
  EXPECT_EQ(in_order({.open_only = true, .label = "klacht"}), (Ids{latest, newest, oldest}));

  // A reply to the oldest makes it the most recent.
  core::NewPost reply;
  reply.network = "x";
  reply.channel = "x:@ovpas";
  reply.external_id = "label-reply";
  reply.in_reply_to = "in-1";
  reply.author = {.network = "x", .handle = "@klant_1", .name = "Klant", .followers = 10};
  reply.text = "Nog steeds niets gehoord";
  reply.created_at = clock_.NowMicros() + 60 * kMinute;
  reply.raw = "{}";
  ASSERT_TRUE(store_->InsertPosts(std::vector<core::NewPost>{reply}).ok());
  ASSERT_EQ(Get(oldest).post_count, 2);
  EXPECT_EQ(in_order({.open_only = true, .label = "klacht", .page = {.limit = 1}}), (Ids{oldest, latest, newest}));

  // Resolving and reopening moves a conversation out of and back into the open list.
  Update(newest, {.status = ConversationStatus::kResolved});
  Update(middle, {.status = ConversationStatus::kOpen});
  EXPECT_EQ(in_order({.open_only = true, .label = "klacht"}), (Ids{oldest, latest, middle}));
  EXPECT_EQ(in_order({.status = ConversationStatus::kResolved, .label = "klacht"}), (Ids{newest}));

  // A label added later carries its conversation's place; a removed one leaves the list.
  Update(unlabelled, {.add_labels = {"klacht"}});
  Update(oldest, {.remove_labels = {"klacht"}});
  EXPECT_EQ(in_order({.open_only = true, .label = "klacht"}), (Ids{latest, unlabelled, middle}));
  // Sorted by priority, the label filters the same conversations.
  auto by_priority = in_order({.open_only = true, .label = "klacht", .order = ConversationOrder::kPriority});
  std::sort(by_priority.begin(), by_priority.end());
  EXPECT_EQ(by_priority, (Ids{middle, unlabelled, latest}));
  EXPECT_TRUE(in_order({.label = "pers"}).empty());
}

// "Mine" by status comes from its own index (migration 0010): the same answer as a filter.
TEST_P(StoreInboxConformanceTest, OnePersonsListsByStatusKeepTheInboxOrder) {
  const core::UserId agent = AddUser("agent");
  const core::ConversationId first = AddConversation(), waiting = AddConversation(),
                             resolved = AddConversation(), last = AddConversation();
  AddConversation();  // Nobody's.
  for (const core::ConversationId id : {first, waiting, resolved, last}) Update(id, {.assignee = agent});
  Update(waiting, {.status = ConversationStatus::kWaiting});
  Update(resolved, {.status = ConversationStatus::kResolved});
  const auto ids = [&](const ConversationFilter& filter) {
    std::vector<core::ConversationId> listed;
    auto list = store_->ListConversations(filter);
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) for (const auto& conversation : list->conversations) listed.push_back(conversation.id);
    return listed;
  };
  using Ids = std::vector<core::ConversationId>;
  EXPECT_EQ(ids({.open_only = true, .assignee = agent}), (Ids{last, waiting, first}));
  EXPECT_EQ(ids({.status = ConversationStatus::kWaiting, .assignee = agent}), (Ids{waiting}));
  EXPECT_EQ(ids({.status = ConversationStatus::kResolved, .assignee = agent}), (Ids{resolved}));
  EXPECT_EQ(ids({.open_only = true, .assignee = agent, .order = ConversationOrder::kPriority}).size(), 3u);
}

TEST_P(StoreInboxConformanceTest, CountViewsCountsOpenConversationsPerView) {
  const World w = MakeWorld();
  auto counts = store_->CountViews({.user = w.agent, .teams = {w.mine}}, /*sees_all=*/false);
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->mine, 2);        // assigned_to_agent, assigned_elsewhere.
  EXPECT_EQ(counts->my_teams, 2);    // assigned_to_agent, own_team_unassigned; resolved is not open.
  EXPECT_EQ(counts->unassigned, 3);  // own_team_unassigned, no_team, expert_on.
  EXPECT_EQ(counts->all, 5);
  auto everyone = store_->CountViews({.user = w.agent, .teams = {w.mine}}, /*sees_all=*/true);
  ASSERT_TRUE(everyone.ok()) << everyone.status();
  EXPECT_EQ(everyone->mine, 2);
  EXPECT_EQ(everyone->my_teams, 2);
  EXPECT_EQ(everyone->unassigned, 4);  // other_team too.
  EXPECT_EQ(everyone->all, 7);         // Every open one.
  // A snoozed or waiting conversation is still open work.
  Update(w.own_team_unassigned, {.status = ConversationStatus::kSnoozed, .snoozed_until = clock_.NowMicros() + kMinute});
  Update(w.no_team, {.status = ConversationStatus::kWaiting});
  EXPECT_EQ(store_->CountViews({.user = w.agent, .teams = {w.mine}}, false)->all, 5);
}

TEST_P(StoreInboxConformanceTest, UpdateConversationAppliesEveryFieldAndRecordsItsEvent) {
  const core::UserId agent = AddUser("agent");
  const core::UserId expert = AddUser("agent2");
  const core::TeamId team = AddTeam("Support");
  const core::ConversationId id = AddConversation();
  const base::Micros wake = clock_.NowMicros() + 60 * kMinute;
  auto changed = store_->UpdateConversation(
      id,
      {.status = ConversationStatus::kSnoozed, .snoozed_until = wake, .assignee = agent, .team = team,
       .priority = 150, .add_labels = {"terugbetaling", "app"}, .add_experts = {expert}},
      {.kind = "conversation.test", .actor = agent, .data = R"({"reason":"test","status":"overwritten"})"});
  ASSERT_TRUE(changed.ok()) << changed.status();
  const core::Conversation& after = changed->conversation;
  EXPECT_EQ(after.status, ConversationStatus::kSnoozed);
  EXPECT_EQ(after.snoozed_until, wake);
  EXPECT_EQ(after.assignee, agent);
  EXPECT_EQ(after.assignee_name, "Test agent");
  EXPECT_EQ(after.team, team);
  EXPECT_EQ(after.team_name, "Support");
  EXPECT_EQ(after.priority, 100);  // Clamped to 0..100.
  EXPECT_EQ(after.labels, (std::vector<std::string>{"app", "terugbetaling"}));
  EXPECT_EQ(after.experts, std::vector<core::UserId>{expert});
  EXPECT_EQ(Get(id).labels, after.labels);  // Stored, not only returned.

  EXPECT_EQ(changed->seq, LastSeq());
  const std::vector<core::Event> events = History(id);
  ASSERT_FALSE(events.empty());
  const core::Event& event = events.back();
  EXPECT_EQ(event.seq, changed->seq);
  EXPECT_EQ(event.kind, "conversation.test");
  EXPECT_EQ(event.conversation, id);
  EXPECT_EQ(event.actor, agent);
  EXPECT_EQ(event.actor_name, "Test agent");
  EXPECT_EQ(event.at, clock_.NowMicros());
  const json data = Data(event);
  EXPECT_EQ(data["reason"], "test");     // The caller's own data is kept ...
  EXPECT_EQ(data["status"], "snoozed");  // ... and the update's fields win.
  EXPECT_EQ(data["snoozed_until"], wake);
  EXPECT_EQ(data["assignee"], agent.value());
  EXPECT_TRUE(data["previous_assignee"].is_null());
  EXPECT_EQ(data["team"], team.value());
  EXPECT_EQ(data["priority"], 100);
  EXPECT_EQ(data["labels_added"], json({"terugbetaling", "app"}));
  EXPECT_EQ(data["experts_added"], json({expert.value()}));

  // Release, leave the team, drop a label, reopen: snoozed_until goes with the snooze.
  auto second = store_->UpdateConversation(
      id, {.status = ConversationStatus::kOpen, .assignee = core::UserId(), .team = core::TeamId(),
           .remove_labels = {"app"}},
      {.kind = "conversation.test"});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->conversation.assignee.valid());
  EXPECT_FALSE(second->conversation.team.valid());
  EXPECT_EQ(second->conversation.snoozed_until, 0);
  EXPECT_EQ(second->conversation.labels, std::vector<std::string>{"terugbetaling"});
  EXPECT_GT(second->seq, changed->seq);
  const json released = Data(History(id).back());
  EXPECT_TRUE(released["assignee"].is_null());
  EXPECT_EQ(released["previous_assignee"], agent.value());
  EXPECT_TRUE(released["team"].is_null());
  EXPECT_EQ(released["labels_removed"], json({"app"}));
  EXPECT_FALSE(released.contains("snoozed_until"));
}

TEST_P(StoreInboxConformanceTest, ExpectedAssigneeMismatchFailsAndChangesNothing) {
  const core::UserId first = AddUser("agent");
  const core::UserId second = AddUser("agent2");
  const core::ConversationId id = AddConversation();
  // Two claims of an unassigned conversation: the first wins, the second finds it taken.
  ASSERT_TRUE(store_->UpdateConversation(id, {.assignee = first, .expected_assignee = core::UserId()},
                                         {.kind = "conversation.claimed", .actor = first}).ok());
  const int64_t seq = LastSeq();
  auto late = store_->UpdateConversation(
      id, {.status = ConversationStatus::kResolved, .assignee = second, .add_labels = {"x"},
           .expected_assignee = core::UserId()},
      {.kind = "conversation.claimed", .actor = second});
  EXPECT_TRUE(absl::IsFailedPrecondition(late.status())) << late.status();
  const core::Conversation now = Get(id);
  EXPECT_EQ(now.assignee, first);
  EXPECT_EQ(now.status, ConversationStatus::kNew);
  EXPECT_TRUE(now.labels.empty());
  EXPECT_EQ(LastSeq(), seq);  // No event for a change that did not happen.
  // Naming the holder it has now, the change applies.
  auto handed_on = store_->UpdateConversation(id, {.assignee = second, .expected_assignee = first},
                                              {.kind = "conversation.assigned", .actor = first});
  ASSERT_TRUE(handed_on.ok()) << handed_on.status();
  EXPECT_EQ(handed_on->conversation.assignee, second);
}

TEST_P(StoreInboxConformanceTest, UnknownAssigneeTeamOrExpertIsInvalidAndChangesNothing) {
  const core::ConversationId id = AddConversation();
  const int64_t seq = LastSeq();
  const std::vector<ConversationUpdate> updates{
      {.status = ConversationStatus::kOpen, .assignee = core::UserId(999)},
      {.status = ConversationStatus::kOpen, .team = core::TeamId(999)},
      {.status = ConversationStatus::kOpen, .add_experts = {core::UserId(999)}},
  };
  for (const ConversationUpdate& update : updates) {
    auto changed = store_->UpdateConversation(id, update, {.kind = "test.change"});
    EXPECT_TRUE(absl::IsInvalidArgument(changed.status())) << changed.status();
    EXPECT_EQ(Get(id).status, ConversationStatus::kNew);  // The whole update rolled back.
  }
  EXPECT_EQ(LastSeq(), seq);
  auto missing = store_->UpdateConversation(core::ConversationId(999), {.status = ConversationStatus::kOpen},
                                            {.kind = "test.change"});
  EXPECT_TRUE(absl::IsNotFound(missing.status())) << missing.status();
}

TEST_P(StoreInboxConformanceTest, WakeSnoozedOpensConversationsWhoseTimeHasCome) {
  const core::ConversationId soon = AddConversation();
  const core::ConversationId later = AddConversation();
  const core::ConversationId open = AddConversation();
  const base::Micros start = clock_.NowMicros();
  Update(soon, {.status = ConversationStatus::kSnoozed, .snoozed_until = start + 10 * kMinute});
  Update(later, {.status = ConversationStatus::kSnoozed, .snoozed_until = start + 60 * kMinute});
  Update(open, {.status = ConversationStatus::kOpen});

  EXPECT_EQ(store_->WakeSnoozed(start + 10 * kMinute - 1).value_or(-1), 0);
  clock_.Set(start + 10 * kMinute);
  EXPECT_EQ(store_->WakeSnoozed(clock_.NowMicros()).value_or(-1), 1);
  EXPECT_EQ(Get(soon).status, ConversationStatus::kOpen);
  EXPECT_EQ(Get(soon).snoozed_until, 0);
  EXPECT_EQ(Get(later).status, ConversationStatus::kSnoozed);
  const core::Event woke = History(soon).back();
  EXPECT_EQ(woke.kind, "conversation.woke");
  EXPECT_FALSE(woke.actor.valid());  // The system did it.
  EXPECT_EQ(Data(woke)["status"], "open");
  EXPECT_EQ(woke.seq, LastSeq());
  // Once only.
  EXPECT_EQ(store_->WakeSnoozed(clock_.NowMicros()).value_or(-1), 0);
  EXPECT_EQ(store_->WakeSnoozed(start + 61 * kMinute).value_or(-1), 1);
  EXPECT_EQ(Get(later).status, ConversationStatus::kOpen);
  EXPECT_EQ(History(open).back().kind, "test.change");
}

TEST_P(StoreInboxConformanceTest, EventsComeInSeqOrderPerInstallationAndPerConversation) {
  EXPECT_EQ(LastSeq(), 0);
  const core::ConversationId first = AddConversation();
  const core::ConversationId second = AddConversation();
  Update(first, {.status = ConversationStatus::kOpen});
  Update(second, {.status = ConversationStatus::kWaiting});
  Update(first, {.status = ConversationStatus::kResolved});

  auto all = store_->ListEvents(0, 100);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 5u);  // Two "posts.added", three changes.
  for (size_t i = 1; i < all->size(); ++i) EXPECT_GT((*all)[i].seq, (*all)[i - 1].seq);
  EXPECT_EQ(all->back().seq, LastSeq());
  EXPECT_EQ((*all)[0].kind, "posts.added");
  EXPECT_EQ((*all)[0].conversation, first);

  // After a seq, at most `limit`.
  auto page = store_->ListEvents((*all)[1].seq, 2);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, (*all)[2].seq);
  EXPECT_EQ((*page)[1].seq, (*all)[3].seq);
  EXPECT_TRUE(store_->ListEvents(LastSeq(), 10)->empty());
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListEvents(0, 0).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListEvents(0, 10'001).status()));

  const std::vector<core::Event> history = History(first);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].kind, "posts.added");
  EXPECT_EQ(Data(history[1])["status"], "open");
  EXPECT_EQ(Data(history[2])["status"], "resolved");
  for (const core::Event& event : history) EXPECT_EQ(event.conversation, first);
  EXPECT_TRUE(History(core::ConversationId(999)).empty());
}

TEST_P(StoreInboxConformanceTest, TeamMembershipIsSetListedAndChecked) {
  const core::UserId agent = AddUser("agent");
  const core::UserId colleague = AddUser("agent2");
  const core::TeamId support = AddTeam("Support");
  const core::TeamId pr = AddTeam("PR");
  EXPECT_TRUE(store_->ListUserTeams(agent)->empty());
  ASSERT_TRUE(store_->SetTeamMember(pr, agent, true).ok());
  ASSERT_TRUE(store_->SetTeamMember(support, agent, true).ok());
  ASSERT_TRUE(store_->SetTeamMember(support, agent, true).ok());  // Twice is once.
  ASSERT_TRUE(store_->SetTeamMember(support, colleague, true).ok());
  EXPECT_EQ(*store_->ListUserTeams(agent), (std::vector<core::TeamId>{support, pr}));  // By id.
  EXPECT_EQ(*store_->ListTeamMembers(support), (std::vector<core::UserId>{agent, colleague}));
  ASSERT_TRUE(store_->SetTeamMember(support, agent, false).ok());
  ASSERT_TRUE(store_->SetTeamMember(support, agent, false).ok());  // Not a member: no change.
  EXPECT_EQ(*store_->ListUserTeams(agent), std::vector<core::TeamId>{pr});
  EXPECT_EQ(*store_->ListTeamMembers(support), std::vector<core::UserId>{colleague});
  EXPECT_TRUE(absl::IsNotFound(store_->SetTeamMember(core::TeamId(999), agent, true)));
  EXPECT_TRUE(absl::IsNotFound(store_->SetTeamMember(core::TeamId(), agent, true)));
  EXPECT_TRUE(absl::IsNotFound(store_->SetTeamMember(support, core::UserId(999), true)));
  EXPECT_TRUE(store_->ListTeamMembers(core::TeamId(999))->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreInboxConformanceTest, testing::ValuesIn(StoreBackends()),
                         StoreBackendName);

}  // namespace
}  // namespace webcare::storage
