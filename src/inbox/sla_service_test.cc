// SlaService on a real store with the real calculator and a fake clock: who may change what,
// validation, warnings and breaches as time passes, catching up with writes that keep no
// clocks, and the report's limits.

#include "inbox/sla_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "inbox/sla.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::inbox {
namespace {

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;

class RecordingSink final : public core::EventSink {
 public:
  void Publish(const core::DomainEvent& event) override {
    std::lock_guard lock(mutex_);
    if (const auto* recorded = std::get_if<core::EventsRecorded>(&event)) last_ = recorded->up_to;
  }
  int64_t last() {
    std::lock_guard lock(mutex_);
    return last_;
  }

 private:
  std::mutex mutex_;
  int64_t last_ = 0;
};

class SlaServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("sla-service");
    auto store = storage::sqlite::SqliteStore::Open(
        {.path = dir_ + "/webcare.db", .sla_calculator = &SlaCalculatorImpl::Instance()}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    service_ = std::make_unique<SlaService>(*store_, sink_, clock_);
    admin_ = {.id = core::UserId(1), .name = "Admin", .role = core::Role::kAdmin};
    lead_ = {.id = core::UserId(2), .name = "Lead", .role = core::Role::kLead};
    agent_ = {.id = core::UserId(3), .name = "Agent", .role = core::Role::kAgent};
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // An inbound post written now, as a conversation of its own in `team`.
  core::ConversationId Post(const std::string& id, core::TeamId team = {}) {
    core::NewPost post{.network = "x", .channel = "x:@ovpas", .external_id = id,
                       .author = {.network = "x", .handle = "@klant_" + id}, .text = "Waar blijft mijn pas?",
                       .created_at = clock_.NowMicros()};
    post.classification.analysed = true;
    post.classification.team = team;
    post.classification.priority = 20;
    auto inserted = store_->InsertPosts(std::vector<core::NewPost>{post});
    EXPECT_TRUE(inserted.ok()) << inserted.status();
    return inserted.ok() && !inserted->conversations.empty() ? inserted->conversations[0] : core::ConversationId();
  }

  core::SlaPolicy FirstResponse(int minutes, core::TeamId team = {}) {
    return {.team = team, .bands = {{.min_priority = 0, .first_response_minutes = minutes}}, .warn_percent = 50};
  }

  base::FakeClock clock_{1'795'000'000 * base::kMicrosPerSecond};
  RecordingSink sink_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<SlaService> service_;
  core::User admin_, lead_, agent_;
};

TEST_F(SlaServiceTest, OnlyAdminsChangeAndLeadsRead) {
  EXPECT_TRUE(absl::IsPermissionDenied(service_->PutPolicy(lead_, FirstResponse(30)).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(service_->ListPolicies(agent_).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(
      service_->PutBusinessHours(lead_, {.time_zone = "UTC", .always_open = true}).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(service_->DeletePolicy(lead_, core::TeamId())));
  EXPECT_TRUE(absl::IsPermissionDenied(service_->Report(agent_, {.since = 0, .until = 1}).status()));
  ASSERT_TRUE(service_->PutPolicy(admin_, FirstResponse(30)).ok());
  auto policies = service_->ListPolicies(lead_);
  ASSERT_TRUE(policies.ok()) << policies.status();
  EXPECT_EQ(policies->size(), 1u);
}

TEST_F(SlaServiceTest, RefusesWhatDoesNotHold) {
  const absl::Status zone = service_->PutBusinessHours(admin_, {.time_zone = "Nowhere/Land", .always_open = true}).status();
  EXPECT_TRUE(absl::IsInvalidArgument(zone)) << zone;
  const absl::Status empty = service_->PutBusinessHours(admin_, {.time_zone = "UTC"}).status();
  EXPECT_EQ(empty.message(), "the schedule has no open time: add an opening interval or make it 24/7");
  const absl::Status band = service_->PutPolicy(admin_, {.bands = {{.min_priority = 10, .first_response_minutes = 5}}}).status();
  EXPECT_TRUE(absl::IsInvalidArgument(band)) << band;
  EXPECT_TRUE(absl::IsNotFound(service_->PutPolicy(admin_, FirstResponse(30, core::TeamId(77))).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(service_->Report(lead_, {.since = 10, .until = 10}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(service_->Report(lead_, {.since = 0, .until = 10, .within_minutes = 0}).status()));
  EXPECT_TRUE(service_->Report(lead_, {.since = 0, .until = 10, .within_minutes = 30}).ok());
}

TEST_F(SlaServiceTest, WarnsThenBreachesAsTimePasses) {
  ASSERT_TRUE(service_->PutPolicy(admin_, FirstResponse(20)).ok());
  const core::ConversationId id = Post("a");
  auto round = service_->Sweep();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->warnings + round->breaches, 0);
  EXPECT_EQ(sink_.last(), 0);  // Nothing recorded, nobody woken.

  clock_.Advance(11 * kMinute);  // Past half of 20 minutes.
  round = service_->Sweep();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->warnings, 1);
  EXPECT_EQ(sink_.last(), round->last_seq);
  EXPECT_EQ(store_->GetConversation(id)->sla.state, core::SlaState::kWarning);

  clock_.Advance(10 * kMinute);
  round = service_->Sweep();
  EXPECT_EQ(round->breaches, 1);
  EXPECT_EQ(store_->GetConversation(id)->sla.state, core::SlaState::kBreached);
  EXPECT_EQ(service_->Sweep()->breaches, 0);  // Once per clock.
}

TEST_F(SlaServiceTest, CatchesUpWithAnEscalationThatMovedTheTeam) {
  auto slow = store_->CreateTeam("Slow");
  auto fast = store_->CreateTeam("Fast");
  ASSERT_TRUE(slow.ok() && fast.ok());
  ASSERT_TRUE(service_->PutPolicy(admin_, FirstResponse(120, slow->id)).ok());
  ASSERT_TRUE(service_->PutPolicy(admin_, FirstResponse(10, fast->id)).ok());
  auto user = store_->CreateUser({.email = "lead@example.com", .name = "Lead", .role = core::Role::kLead}, "h");
  ASSERT_TRUE(user.ok()) << user.status();
  ASSERT_TRUE(service_->Sweep().ok());  // The first round starts at the end of the log.
  const core::ConversationId id = Post("b", slow->id);
  const base::Micros asked = store_->GetConversation(id)->first_post_at;
  EXPECT_EQ(store_->GetConversation(id)->sla.due_at, asked + 120 * kMinute);
  // Escalating to management hands it to the fast team without recomputing its clocks.
  ASSERT_TRUE(store_->AddEscalation({.conversation = id, .kind = core::EscalationKind::kManagement,
                                     .reason = "pers", .by = user->id, .at = clock_.NowMicros(),
                                     .team = fast->id}).ok());
  ASSERT_TRUE(service_->Sweep().ok());
  EXPECT_EQ(store_->GetConversation(id)->sla.due_at, asked + 10 * kMinute);
}

}  // namespace
}  // namespace webcare::inbox
