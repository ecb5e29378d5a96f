// Conformance of every storage backend for attachments of replies and four-eyes review
// (0008_attachments_review.sql): uploads belong to their uploader until attached to one reply,
// unattached ones are forgotten after a while with the contents nobody uses any more, and a
// reply held for approval enters the outbox only when a lead approves it.

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/query/parser.h"
#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

std::string Sha(char digit) { return std::string(64, digit); }

class ReviewStoreTest : public StoreBackendTest {
 protected:
  core::AttachmentId Upload(core::UserId by, char digit = 'a', std::string type = "image/png") {
    auto stored = store_->AddAttachment({.sha256 = Sha(digit), .size = 1234, .media_type = std::move(type),
                                         .name = "photo.png", .uploaded_by = by});
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->id : core::AttachmentId();
  }

  NewReply Reply(core::ConversationId conversation, core::UserId by, std::string text = "We kijken ernaar") {
    return NewReply{.conversation = conversation,
                    .sent_by = by,
                    .author = {.network = "x", .handle = "@ovpas"},
                    .external_id = base::StrCat("webcare-", ++replies_),
                    .text = std::move(text),
                    .created_at = clock_.NowMicros(),
                    .first_attempt_at = clock_.NowMicros()};
  }

  int64_t Outboxed() {
    auto due = store_->ListDueDeliveries(clock_.NowMicros() + base::kMicrosPerSecond, 100);
    EXPECT_TRUE(due.ok()) << due.status();
    return due.ok() ? static_cast<int64_t>(due->size()) : -1;
  }

  std::vector<core::Notification> NotificationsOf(core::UserId user) {
    auto list = store_->ListNotifications(user, /*unread_only=*/false, 50);
    EXPECT_TRUE(list.ok()) << list.status();
    return list.ok() ? *list : std::vector<core::Notification>{};
  }

  size_t Found(std::string_view words) {
    auto query = analysis::query::Parse(words);
    EXPECT_TRUE(query.ok()) << query.status();
    if (!query.ok()) return 0;
    auto found = store_->SearchPosts({.query = std::move(*query)});
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? found->posts.size() : 0;
  }

  int replies_ = 0;
};

TEST_P(ReviewStoreTest, UploadsAreAttachedToOneReplyOfTheirUploaderOnly) {
  const core::UserId anna = AddUser("anna"), bram = AddUser("bram");
  const core::ConversationId conversation = AddConversation();
  const core::AttachmentId photo = Upload(anna, 'a'), pdf = Upload(anna, 'b', "application/pdf");
  const core::AttachmentId bram_photo = Upload(bram, 'c');

  auto fresh = store_->GetAttachment(photo);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->uploaded_by, anna);
  EXPECT_FALSE(fresh->post.valid());
  EXPECT_EQ(fresh->sha256, Sha('a'));
  EXPECT_TRUE(absl::IsNotFound(store_->GetAttachment(core::AttachmentId(999)).status()));

  // Someone else's upload, or one listed twice: refused, and nothing of the reply is stored.
  NewReply foreign = Reply(conversation, anna);
  foreign.attachments = {photo, bram_photo};
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(foreign).status()));
  NewReply twice = Reply(conversation, anna);
  twice.attachments = {photo, photo};
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(twice).status()));
  EXPECT_EQ(Get(conversation).post_count, 1);

  NewReply reply = Reply(conversation, anna);
  reply.attachments = {pdf, photo};
  auto sent = store_->AddReply(reply);
  ASSERT_TRUE(sent.ok()) << sent.status();
  ASSERT_EQ(sent->post.attachments.size(), 2u);
  EXPECT_EQ(sent->post.attachments[0].id, pdf);  // In the order given.
  EXPECT_EQ(sent->post.attachments[0].media_type, "application/pdf");
  EXPECT_EQ(sent->post.attachments[1].url, base::StrCat("/api/v1/attachments/", photo.value()));
  EXPECT_EQ(sent->post.attachments[1].sha256, Sha('a'));
  EXPECT_EQ(sent->post.attachments[1].size, 1234);
  auto attached = store_->GetAttachment(photo);
  ASSERT_TRUE(attached.ok());
  EXPECT_EQ(attached->post, sent->post.id);
  EXPECT_EQ(attached->conversation, conversation);

  // An attached upload cannot go on a second reply.
  NewReply again = Reply(conversation, anna);
  again.attachments = {photo};
  EXPECT_TRUE(absl::IsInvalidArgument(store_->AddReply(again).status()));
}

TEST_P(ReviewStoreTest, UnattachedUploadsAreForgottenWithContentNobodyUses) {
  const core::UserId anna = AddUser("anna");
  const core::ConversationId conversation = AddConversation();
  const core::AttachmentId kept = Upload(anna, 'a');
  Upload(anna, 'a');  // The same content again, never attached.
  Upload(anna, 'b');  // Content of its own, never attached.
  NewReply reply = Reply(conversation, anna);
  reply.attachments = {kept};
  ASSERT_TRUE(store_->AddReply(reply).ok());
  clock_.Advance(2 * 60 * base::kMicrosPerSecond);
  const core::AttachmentId recent = Upload(anna, 'c');

  auto gone = store_->DeleteUnattachedAttachments(clock_.NowMicros() - 60 * base::kMicrosPerSecond, 100);
  ASSERT_TRUE(gone.ok()) << gone.status();
  // 'a' is still used by the attached upload; 'c' is too recent.
  EXPECT_EQ(*gone, std::vector<std::string>{Sha('b')});
  EXPECT_TRUE(store_->GetAttachment(kept).ok());
  EXPECT_TRUE(store_->GetAttachment(recent).ok());
  auto second = store_->DeleteUnattachedAttachments(clock_.NowMicros() - 60 * base::kMicrosPerSecond, 100);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->empty());
}

TEST_P(ReviewStoreTest, ReviewSettingsPerTeamAndUser) {
  const core::UserId anna = AddUser("anna");
  const core::TeamId support = AddTeam("Support"), sales = AddTeam("Sales");
  ASSERT_TRUE(store_->SetTeamReview(support, true).ok());
  ASSERT_TRUE(store_->SetTeamReview(sales, true).ok());
  ASSERT_TRUE(store_->SetTeamReview(sales, false).ok());
  ASSERT_TRUE(store_->SetUserReview(anna, false).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->SetTeamReview(core::TeamId(99), true)));
  EXPECT_TRUE(absl::IsNotFound(store_->SetUserReview(core::UserId(99), true)));
  auto settings = store_->GetReviewSettings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->teams, std::vector<core::TeamId>{support});
  ASSERT_EQ(settings->users.size(), 1u);
  EXPECT_EQ(settings->users[0].first, anna);
  EXPECT_FALSE(settings->users[0].second);
  ASSERT_TRUE(store_->SetUserReview(anna, std::nullopt).ok());
  settings = store_->GetReviewSettings();
  ASSERT_TRUE(settings.ok());
  EXPECT_TRUE(settings->users.empty());
}

TEST_P(ReviewStoreTest, HeldReplyEntersTheOutboxOnlyWhenApproved) {
  const core::UserId anna = AddUser("anna"), lead = AddUser("lead", core::Role::kLead);
  const core::UserId other_lead = AddUser("otherlead", core::Role::kLead);
  const core::TeamId support = AddTeam("Support");
  ASSERT_TRUE(store_->SetTeamMember(support, lead, true).ok());
  const core::ConversationId conversation = AddConversation(support);
  const core::ConversationStatus before = Get(conversation).status;

  NewReply reply = Reply(conversation, anna, "Uw pas is onderweg");
  reply.needs_approval = true;
  reply.status_after = core::ConversationStatus::kResolved;
  auto held = store_->AddReply(reply);
  ASSERT_TRUE(held.ok()) << held.status();
  ASSERT_TRUE(held->post.review.has_value());
  EXPECT_EQ(held->post.review->state, core::ReviewState::kPending);
  EXPECT_EQ(held->post.review->author, anna);
  EXPECT_FALSE(held->post.delivery.has_value());
  EXPECT_EQ(Outboxed(), 0);
  EXPECT_EQ(Get(conversation).status, before);  // Nothing was sent yet.
  EXPECT_EQ(Get(conversation).post_count, 2);
  // The team's lead is asked, not the lead of no team.
  const auto asked = NotificationsOf(lead);
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].kind, core::NotificationKind::kApprovalRequested);
  EXPECT_EQ(asked[0].text, "Uw pas is onderweg");
  EXPECT_TRUE(NotificationsOf(other_lead).empty());
  auto events = store_->ListConversationEvents(conversation);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().kind, "reply.awaiting_approval");

  auto pending = store_->ListPendingReplies(50);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].id, held->post.id);

  auto approved = store_->ApproveReply(held->post.id, lead, clock_.NowMicros());
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->post.review->state, core::ReviewState::kApproved);
  EXPECT_EQ(approved->post.review->reviewer, lead);
  EXPECT_EQ(approved->post.review->reviewer_name, "Test lead");
  ASSERT_TRUE(approved->post.delivery.has_value());
  EXPECT_EQ(approved->post.delivery->state, core::DeliveryState::kPending);
  EXPECT_EQ(Outboxed(), 1);
  EXPECT_EQ(Get(conversation).status, core::ConversationStatus::kResolved);
  events = store_->ListConversationEvents(conversation);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->back().kind, "reply.approved");
  EXPECT_EQ(events->back().actor, lead);

  // Once decided, it cannot be decided again.
  EXPECT_TRUE(absl::IsFailedPrecondition(store_->ApproveReply(held->post.id, lead, clock_.NowMicros()).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(store_->RejectReply(held->post.id, lead, "no").status()));
  pending = store_->ListPendingReplies(50);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

TEST_P(ReviewStoreTest, RejectedReplyNotifiesItsAuthorAndCanBeResubmitted) {
  const core::UserId anna = AddUser("anna"), lead = AddUser("lead", core::Role::kLead);
  const core::ConversationId conversation = AddConversation();
  const core::AttachmentId first = Upload(anna, 'a'), second = Upload(anna, 'b');
  NewReply reply = Reply(conversation, anna, "Eerste versie");
  reply.needs_approval = true;
  reply.attachments = {first};
  auto held = store_->AddReply(reply);
  ASSERT_TRUE(held.ok()) << held.status();
  const core::PostId post = held->post.id;

  EXPECT_TRUE(absl::IsInvalidArgument(store_->RejectReply(post, lead, "  ").status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(store_->ResubmitReply(post, "x", std::nullopt).status()));
  auto rejected = store_->RejectReply(post, lead, "Noem de levertijd");
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->post.review->state, core::ReviewState::kRejected);
  EXPECT_EQ(rejected->post.review->reason, "Noem de levertijd");
  const auto told = NotificationsOf(anna);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].kind, core::NotificationKind::kReplyRejected);
  EXPECT_EQ(told[0].text, "Noem de levertijd");
  EXPECT_EQ(told[0].actor, lead);
  EXPECT_EQ(Outboxed(), 0);

  auto resubmitted = store_->ResubmitReply(post, "Tweede versie: binnen 3 dagen",
                                           std::vector<core::AttachmentId>{second});
  ASSERT_TRUE(resubmitted.ok()) << resubmitted.status();
  EXPECT_EQ(resubmitted->post.text, "Tweede versie: binnen 3 dagen");
  EXPECT_EQ(resubmitted->post.review->state, core::ReviewState::kPending);
  EXPECT_TRUE(resubmitted->post.review->reason.empty());
  ASSERT_EQ(resubmitted->post.attachments.size(), 1u);
  EXPECT_EQ(resubmitted->post.attachments[0].id, second);
  auto dropped = store_->GetAttachment(first);
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(dropped->post.valid());  // Back to being an unattached upload.
  // Search finds the new text, not the old.
  EXPECT_EQ(Found("Tweede"), 1u);
  EXPECT_EQ(Found("Eerste"), 0u);
  EXPECT_EQ(NotificationsOf(lead).size(), 2u);  // Asked twice.
  auto approved = store_->ApproveReply(post, lead, clock_.NowMicros());
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(Outboxed(), 1);
}

TEST_P(ReviewStoreTest, ReviewedReplyIsFoundOnlyForRepliesThatNeededApproval) {
  const core::UserId anna = AddUser("anna");
  AddUser("admin", core::Role::kAdmin);
  const core::ConversationId conversation = AddConversation();
  auto plain = store_->AddReply(Reply(conversation, anna));
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->post.review.has_value());
  EXPECT_TRUE(absl::IsNotFound(store_->GetReviewedReply(plain->post.id).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->ApproveReply(plain->post.id, anna, 0).status()));
  NewReply reply = Reply(conversation, anna);
  reply.needs_approval = true;
  auto held = store_->AddReply(reply);
  ASSERT_TRUE(held.ok());
  auto found = store_->GetReviewedReply(held->post.id);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->review->state, core::ReviewState::kPending);
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ListPendingReplies(0).status()));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewStoreTest, testing::ValuesIn(StoreBackends()), StoreBackendName);

}  // namespace
}  // namespace webcare::storage
