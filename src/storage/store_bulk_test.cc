// Deleting conversations (store.h, "--- Deletion ---"), run against every backend: a deleted
// conversation is gone for every read at once and keeps all its data; undo within the window
// brings it back exactly as it was; after the window undo fails and the purge removes it and
// everything that hangs off it; a new post that joins a deleted conversation brings it back.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/query/parser.h"
#include "base/strings.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

using core::ConversationId;
using core::ConversationStatus;
using nlohmann::json;

constexpr base::Micros kSecond = base::kMicrosPerSecond;
constexpr base::Micros kWindow = 10 * kSecond;

class StoreBulkTest : public StoreBackendTest {
 protected:
  SoftDeleted Delete(std::vector<ConversationId> ids, core::UserId by) {
    auto deleted = store_->SoftDeleteConversations(ids, by, kWindow);
    EXPECT_TRUE(deleted.ok()) << deleted.status();
    return deleted.ok() ? *deleted : SoftDeleted{};
  }

  std::vector<ConversationId> Listed(const ConversationFilter& filter = {}) {
    auto list = store_->ListConversations(filter);
    EXPECT_TRUE(list.ok()) << list.status();
    std::vector<ConversationId> ids;
    if (!list.ok()) return ids;
    for (const auto& conversation : list->conversations) ids.push_back(conversation.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // The posts found by searching for `text`, newest first or by relevance.
  size_t Found(const std::string& text, SearchOrder order = SearchOrder::kRecent) {
    auto query = analysis::query::Parse(text);
    EXPECT_TRUE(query.ok()) << query.status();
    if (!query.ok()) return 0;
    auto found = store_->SearchPosts({.query = *query, .order = order});
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? found->posts.size() : 0;
  }

  std::vector<std::string> KindsOf(ConversationId id) {
    auto events = store_->ListEvents(0, 10'000);
    EXPECT_TRUE(events.ok()) << events.status();
    std::vector<std::string> kinds;
    if (!events.ok()) return kinds;
    for (const auto& event : *events) {
      if (event.conversation == id) kinds.push_back(event.kind);
    }
    return kinds;
  }

  // A reply by the brand on the conversation's thread, queued in the outbox.
  void AddReply(ConversationId id, core::UserId agent) {
    auto reply = store_->AddReply({.conversation = id,
                                   .sent_by = agent,
                                   .author = {.network = "x", .handle = "@ovpas", .name = "OV-pas"},
                                   .external_id = base::StrCat("webcare-", id.value()),
                                   .text = "We kijken ernaar",
                                   .created_at = clock_.NowMicros(),
                                   .first_attempt_at = clock_.NowMicros()});
    ASSERT_TRUE(reply.ok()) << reply.status();
  }
};

TEST_P(StoreBulkTest, DeletedConversationsAreGoneForEveryReadAtOnce) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const core::TeamId team = AddTeam("Support");
  ASSERT_TRUE(store_->SetTeamMember(team, agent, true).ok());
  const ConversationId kept = AddConversation(team);
  const ConversationId gone = AddConversation(team);
  ASSERT_TRUE(store_->UpdateConversation(gone, {.add_experts = {lead}}, {.kind = "test"}).ok());
  ASSERT_EQ(Found("pas"), 2u);
  const int64_t before = *store_->LastEventSeq();

  const SoftDeleted deleted = Delete({gone, ConversationId(9999)}, lead);
  EXPECT_GT(deleted.batch.id, 0);
  EXPECT_EQ(deleted.batch.deleted_by, lead);
  EXPECT_EQ(deleted.batch.deleted_at, clock_.NowMicros());
  EXPECT_EQ(deleted.batch.expires_at, clock_.NowMicros() + kWindow);
  EXPECT_EQ(deleted.batch.conversations, 1);
  EXPECT_EQ(deleted.deleted, std::vector<ConversationId>{gone});
  EXPECT_EQ(deleted.missing, std::vector<ConversationId>{ConversationId(9999)});
  EXPECT_EQ(deleted.seq, *store_->LastEventSeq());
  EXPECT_GT(deleted.seq, before);

  EXPECT_TRUE(absl::IsNotFound(store_->GetConversation(gone).status()));
  EXPECT_EQ(Listed(), std::vector<ConversationId>{kept});
  EXPECT_EQ(Listed({.visible_to = Visibility{.user = agent, .teams = {team}}}), std::vector<ConversationId>{kept});
  auto counts = store_->CountViews({.user = agent, .teams = {team}}, /*sees_all=*/true);
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->all, 1);
  EXPECT_EQ(counts->my_teams, 1);
  // Search hides its posts on every path: recent and relevance, with and without filters.
  EXPECT_EQ(Found("pas"), 1u);
  EXPECT_EQ(Found("pas", SearchOrder::kRelevance), 1u);
  EXPECT_EQ(Found("pas lang:nl"), 1u);
  EXPECT_EQ(Found("pas lang:nl", SearchOrder::kRelevance), 1u);
  EXPECT_EQ(Found("lang:nl"), 1u);
  // Changes to it fail as for an unknown conversation.
  EXPECT_TRUE(absl::IsNotFound(
      store_->UpdateConversation(gone, {.status = ConversationStatus::kResolved}, {.kind = "test"}).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->AddNote({.conversation = gone, .author = agent, .text = "hallo"}).status()));
  // Deleting it again finds nothing to delete, and makes no batch.
  const SoftDeleted again = Delete({gone}, lead);
  EXPECT_EQ(again.batch.id, 0);
  EXPECT_TRUE(again.deleted.empty());
  EXPECT_EQ(again.missing, std::vector<ConversationId>{gone});

  // The event says who could see it, for the realtime hub.
  auto events = store_->ListEvents(before, 100);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  const core::Event& event = events->front();
  EXPECT_EQ(event.kind, "conversation.deleted");
  EXPECT_EQ(event.conversation, gone);
  EXPECT_EQ(event.actor, lead);
  const json data = json::parse(event.data);
  EXPECT_EQ(data["batch"], deleted.batch.id);
  EXPECT_EQ(data["team"], team.value());
  EXPECT_TRUE(data["assignee"].is_null());
  EXPECT_EQ(data["experts"], json::array({lead.value()}));
}

TEST_P(StoreBulkTest, UndoWithinTheWindowRestoresExactlyWhatWasDeleted) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const core::UserId expert = AddUser("expert");
  const core::TeamId team = AddTeam("Support");
  const ConversationId id = AddConversation(team);
  const ConversationId other = AddConversation();
  AddReply(id, agent);  // First: a reply leaves the conversation waiting.
  ASSERT_TRUE(store_->UpdateConversation(id,
                                         {.status = ConversationStatus::kSnoozed,
                                          .snoozed_until = clock_.NowMicros() + 3 * kSecond,
                                          .assignee = agent,
                                          .priority = 77,
                                          .add_labels = {"factuur", "spoed"},
                                          .add_experts = {expert}},
                                         {.kind = "test"})
                  .ok());
  ASSERT_TRUE(store_->AddNote({.conversation = id, .author = agent, .text = "@expert kijk jij?",
                               .mentions = {expert}})
                  .ok());
  const core::Conversation original = Get(id);
  const std::vector<core::Post> posts = *store_->ListConversationPosts(id);

  const SoftDeleted deleted = Delete({id, other}, lead);
  // While deleted, a snoozed conversation does not wake and its reply is not sent.
  clock_.Advance(5 * kSecond);
  EXPECT_EQ(*store_->WakeSnoozed(clock_.NowMicros()), 0);
  EXPECT_TRUE(store_->ListDueDeliveries(clock_.NowMicros(), 10)->empty());

  auto restored = store_->RestoreDeleteBatch(deleted.batch.id, lead);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->restored, (std::vector<ConversationId>{id, other}));
  EXPECT_EQ(restored->batch.restored_at, clock_.NowMicros());
  EXPECT_EQ(restored->seq, *store_->LastEventSeq());
  const core::Conversation back = Get(id);
  EXPECT_EQ(back.status, ConversationStatus::kSnoozed);
  EXPECT_EQ(back.snoozed_until, original.snoozed_until);
  EXPECT_EQ(back.assignee, agent);
  EXPECT_EQ(back.team, team);
  EXPECT_EQ(back.priority, 77);
  EXPECT_EQ(back.labels, original.labels);
  EXPECT_EQ(back.experts, original.experts);
  EXPECT_EQ(back.post_count, original.post_count);
  EXPECT_EQ(back.preview, original.preview);
  EXPECT_EQ(store_->ListConversationPosts(id)->size(), posts.size());
  EXPECT_EQ(store_->ListNotes(id)->size(), 1u);
  EXPECT_EQ(Listed(), (std::vector<ConversationId>{id, other}));
  EXPECT_EQ(Found("pas"), 2u);
  EXPECT_EQ(KindsOf(id).back(), "conversation.restored");
  // Now it wakes and its reply goes out.
  EXPECT_EQ(*store_->WakeSnoozed(clock_.NowMicros()), 1);
  EXPECT_EQ(store_->ListDueDeliveries(clock_.NowMicros(), 10)->size(), 1u);

  // One undo per deletion.
  auto twice = store_->RestoreDeleteBatch(deleted.batch.id, lead);
  EXPECT_TRUE(absl::IsFailedPrecondition(twice.status())) << twice.status();
  EXPECT_TRUE(absl::IsNotFound(store_->RestoreDeleteBatch(deleted.batch.id + 100, lead).status()));
  // An undone batch is not purged later.
  clock_.Advance(kWindow);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 0);
  EXPECT_EQ(Listed().size(), 2u);
}

TEST_P(StoreBulkTest, ChoresAndReviewListsSkipADeletedConversationUntilUndone) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const ConversationId id = AddConversation();
  const base::Micros now = clock_.NowMicros();
  ASSERT_TRUE(store_->AddFollowUp({.conversation = id, .owner = agent, .created_by = agent,
                                   .text = "Bel terug", .due_at = now - kSecond, .created_at = now})
                  .ok());
  auto pending = store_->AddReply({.conversation = id,
                                   .sent_by = agent,
                                   .author = {.network = "x", .handle = "@ovpas", .name = "OV-pas"},
                                   .external_id = "webcare-review",
                                   .text = "Wij bellen u morgen",
                                   .created_at = now,
                                   .needs_approval = true});
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(store_->ListPendingReplies(10)->size(), 1u);

  const SoftDeleted deleted = Delete({id}, lead);
  // During the undo window nobody is reminded of it, nor asked to approve its reply.
  EXPECT_TRUE(store_->ListFollowUps({.owner = agent})->empty());
  auto alerts = store_->AlertDueFollowUps(now, 0);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  EXPECT_EQ(alerts->reminded + alerts->escalated, 0);
  EXPECT_TRUE(store_->ListPendingReplies(10)->empty());
  EXPECT_TRUE(store_->ListNotifications(agent, true, 10)->empty());

  // Undone, it is all back, and the chore catches up.
  ASSERT_TRUE(store_->RestoreDeleteBatch(deleted.batch.id, lead).ok());
  EXPECT_EQ(store_->ListFollowUps({.owner = agent})->size(), 1u);
  alerts = store_->AlertDueFollowUps(now, 0);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  EXPECT_EQ(alerts->reminded, 1);
  EXPECT_EQ(store_->ListPendingReplies(10)->size(), 1u);
}

TEST_P(StoreBulkTest, AfterTheWindowUndoFailsAndThePurgeRemovesEverything) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const ConversationId kept = AddConversation();
  const ConversationId gone = AddConversation();
  ASSERT_TRUE(store_->UpdateConversation(gone, {.add_labels = {"spam"}, .add_experts = {agent}}, {.kind = "test"}).ok());
  ASSERT_TRUE(store_->AddNote({.conversation = gone, .author = lead, .text = "weg", .mentions = {agent}}).ok());
  AddReply(gone, agent);
  ASSERT_EQ(store_->ListNotifications(agent, false, 10)->size(), 1u);
  const int64_t posts_before = store_->Stats()->posts;

  const SoftDeleted deleted = Delete({gone}, lead);
  // Inside the window the purge leaves it alone.
  clock_.Advance(kWindow - 1);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 0);
  EXPECT_EQ(store_->Stats()->posts, posts_before);
  // At the end of the window undo fails, even before the purge has run.
  clock_.Advance(1);
  auto late = store_->RestoreDeleteBatch(deleted.batch.id, lead);
  EXPECT_TRUE(absl::IsFailedPrecondition(late.status())) << late.status();
  EXPECT_NE(late.status().message().find("too late"), std::string_view::npos) << late.status();

  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 1);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 0);
  EXPECT_EQ(store_->Stats()->posts, posts_before - 2);  // Its inbound post and the reply.
  EXPECT_EQ(store_->Stats()->conversations, 1);
  EXPECT_TRUE(store_->ListConversationPosts(gone)->empty());
  EXPECT_TRUE(store_->ListNotes(gone)->empty());
  EXPECT_TRUE(store_->ListConversationEvents(gone)->empty());
  EXPECT_TRUE(store_->ListNotifications(agent, false, 10)->empty());
  EXPECT_TRUE(store_->ListDueDeliveries(clock_.NowMicros() + kWindow, 10)->empty());
  EXPECT_EQ(Listed(), std::vector<ConversationId>{kept});
  EXPECT_EQ(Found("pas"), 1u);
  EXPECT_EQ(Found("kijken"), 0u);  // The reply's text left the search index too.
  auto batch = store_->GetDeleteBatch(deleted.batch.id);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->purged_at, clock_.NowMicros());
  EXPECT_EQ(batch->conversations, 1);
  auto after = store_->RestoreDeleteBatch(deleted.batch.id, lead);
  EXPECT_TRUE(absl::IsFailedPrecondition(after.status())) << after.status();
  // The kept conversation still works as before.
  EXPECT_TRUE(store_->UpdateConversation(kept, {.add_labels = {"ok"}}, {.kind = "test"}).ok());
}

TEST_P(StoreBulkTest, PurgeTakesAtMostLimitConversationsPerCall) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  std::vector<ConversationId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(AddConversation());
  const SoftDeleted first = Delete({ids[0], ids[1], ids[2]}, lead);
  clock_.Advance(kSecond);
  const SoftDeleted second = Delete({ids[3]}, lead);
  clock_.Advance(kWindow - kSecond);  // The first window closed; the second is still open.
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 2), 2);
  EXPECT_EQ(store_->GetDeleteBatch(first.batch.id)->purged_at, 0);  // One is still waiting.
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 2), 1);
  EXPECT_EQ(store_->GetDeleteBatch(first.batch.id)->purged_at, clock_.NowMicros());
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 2), 0);
  EXPECT_TRUE(store_->RestoreDeleteBatch(second.batch.id, lead).ok());
  EXPECT_EQ(Listed(), (std::vector<ConversationId>{ids[3], ids[4]}));
  EXPECT_TRUE(absl::IsInvalidArgument(store_->PurgeDeleted(clock_.NowMicros(), 0).status()));
}

TEST_P(StoreBulkTest, ANewPostOnADeletedConversationBringsItBack) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const ConversationId answered = AddConversation();
  const ConversationId quiet = AddConversation();
  const std::vector<core::Post> posts = *store_->ListConversationPosts(answered);
  ASSERT_EQ(posts.size(), 1u);
  const SoftDeleted deleted = Delete({answered, quiet}, lead);

  // The customer writes again, in reply to the deleted thread: the post is stored in it and
  // the conversation is back, so nothing accepted is lost when the window closes.
  core::NewPost reply{.network = "x", .channel = "x:@ovpas", .external_id = "late-reply",
                      .author = posts[0].author, .text = "Nog steeds geen pas!",
                      .created_at = clock_.NowMicros(), .in_reply_to = posts[0].external_id};
  reply.author.id = core::AuthorId();
  auto inserted = store_->InsertPosts(std::vector<core::NewPost>{reply});
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->conversations, std::vector<ConversationId>{answered});
  EXPECT_EQ(Get(answered).post_count, 2);
  const std::vector<std::string> kinds = KindsOf(answered);
  ASSERT_GE(kinds.size(), 3u);
  // Restored before the posts are announced, so screens add the row and then update it.
  EXPECT_EQ(kinds[kinds.size() - 2], "conversation.restored");
  EXPECT_EQ(kinds.back(), "posts.added");

  clock_.Advance(kWindow);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 1);  // Only the quiet one.
  EXPECT_EQ(Listed(), std::vector<ConversationId>{answered});
  EXPECT_EQ(store_->ListConversationPosts(answered)->size(), 2u);
}

TEST_P(StoreBulkTest, UndoSkipsConversationsANewPostBroughtBackAlready) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const ConversationId answered = AddConversation();
  const ConversationId quiet = AddConversation();
  const core::Post first = store_->ListConversationPosts(answered)->at(0);
  const SoftDeleted deleted = Delete({answered, quiet}, lead);
  core::NewPost reply{.network = "x", .channel = "x:@ovpas", .external_id = "late-reply",
                      .author = first.author, .text = "Hallo?", .created_at = clock_.NowMicros(),
                      .in_reply_to = first.external_id};
  reply.author.id = core::AuthorId();
  ASSERT_TRUE(store_->InsertPosts(std::vector<core::NewPost>{reply}).ok());
  auto restored = store_->RestoreDeleteBatch(deleted.batch.id, lead);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->restored, std::vector<ConversationId>{quiet});
  EXPECT_EQ(Listed(), (std::vector<ConversationId>{answered, quiet}));
}

TEST_P(StoreBulkTest, APurgedConversationsIdIsNeverGivenToANewOne) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const ConversationId older = AddConversation();
  const ConversationId newest = AddConversation();
  Delete({older, newest}, lead);
  clock_.Advance(kWindow);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 2);
  const ConversationId next = AddConversation();
  EXPECT_GT(next.value(), newest.value());
  EXPECT_TRUE(absl::IsNotFound(store_->GetConversation(newest).status()));
  EXPECT_EQ(Listed(), std::vector<ConversationId>{next});
  EXPECT_EQ(store_->Stats()->conversations, 1);
  // Once a newer conversation exists, the next purge drops what kept the old id taken, and
  // deleting that newer one keeps its id taken in turn.
  Delete({next}, lead);
  clock_.Advance(kWindow);
  EXPECT_EQ(*store_->PurgeDeleted(clock_.NowMicros(), 100), 1);
  EXPECT_GT(AddConversation().value(), next.value());
}

TEST_P(StoreBulkTest, WriteTogetherCommitsManyWritesAtOnceEachAllOrNothing) {
  const ConversationId a = AddConversation();
  const ConversationId b = AddConversation();
  const int64_t before = *store_->LastEventSeq();
  auto together = store_->WriteTogether([&]() -> absl::Status {
    EXPECT_TRUE(store_->UpdateConversation(a, {.add_labels = {"eerst"}}, {.kind = "test"}).ok());
    // Fails half-way (the status is set before the unknown team is found): only its own
    // changes are undone.
    auto failed = store_->UpdateConversation(
        b, {.status = ConversationStatus::kResolved, .team = core::TeamId(999)}, {.kind = "test"});
    EXPECT_TRUE(absl::IsInvalidArgument(failed.status())) << failed.status();
    // Nesting is one more write of the same transaction.
    return store_->WriteTogether([&]() -> absl::Status {
      return store_->UpdateConversation(a, {.add_labels = {"twee"}}, {.kind = "test"}).status();
    });
  });
  ASSERT_TRUE(together.ok()) << together;
  EXPECT_EQ(Get(a).labels, (std::vector<std::string>{"eerst", "twee"}));
  EXPECT_EQ(Get(b).status, ConversationStatus::kNew);
  EXPECT_EQ(*store_->LastEventSeq(), before + 2);
  // A body that fails takes every write of it back.
  auto undone = store_->WriteTogether([&]() -> absl::Status {
    EXPECT_TRUE(store_->UpdateConversation(b, {.add_labels = {"weg"}}, {.kind = "test"}).ok());
    return absl::AbortedError("changed my mind");
  });
  EXPECT_TRUE(absl::IsAborted(undone));
  EXPECT_TRUE(Get(b).labels.empty());
  // And writing alone works as before.
  EXPECT_TRUE(store_->UpdateConversation(b, {.add_labels = {"los"}}, {.kind = "test"}).ok());
  EXPECT_EQ(Get(b).labels, std::vector<std::string>{"los"});
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBulkTest, testing::ValuesIn(StoreBackends()), StoreBackendName);

}  // namespace
}  // namespace webcare::storage
