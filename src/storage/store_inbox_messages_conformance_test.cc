// The inbox side of the Store contract, second part, run against every backend: notes with
// their mentions and notifications, replies with their outbox entry and the delivery state
// machine, and the audit log. (Conversations, events and teams: store_inbox_conformance_test.)

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

using core::ConversationStatus;
using core::DeliveryState;
using nlohmann::json;

constexpr base::Micros kSecond = base::kMicrosPerSecond;

json Data(const core::Event& event) { return json::parse(event.data, nullptr, /*allow_exceptions=*/false); }

class StoreInboxMessagesConformanceTest : public StoreBackendTest {
 protected:
  core::Note AddNote(core::ConversationId conversation, core::UserId author, std::string text,
                     std::vector<core::UserId> mentions) {
    auto added = store_->AddNote(
        {.conversation = conversation, .author = author, .text = std::move(text), .mentions = std::move(mentions)});
    EXPECT_TRUE(added.ok()) << added.status();
    return added.ok() ? added->first : core::Note{};
  }

  std::vector<core::Notification> Notifications(core::UserId user, bool unread_only = false, int limit = 100) {
    auto notifications = store_->ListNotifications(user, unread_only, limit);
    EXPECT_TRUE(notifications.ok()) << notifications.status();
    return notifications.ok() ? *notifications : std::vector<core::Notification>{};
  }

  int64_t Unread(core::UserId user) {
    auto unread = store_->CountUnreadNotifications(user);
    EXPECT_TRUE(unread.ok()) << unread.status();
    return unread.ok() ? *unread : -1;
  }

  NewReply Reply(core::ConversationId conversation, core::UserId agent, base::Micros first_attempt_at) {
    return {.conversation = conversation,
            .sent_by = agent,
            .author = {.network = "x", .handle = "@ovpas", .name = "OV-Pas", .followers = -1},
            .external_id = base::StrCat("webcare-", ++replies_),
            .in_reply_to = "in-1",
            .text = "Stuur ons een DM ^TA",
            .created_at = clock_.NowMicros(),
            .first_attempt_at = first_attempt_at};
  }

  // A reply on a new conversation, first due at `due`; its outbox id.
  core::OutboxId QueueReply(core::UserId agent, base::Micros due) {
    const core::ConversationId conversation = AddConversation();
    auto added = store_->AddReply(Reply(conversation, agent, due));
    EXPECT_TRUE(added.ok()) << added.status();
    if (!added.ok() || !added->post.delivery) return core::OutboxId();
    reply_conversations_[added->post.delivery->id.value()] = conversation;
    return added->post.delivery->id;
  }

  std::vector<core::OutboxId> Due(base::Micros now, int limit = 100) {
    auto due = store_->ListDueDeliveries(now, limit);
    EXPECT_TRUE(due.ok()) << due.status();
    std::vector<core::OutboxId> ids;
    if (due.ok()) {
      for (const DueDelivery& delivery : *due) ids.push_back(delivery.id);
    }
    return ids;
  }

  // The delivery of the reply QueueReply queued as `id`, as its post shows it.
  core::Delivery DeliveryOf(core::OutboxId id) {
    auto posts = store_->ListConversationPosts(reply_conversations_[id.value()]);
    EXPECT_TRUE(posts.ok()) << posts.status();
    for (const core::Post& post : posts.value_or(std::vector<core::Post>{})) {
      if (post.delivery && post.delivery->id == id) return *post.delivery;
    }
    ADD_FAILURE() << "no reply with outbox id " << id.value();
    return {};
  }

  int replies_ = 0;
  std::map<int64_t, core::ConversationId> reply_conversations_;  // By outbox id.
};

TEST_P(StoreInboxMessagesConformanceTest, NoteNotifiesEachMentionedColleagueOnce) {
  const core::UserId author = AddUser("agent");
  const core::UserId colleague = AddUser("agent2");
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::ConversationId id = AddConversation();
  // Duplicates and the author's own name notify nobody extra.
  auto added = store_->AddNote({.conversation = id, .author = author, .text = "Kun jij dit oppakken?",
                                .mentions = {colleague, author, colleague, lead}});
  ASSERT_TRUE(added.ok()) << added.status();
  const core::Note& note = added->first;
  EXPECT_TRUE(note.id.valid());
  EXPECT_EQ(note.author_name, "Test agent");
  EXPECT_EQ(note.created_at, clock_.NowMicros());
  EXPECT_EQ(note.mentions, (std::vector<core::UserId>{colleague, lead}));

  auto notes = store_->ListNotes(id);
  ASSERT_TRUE(notes.ok()) << notes.status();
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].id, note.id);
  EXPECT_EQ((*notes)[0].text, "Kun jij dit oppakken?");
  EXPECT_EQ((*notes)[0].mentions, note.mentions);

  for (const core::UserId user : {colleague, lead}) {
    const std::vector<core::Notification> got = Notifications(user);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].kind, core::NotificationKind::kMention);
    EXPECT_EQ(got[0].user, user);
    EXPECT_EQ(got[0].conversation, id);
    EXPECT_EQ(got[0].actor, author);
    EXPECT_EQ(got[0].actor_name, "Test agent");
    EXPECT_EQ(got[0].text, "Kun jij dit oppakken?");
    EXPECT_EQ(got[0].read_at, 0);
  }
  EXPECT_TRUE(Notifications(author).empty());

  auto events = store_->ListConversationEvents(id);
  ASSERT_TRUE(events.ok()) << events.status();
  const core::Event& event = events->back();
  EXPECT_EQ(event.seq, added->second);
  EXPECT_EQ(event.kind, "note.added");
  EXPECT_EQ(event.actor, author);
  EXPECT_EQ(Data(event)["note_id"], note.id.value());
  EXPECT_EQ(Data(event)["mentions"], json({colleague.value(), lead.value()}));
}

TEST_P(StoreInboxMessagesConformanceTest, ConversationGivenBySomeoneElseNotifiesItsNewAssignee) {
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  ASSERT_TRUE(store_->UpdateConversation(id, {.assignee = agent}, {.kind = "conversation.assigned", .actor = lead}).ok());
  const std::vector<core::Notification> got = Notifications(agent);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].kind, core::NotificationKind::kAssigned);
  EXPECT_EQ(got[0].conversation, id);
  EXPECT_EQ(got[0].actor, lead);
  // Taking it oneself, or being given what one already holds, tells nobody.
  ASSERT_TRUE(store_->UpdateConversation(id, {.assignee = agent}, {.kind = "conversation.assigned", .actor = lead}).ok());
  ASSERT_TRUE(store_->UpdateConversation(id, {.assignee = core::UserId()}, {.kind = "conversation.released", .actor = agent}).ok());
  ASSERT_TRUE(store_->UpdateConversation(id, {.assignee = lead}, {.kind = "conversation.claimed", .actor = lead}).ok());
  EXPECT_EQ(Notifications(agent).size(), 1u);
  EXPECT_TRUE(Notifications(lead).empty());
}

TEST_P(StoreInboxMessagesConformanceTest, NoteWithAnUnknownMentionStoresNothing) {
  const core::UserId author = AddUser("agent");
  const core::UserId colleague = AddUser("agent2");
  const core::ConversationId id = AddConversation();
  const int64_t seq = *store_->LastEventSeq();
  auto added = store_->AddNote(
      {.conversation = id, .author = author, .text = "Zie hierboven", .mentions = {colleague, core::UserId(999)}});
  EXPECT_TRUE(absl::IsNotFound(added.status())) << added.status();
  EXPECT_TRUE(store_->ListNotes(id)->empty());
  EXPECT_TRUE(Notifications(colleague).empty());
  EXPECT_EQ(*store_->LastEventSeq(), seq);
  EXPECT_TRUE(absl::IsNotFound(
      store_->AddNote({.conversation = core::ConversationId(999), .author = author, .text = "x"}).status()));
}

TEST_P(StoreInboxMessagesConformanceTest, NotificationQuotesTheStartOfALongNote) {
  const core::UserId author = AddUser("agent");
  const core::UserId colleague = AddUser("agent2");
  // 301 bytes whose 200th byte is the first half of a two-byte character: cut before it.
  std::string text = "a";
  for (int i = 0; i < 150; ++i) text += "é";
  AddNote(AddConversation(), author, text, {colleague});
  const std::vector<core::Notification> got = Notifications(colleague);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].text, text.substr(0, 199));
}

TEST_P(StoreInboxMessagesConformanceTest, NotificationsListNewestFirstAndAreMarkedReadUpToAnId) {
  const core::UserId author = AddUser("agent");
  const core::UserId reader = AddUser("agent2");
  const core::UserId other = AddUser("lead", core::Role::kLead);
  const core::ConversationId id = AddConversation();
  EXPECT_EQ(Unread(reader), 0);
  for (const char* text : {"een", "twee", "drie"}) AddNote(id, author, text, {reader, other});
  const std::vector<core::Notification> all = Notifications(reader);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].text, "drie");
  EXPECT_EQ(all[2].text, "een");
  EXPECT_GT(all[0].id.value(), all[1].id.value());
  ASSERT_EQ(Notifications(reader, false, 2).size(), 2u);
  EXPECT_EQ(Notifications(reader, false, 2)[0].text, "drie");
  EXPECT_EQ(Unread(reader), 3);

  clock_.Advance(kSecond);
  ASSERT_TRUE(store_->MarkNotificationsRead(reader, all[1].id).ok());  // "een" and "twee".
  const std::vector<core::Notification> unread = Notifications(reader, /*unread_only=*/true);
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0].text, "drie");
  EXPECT_EQ(Unread(reader), 1);
  const std::vector<core::Notification> after = Notifications(reader);
  EXPECT_EQ(after[1].read_at, clock_.NowMicros());
  EXPECT_EQ(after[0].read_at, 0);
  // Marking again keeps the first time read.
  clock_.Advance(kSecond);
  ASSERT_TRUE(store_->MarkNotificationsRead(reader, all[0].id).ok());
  EXPECT_EQ(Notifications(reader)[1].read_at, clock_.NowMicros() - kSecond);
  EXPECT_EQ(Unread(reader), 0);
  // Another user's notifications, with ids in the same range, stay unread.
  EXPECT_EQ(Unread(other), 3);
  EXPECT_EQ(Notifications(other, true).size(), 3u);
}

TEST_P(StoreInboxMessagesConformanceTest, UnreadCountIsNotCappedLikeTheList) {
  const core::UserId author = AddUser("agent");
  const core::UserId reader = AddUser("agent2");
  const core::ConversationId id = AddConversation();
  for (int i = 0; i < 205; ++i) AddNote(id, author, base::StrCat("notitie ", i), {reader});
  EXPECT_EQ(Notifications(reader, true, 1000).size(), 200u);  // A list is at most 200 long.
  EXPECT_EQ(Unread(reader), 205);
  EXPECT_EQ(Unread(author), 0);
  EXPECT_EQ(Unread(core::UserId(999)), 0);
}

TEST_P(StoreInboxMessagesConformanceTest, ReplyIsAnOutboundPostQueuedForDelivery) {
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  const core::Conversation before = Get(id);
  ASSERT_TRUE(store_->UpdateConversation(
      id, {.status = ConversationStatus::kSnoozed, .snoozed_until = clock_.NowMicros() + kSecond},
      {.kind = "test.change"}).ok());
  clock_.Advance(2 * 3600 * kSecond);  // After the inbound post, which AddConversation dates ahead.
  const base::Micros due = clock_.NowMicros() + 5 * kSecond;
  NewReply reply = Reply(id, agent, due);
  reply.status_after = ConversationStatus::kResolved;
  auto added = store_->AddReply(reply);
  ASSERT_TRUE(added.ok()) << added.status();

  const core::Post& post = added->post;
  EXPECT_EQ(post.conversation, id);
  EXPECT_EQ(post.direction, core::Direction::kOutbound);
  EXPECT_EQ(post.text, "Stuur ons een DM ^TA");
  EXPECT_EQ(post.external_id, reply.external_id);
  EXPECT_EQ(post.in_reply_to, "in-1");
  EXPECT_EQ(post.network, "x");
  EXPECT_EQ(post.channel, "x:@ovpas");
  EXPECT_EQ(post.author.handle, "@ovpas");
  EXPECT_EQ(post.sent_by, agent);
  EXPECT_EQ(post.sent_by_name, "Test agent");
  ASSERT_TRUE(post.delivery.has_value());
  EXPECT_TRUE(post.delivery->id.valid());
  EXPECT_EQ(post.delivery->state, DeliveryState::kPending);
  EXPECT_EQ(post.delivery->attempts, 0);
  EXPECT_EQ(post.delivery->next_attempt_at, due);

  const core::Conversation after = Get(id);
  EXPECT_EQ(after.post_count, before.post_count + 1);
  EXPECT_EQ(after.preview, "Stuur ons een DM ^TA");
  EXPECT_EQ(after.last_post_at, reply.created_at);
  EXPECT_EQ(after.status, ConversationStatus::kResolved);
  EXPECT_EQ(after.snoozed_until, 0);
  auto posts = store_->ListConversationPosts(id);
  ASSERT_TRUE(posts.ok());
  ASSERT_EQ(posts->size(), 2u);
  EXPECT_EQ(posts->back().delivery->id, post.delivery->id);

  auto events = store_->ListConversationEvents(id);
  ASSERT_TRUE(events.ok());
  const core::Event& event = events->back();
  EXPECT_EQ(event.seq, added->seq);
  EXPECT_EQ(event.kind, "reply.added");
  EXPECT_EQ(event.actor, agent);
  EXPECT_EQ(Data(event), json({{"post_id", post.id.value()}, {"private", false}, {"status", "resolved"}}));
}

TEST_P(StoreInboxMessagesConformanceTest, ReplyNeedsAConversationAnIdAndTheCompanysAccount) {
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  NewReply no_id = Reply(id, agent, 0);
  no_id.external_id.clear();
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(no_id).status()));
  NewReply no_account = Reply(id, agent, 0);
  no_account.author.handle.clear();
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(no_account).status()));
  NewReply bad_text = Reply(id, agent, 0);
  bad_text.text = "\xff";
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(bad_text).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->AddReply(Reply(core::ConversationId(999), agent, 0)).status()));
  EXPECT_EQ(Get(id).post_count, 1);
  EXPECT_TRUE(Due(clock_.NowMicros()).empty());
}

TEST_P(StoreInboxMessagesConformanceTest, DueDeliveriesComeOldestFirst) {
  const core::UserId agent = AddUser("agent");
  const base::Micros now = clock_.NowMicros();
  const core::OutboxId late = QueueReply(agent, now + 20 * kSecond);
  const core::OutboxId early = QueueReply(agent, now + 10 * kSecond);
  const core::OutboxId later = QueueReply(agent, now + 30 * kSecond);
  EXPECT_TRUE(Due(now + 10 * kSecond - 1).empty());
  EXPECT_EQ(Due(now + 20 * kSecond), (std::vector<core::OutboxId>{early, late}));
  EXPECT_EQ(Due(now + 30 * kSecond, 2), (std::vector<core::OutboxId>{early, late}));
  EXPECT_EQ(Due(now + 30 * kSecond).back(), later);
  auto due = store_->ListDueDeliveries(now + 10 * kSecond, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 0);
  EXPECT_EQ((*due)[0].post.text, "Stuur ons een DM ^TA");
  EXPECT_EQ((*due)[0].post.direction, core::Direction::kOutbound);
}

TEST_P(StoreInboxMessagesConformanceTest, DeliveryGoesFromPendingToFailedAndBackOnRetry) {
  const core::UserId agent = AddUser("agent");
  const base::Micros now = clock_.NowMicros();
  const core::OutboxId id = QueueReply(agent, now);

  // A failed attempt that may be retried: pending again, later.
  auto first = store_->RecordDeliveryAttempt(
      id, {.state = DeliveryState::kPending, .error = "HTTP 503 from receiver", .next_attempt_at = now + 10 * kSecond});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(Due(now).empty());
  ASSERT_EQ(Due(now + 10 * kSecond), std::vector<core::OutboxId>{id});
  EXPECT_EQ(store_->ListDueDeliveries(now + 10 * kSecond, 1)->at(0).attempts, 1);
  core::Delivery delivery = DeliveryOf(id);
  EXPECT_EQ(delivery.state, DeliveryState::kPending);
  EXPECT_EQ(delivery.attempts, 1);
  EXPECT_EQ(delivery.last_error, "HTTP 503 from receiver");
  EXPECT_EQ(delivery.next_attempt_at, now + 10 * kSecond);
  auto events = store_->ListEvents(*first - 1, 1);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->at(0).kind, "reply.delivery");
  EXPECT_FALSE(events->at(0).actor.valid());
  EXPECT_EQ(Data(events->at(0))["state"], "pending");
  EXPECT_EQ(Data(events->at(0))["attempts"], 1);
  EXPECT_EQ(Data(events->at(0))["error"], "HTTP 503 from receiver");

  // Only a failed delivery may be retried.
  EXPECT_TRUE(absl::IsFailedPrecondition(store_->RetryDelivery(id, agent).status()));
  ASSERT_TRUE(store_->RecordDeliveryAttempt(id, {.state = DeliveryState::kFailed, .error = "HTTP 404 from receiver"}).ok());
  EXPECT_TRUE(Due(now + 3600 * kSecond).empty());
  EXPECT_EQ(DeliveryOf(id).state, DeliveryState::kFailed);
  EXPECT_EQ(DeliveryOf(id).attempts, 2);

  // A person puts it back: pending, due now, a fresh round of attempts.
  clock_.Advance(60 * kSecond);
  auto retried = store_->RetryDelivery(id, agent);
  ASSERT_TRUE(retried.ok()) << retried.status();
  ASSERT_EQ(Due(clock_.NowMicros()), std::vector<core::OutboxId>{id});
  delivery = DeliveryOf(id);
  EXPECT_EQ(delivery.state, DeliveryState::kPending);
  EXPECT_EQ(delivery.attempts, 0);
  const core::Event retry_event = store_->ListEvents(*retried - 1, 1)->at(0);
  EXPECT_EQ(retry_event.actor, agent);
  EXPECT_EQ(Data(retry_event)["state"], "pending");

  ASSERT_TRUE(store_->RecordDeliveryAttempt(id, {.state = DeliveryState::kDelivered}).ok());
  delivery = DeliveryOf(id);
  EXPECT_EQ(delivery.state, DeliveryState::kDelivered);
  EXPECT_EQ(delivery.attempts, 1);
  EXPECT_EQ(delivery.delivered_at, clock_.NowMicros());
  EXPECT_TRUE(Due(clock_.NowMicros() + 3600 * kSecond).empty());
  EXPECT_TRUE(absl::IsFailedPrecondition(store_->RetryDelivery(id, agent).status()));

  EXPECT_TRUE(absl::IsNotFound(store_->RetryDelivery(core::OutboxId(999), agent).status()));
  EXPECT_TRUE(absl::IsNotFound(
      store_->RecordDeliveryAttempt(core::OutboxId(999), {.state = DeliveryState::kDelivered}).status()));
}

TEST_P(StoreInboxMessagesConformanceTest, AuditListsNewestFirstInPagesAndFilters) {
  const core::UserId admin = AddUser("admin", core::Role::kAdmin);
  const core::UserId agent = AddUser("agent");
  const base::Micros start = clock_.NowMicros();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store_->AppendAudit({.at = start + i * kSecond,
                                     .user = i == 4 ? core::UserId() : (i % 2 == 0 ? admin : agent),
                                     .remote_address = "127.0.0.1",
                                     .action = "POST /api/v1/conversations/{id}/claim",
                                     .target = base::StrCat("/api/v1/conversations/", i, "/claim"),
                                     .status = i == 3 ? 409 : 200})
                    .ok());
  }
  std::vector<std::string> targets;
  std::string cursor;
  int pages = 0;
  do {
    auto page = store_->ListAudit({.page = {.limit = 2, .cursor = cursor}});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const AuditEntry& entry : page->entries) targets.push_back(entry.target);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(targets.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(targets[i], base::StrCat("/api/v1/conversations/", 4 - i, "/claim"));

  auto newest = store_->ListAudit({});
  ASSERT_TRUE(newest.ok());
  EXPECT_FALSE(newest->entries[0].user.valid());  // Not signed in.
  EXPECT_EQ(newest->entries[0].user_name, "");
  EXPECT_EQ(newest->entries[1].user_name, "Test agent");
  EXPECT_EQ(newest->entries[1].status, 409);
  EXPECT_EQ(newest->entries[1].remote_address, "127.0.0.1");
  EXPECT_EQ(newest->entries[1].action, "POST /api/v1/conversations/{id}/claim");
  EXPECT_EQ(newest->entries[1].at, start + 3 * kSecond);
  EXPECT_TRUE(newest->next_cursor.empty());

  auto by_admin = store_->ListAudit({.user = admin});
  ASSERT_TRUE(by_admin.ok());
  ASSERT_EQ(by_admin->entries.size(), 2u);  // The first and the third call.
  for (const AuditEntry& entry : by_admin->entries) EXPECT_EQ(entry.user, admin);
  auto since = store_->ListAudit({.user = admin, .since = start + 2 * kSecond});
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->entries.size(), 1u);
  EXPECT_EQ(since->entries[0].at, start + 2 * kSecond);
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListAudit({.page = {.cursor = "not-a-cursor"}}).status()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreInboxMessagesConformanceTest, testing::ValuesIn(StoreBackends()),
                         StoreBackendName);

}  // namespace
}  // namespace webcare::storage
