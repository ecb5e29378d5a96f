// The SLA side of the Store contract (store.h, "--- Service levels ---"), run against every
// backend: business hours and policies, timers kept inside the writes that change them (with
// a simple calculator standing in for inbox/sla.h, whose rules have their own tests), the
// sweep's warnings and breaches, the list's SLA filter and order, and the report.

#include <gtest/gtest.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace webcare::storage {
namespace {

using core::SlaKind;
using core::SlaState;
using nlohmann::json;

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;

// First response and resolution timers from the lowest band, every minute counting; warns
// at half the target when the policy warns at all. Keeps what it was last asked.
class SimpleCalculator final : public core::SlaCalculator {
 public:
  core::SlaPlan Plan(const core::SlaFacts& facts, const core::SlaPolicy* policy,
                     const core::BusinessHours& hours, base::Micros now) const override {
    {
      std::lock_guard lock(mutex_);
      last_facts_ = facts;
      last_hours_ = hours;
    }
    core::SlaPlan plan{.cycle_start = facts.cycle_start != 0 ? facts.cycle_start : facts.first_inbound_at,
                       .resolved_at = facts.resolved ? (facts.resolved_at != 0 ? facts.resolved_at : now) : 0,
                       .first_response_at = facts.first_response_at};
    if (facts.first_response_at != 0) {
      plan.first_response_business_seconds = (facts.first_response_at - facts.first_inbound_at) / base::kMicrosPerSecond;
    }
    if (facts.first_inbound_at == 0 || policy == nullptr || policy->bands.empty()) return plan;
    const auto add = [&](SlaKind kind, int minutes, base::Micros start, base::Micros stopped) {
      if (minutes <= 0) return;
      core::SlaTimer timer{.kind = kind, .target_minutes = minutes, .started_at = start,
                           .due_at = start + minutes * kMinute, .stopped_at = stopped};
      if (policy->warn_percent > 0) timer.warn_at = start + minutes * kMinute / 2;
      for (const core::SlaTimer& old : facts.timers) {
        if (old.kind == kind && old.started_at == start) {
          timer.warned_at = old.warned_at;
          timer.breached_at = old.breached_at;
        }
      }
      plan.timers.push_back(timer);
    };
    const core::SlaTargets& band = policy->bands.front();
    add(SlaKind::kFirstResponse, band.first_response_minutes, facts.first_inbound_at,
        facts.first_response_at != 0 ? facts.first_response_at : plan.resolved_at);
    add(SlaKind::kResolution, band.resolution_minutes, plan.cycle_start, plan.resolved_at);
    return plan;
  }

  core::SlaFacts last_facts() const {
    std::lock_guard lock(mutex_);
    return last_facts_;
  }
  core::BusinessHours last_hours() const {
    std::lock_guard lock(mutex_);
    return last_hours_;
  }

 private:
  mutable std::mutex mutex_;
  mutable core::SlaFacts last_facts_;
  mutable core::BusinessHours last_hours_;
};

// The one calculator every store of this suite computes with.
const SimpleCalculator& Calculator() {
  static const SimpleCalculator* const calculator = new SimpleCalculator();
  return *calculator;
}

// Every backend, opened with the calculator (StoreBackends() opens them without one).
std::vector<StoreBackend> SlaBackends() {
  return {{"sqlite", [](const std::string& dir, const base::Clock& clock)
                         -> absl::StatusOr<std::unique_ptr<Store>> {
             auto store = sqlite::SqliteStore::Open(
                 {.path = dir + "/webcare.db", .sla_calculator = &Calculator()}, clock);
             if (!store.ok()) return store.status();
             return std::unique_ptr<Store>(std::move(*store));
           }}};
}

class StoreSlaConformanceTest : public StoreBackendTest {
 protected:
  core::SlaPolicy Put(core::SlaPolicy policy) {
    auto stored = store_->PutSlaPolicy(policy);
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? *stored : core::SlaPolicy{};
  }

  // A first-response target of `minutes` for everything; resolution in a day.
  core::SlaPolicy PutDefault(int minutes, int warn_percent = 0) {
    return Put({.bands = {{.min_priority = 0, .first_response_minutes = minutes, .resolution_minutes = 24 * 60}},
                .warn_percent = warn_percent});
  }

  const core::SlaTimer* Timer(const core::Conversation& conversation, SlaKind kind) {
    for (const auto& timer : conversation.sla.timers) {
      if (timer.kind == kind) return &timer;
    }
    return nullptr;
  }

  ReplyResult Reply(core::ConversationId id, core::UserId by, base::Micros at,
                    core::ConversationStatus after = core::ConversationStatus::kWaiting) {
    auto reply = store_->AddReply({.conversation = id, .sent_by = by,
                                   .author = {.network = "x", .handle = "@ovpas", .name = "OV-Pas"},
                                   .external_id = base::StrCat("reply-", ++replies_), .text = "Dank je!",
                                   .created_at = at, .first_attempt_at = at, .status_after = after});
    EXPECT_TRUE(reply.ok()) << reply.status();
    return reply.ok() ? *reply : ReplyResult{};
  }

  std::vector<core::Event> EventsOfKind(const std::string& kind) {
    auto events = store_->ListEvents(0, 10'000);
    EXPECT_TRUE(events.ok()) << events.status();
    std::vector<core::Event> out;
    if (!events.ok()) return out;
    for (auto& event : *events) {
      if (event.kind == kind) out.push_back(std::move(event));
    }
    return out;
  }

  const SimpleCalculator* calculator_ = &Calculator();
  int replies_ = 0;
};

TEST_P(StoreSlaConformanceTest, PoliciesAreStoredPerTeamAndDefault) {
  const core::TeamId support = AddTeam("Support");
  EXPECT_TRUE(store_->ListSlaPolicies()->empty());
  PutDefault(60, 80);
  const core::SlaPolicy team = Put({.team = support,
                                    .bands = {{.min_priority = 0, .first_response_minutes = 30, .next_response_minutes = 20},
                                              {.min_priority = 70, .first_response_minutes = 10, .resolution_minutes = 60}},
                                    .warn_minutes_before = 5});
  EXPECT_EQ(team.team, support);
  ASSERT_EQ(team.bands.size(), 2u);
  EXPECT_EQ(team.bands[1].min_priority, 70);
  EXPECT_EQ(team.bands[1].resolution_minutes, 60);
  EXPECT_EQ(team.warn_minutes_before, 5);
  EXPECT_EQ(team.updated_at, clock_.NowMicros());

  auto all = store_->ListSlaPolicies();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].team.valid());  // The default first.
  EXPECT_EQ((*all)[0].warn_percent, 80);
  EXPECT_EQ((*all)[1].team, support);

  // Putting again replaces, bands and all.
  Put({.team = support, .bands = {{.min_priority = 0, .resolution_minutes = 90}}});
  all = store_->ListSlaPolicies();
  ASSERT_EQ(all->size(), 2u);
  ASSERT_EQ((*all)[1].bands.size(), 1u);
  EXPECT_EQ((*all)[1].bands[0].resolution_minutes, 90);
  EXPECT_EQ((*all)[1].warn_minutes_before, 0);

  EXPECT_TRUE(absl::IsNotFound(store_->PutSlaPolicy({.team = core::TeamId(999), .bands = {{}}}).status()));
  EXPECT_TRUE(store_->DeleteSlaPolicy(support).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->DeleteSlaPolicy(support)));
  EXPECT_TRUE(store_->DeleteSlaPolicy(core::TeamId()).ok());
  EXPECT_TRUE(store_->ListSlaPolicies()->empty());
}

TEST_P(StoreSlaConformanceTest, BusinessHoursAreStoredPerTeamAndDefault) {
  const core::TeamId support = AddTeam("Support");
  auto stored = store_->PutBusinessHours(
      {.team = support, .time_zone = "Europe/Amsterdam",
       .intervals = {{.weekday = 1, .opens = 540, .closes = 1020}, {.weekday = 5, .opens = 1320, .closes = 360}},
       .closed = {{.date = "2026-12-25", .name = "Kerstmis"}}});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->team, support);
  EXPECT_EQ(stored->time_zone, "Europe/Amsterdam");
  ASSERT_EQ(stored->intervals.size(), 2u);
  EXPECT_EQ(stored->intervals[1].weekday, 5);
  EXPECT_EQ(stored->intervals[1].closes, 360);
  ASSERT_EQ(stored->closed.size(), 1u);
  EXPECT_EQ(stored->closed[0].name, "Kerstmis");
  ASSERT_TRUE(store_->PutBusinessHours({.time_zone = "UTC", .always_open = true}).ok());
  // Replacing drops the old intervals.
  ASSERT_TRUE(store_->PutBusinessHours({.team = support, .time_zone = "UTC",
                                        .intervals = {{.weekday = 2, .opens = 0, .closes = 1440}}}).ok());
  auto all = store_->ListBusinessHours();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_TRUE((*all)[0].always_open);
  EXPECT_FALSE((*all)[0].team.valid());
  ASSERT_EQ((*all)[1].intervals.size(), 1u);
  EXPECT_TRUE((*all)[1].closed.empty());
  EXPECT_TRUE(absl::IsNotFound(store_->PutBusinessHours({.team = core::TeamId(999), .time_zone = "UTC"}).status()));
  EXPECT_TRUE(store_->DeleteBusinessHours(support).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->DeleteBusinessHours(support)));
}

TEST_P(StoreSlaConformanceTest, NoPolicyNoTimers) {
  const core::Conversation conversation = Get(AddConversation());
  EXPECT_EQ(conversation.sla.state, SlaState::kNone);
  EXPECT_TRUE(conversation.sla.timers.empty());
  EXPECT_EQ(conversation.sla.due_at, 0);
}

TEST_P(StoreSlaConformanceTest, NewPostStartsTimersWithTheTeamsSchedule) {
  const core::TeamId support = AddTeam("Support");
  PutDefault(30, 50);
  ASSERT_TRUE(store_->PutBusinessHours({.team = support, .time_zone = "Europe/Amsterdam", .always_open = true}).ok());
  const core::Conversation conversation = Get(AddConversation(support));
  const core::SlaTimer* first = Timer(conversation, SlaKind::kFirstResponse);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->started_at, conversation.first_post_at);
  EXPECT_EQ(first->due_at, conversation.first_post_at + 30 * kMinute);
  EXPECT_EQ(first->warn_at, conversation.first_post_at + 15 * kMinute);
  EXPECT_TRUE(first->running());
  EXPECT_EQ(conversation.sla.state, SlaState::kOk);
  EXPECT_EQ(conversation.sla.due_at, first->due_at);
  EXPECT_EQ(conversation.sla.warn_at, first->warn_at);
  // The calculator got the facts and the team's own schedule.
  EXPECT_EQ(calculator_->last_facts().first_inbound_at, conversation.first_post_at);
  EXPECT_EQ(calculator_->last_facts().priority, 20);
  EXPECT_EQ(calculator_->last_hours().time_zone, "Europe/Amsterdam");
  // Conversations of other teams use the default schedule: 24/7 UTC when none is set.
  AddConversation();
  EXPECT_EQ(calculator_->last_hours().time_zone, "UTC");
  EXPECT_TRUE(calculator_->last_hours().always_open);
}

TEST_P(StoreSlaConformanceTest, PolicySavedLaterAppliesToOpenConversations) {
  const core::ConversationId open = AddConversation();
  const core::ConversationId resolved = AddConversation();
  ASSERT_TRUE(store_->UpdateConversation(resolved, {.status = core::ConversationStatus::kResolved},
                                         {.kind = "test"}).ok());
  PutDefault(30);
  EXPECT_NE(Timer(Get(open), SlaKind::kFirstResponse), nullptr);
  EXPECT_TRUE(Get(resolved).sla.timers.empty());
  // Deleting the policy ends the running timers.
  ASSERT_TRUE(store_->DeleteSlaPolicy(core::TeamId()).ok());
  EXPECT_TRUE(Get(open).sla.timers.empty());
  EXPECT_EQ(Get(open).sla.state, SlaState::kNone);
}

TEST_P(StoreSlaConformanceTest, ReplyStopsTheTimerAndRecordsTheFirstResponse) {
  PutDefault(30);
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  const base::Micros asked = Get(id).first_post_at;
  Reply(id, agent, asked + 12 * kMinute);
  const core::Conversation answered = Get(id);
  EXPECT_EQ(answered.sla.first_response_at, asked + 12 * kMinute);
  EXPECT_EQ(answered.sla.first_response_business_seconds, 12 * 60);
  const core::SlaTimer* first = Timer(answered, SlaKind::kFirstResponse);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->stopped_at, asked + 12 * kMinute);
  // The resolution clock runs on.
  EXPECT_TRUE(Timer(answered, SlaKind::kResolution)->running());
  EXPECT_EQ(answered.sla.state, SlaState::kOk);

  // Resolving stops it; the facts say so.
  clock_.Advance(30 * kMinute);
  auto resolved = store_->UpdateConversation(id, {.status = core::ConversationStatus::kResolved}, {.kind = "test"});
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_TRUE(calculator_->last_facts().resolved);
  EXPECT_EQ(Timer(resolved->conversation, SlaKind::kResolution)->stopped_at, clock_.NowMicros());
  EXPECT_EQ(resolved->conversation.sla.state, SlaState::kNone);
}

TEST_P(StoreSlaConformanceTest, FactsForNextResponseAndReopening) {
  PutDefault(30);
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  const base::Micros asked = Get(id).first_post_at;
  clock_.Set(asked + 5 * kMinute);
  Reply(id, agent, asked + 5 * kMinute, core::ConversationStatus::kResolved);
  EXPECT_EQ(calculator_->last_facts().first_response_at, asked + 5 * kMinute);
  // The customer writes again on the thread.
  core::NewPost again;
  again.network = "x";
  again.channel = "x:@ovpas";
  again.external_id = "again";
  again.in_reply_to = "in-1";
  again.author = {.network = "x", .handle = "@klant_1", .name = "Klant"};
  again.text = "Nog steeds niets";
  again.created_at = asked + 20 * kMinute;
  ASSERT_TRUE(store_->InsertPosts(std::vector<core::NewPost>{again}).ok());
  const core::SlaFacts facts = calculator_->last_facts();
  EXPECT_FALSE(facts.resolved);
  EXPECT_EQ(facts.unanswered_since, asked + 20 * kMinute);
  EXPECT_EQ(facts.first_inbound_after_resolution, asked + 20 * kMinute);
  EXPECT_NE(facts.resolved_at, 0);
  EXPECT_EQ(facts.first_response_at, asked + 5 * kMinute);
}

TEST_P(StoreSlaConformanceTest, SweepRecordsWarningsAndBreachesOnce) {
  PutDefault(30, 50);
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::UserId agent = AddUser("agent");
  const core::ConversationId unassigned = AddConversation();
  const core::ConversationId assigned = AddConversation();
  ASSERT_TRUE(store_->UpdateConversation(assigned, {.assignee = agent}, {.kind = "conversation.claimed", .actor = agent}).ok());
  const base::Micros start = Get(unassigned).first_post_at;

  // Before the warning: nothing.
  auto sweep = store_->RecordSlaAlerts(start + 5 * kMinute, 0, 100);
  ASSERT_TRUE(sweep.ok()) << sweep.status();
  EXPECT_EQ(sweep->warnings + sweep->breaches, 0);

  // Past the warning time of both.
  sweep = store_->RecordSlaAlerts(start + 20 * kMinute, 0, 100);
  ASSERT_TRUE(sweep.ok()) << sweep.status();
  EXPECT_EQ(sweep->warnings, 2);
  EXPECT_EQ(sweep->breaches, 0);
  EXPECT_GT(sweep->last_seq, 0);
  EXPECT_EQ(Get(unassigned).sla.state, SlaState::kWarning);
  EXPECT_NE(Timer(Get(unassigned), SlaKind::kFirstResponse)->warned_at, 0);
  const auto warnings = EventsOfKind("sla.warning");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(json::parse(warnings[0].data)["kind"], "first_response");
  // The assignee hears of its own; the lead of the unassigned one.
  auto to_agent = store_->ListNotifications(agent, true, 10);
  ASSERT_EQ(to_agent->size(), 1u);
  EXPECT_EQ((*to_agent)[0].kind, core::NotificationKind::kSlaWarning);
  EXPECT_EQ((*to_agent)[0].conversation, assigned);
  auto to_lead = store_->ListNotifications(lead, true, 10);
  ASSERT_EQ(to_lead->size(), 1u);
  EXPECT_EQ((*to_lead)[0].conversation, unassigned);

  // Once per timer.
  sweep = store_->RecordSlaAlerts(start + 21 * kMinute, 0, 100);
  EXPECT_EQ(sweep->warnings + sweep->breaches, 0);

  // Past due: breached, once; no second notification for a timer that warned.
  sweep = store_->RecordSlaAlerts(start + 40 * kMinute, 0, 100);
  EXPECT_EQ(sweep->breaches, 2);
  EXPECT_EQ(Get(unassigned).sla.state, SlaState::kBreached);
  EXPECT_EQ(store_->RecordSlaAlerts(start + 41 * kMinute, 0, 100)->breaches, 0);
  EXPECT_EQ(EventsOfKind("sla.breached").size(), 2u);
  EXPECT_EQ(store_->ListNotifications(lead, true, 10)->size(), 1u);
}

TEST_P(StoreSlaConformanceTest, ADeletedConversationBreachesOnlyAfterItsUndo) {
  PutDefault(30, 50);
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::ConversationId id = AddConversation();
  const base::Micros start = Get(id).first_post_at;
  const core::ConversationId ids[] = {id};
  auto deleted = store_->SoftDeleteConversations(ids, lead, 10 * base::kMicrosPerSecond);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  auto sweep = store_->RecordSlaAlerts(start + 40 * kMinute, 0, 100);
  ASSERT_TRUE(sweep.ok()) << sweep.status();
  EXPECT_EQ(sweep->warnings + sweep->breaches, 0);
  EXPECT_TRUE(store_->ListNotifications(lead, true, 10)->empty());

  ASSERT_TRUE(store_->RestoreDeleteBatch(deleted->batch.id, lead).ok());
  sweep = store_->RecordSlaAlerts(start + 41 * kMinute, 0, 100);
  ASSERT_TRUE(sweep.ok()) << sweep.status();
  EXPECT_EQ(sweep->breaches, 1);
  EXPECT_EQ(Get(id).sla.state, SlaState::kBreached);
}

TEST_P(StoreSlaConformanceTest, LateAnswersAndOldBreachesAreRecordedQuietly) {
  PutDefault(30);  // No warning.
  const core::UserId lead = AddUser("lead", core::Role::kLead);
  const core::ConversationId late = AddConversation();
  const core::ConversationId never = AddConversation();
  const base::Micros start = Get(late).first_post_at;
  Reply(late, lead, start + 45 * kMinute);
  // Found long after the fact: recorded, nobody notified.
  auto sweep = store_->RecordSlaAlerts(start + 600 * kMinute, start + 300 * kMinute, 100);
  ASSERT_TRUE(sweep.ok()) << sweep.status();
  EXPECT_EQ(sweep->breaches, 2);
  EXPECT_TRUE(store_->ListNotifications(lead, false, 10)->empty());
  const auto breaches = EventsOfKind("sla.breached");
  ASSERT_EQ(breaches.size(), 2u);
  bool saw_late = false;
  for (const auto& event : breaches) {
    if (event.conversation == late) {
      saw_late = true;
      EXPECT_FALSE(json::parse(event.data)["running"].get<bool>());
    }
  }
  EXPECT_TRUE(saw_late);
  EXPECT_EQ(Get(never).sla.state, SlaState::kBreached);
  EXPECT_EQ(Get(late).sla.state, SlaState::kOk);  // Its resolution clock still runs.
}

TEST_P(StoreSlaConformanceTest, ListFiltersAndSortsBySla) {
  PutDefault(30);
  const core::ConversationId a = AddConversation();  // Due first.
  const core::ConversationId b = AddConversation();
  const core::ConversationId c = AddConversation();
  const core::UserId agent = AddUser("agent");
  Reply(c, agent, Get(c).first_post_at + kMinute, core::ConversationStatus::kResolved);  // Nothing runs.
  ASSERT_TRUE(store_->RecordSlaAlerts(Get(a).first_post_at + 30 * kMinute, 0, 100).ok());  // a breaches.

  ConversationFilter filter{.sla = SlaState::kBreached};
  auto list = store_->ListConversations(filter);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->conversations.size(), 1u);
  EXPECT_EQ(list->conversations[0].id, a);
  filter.sla = SlaState::kOk;
  EXPECT_EQ(store_->ListConversations(filter)->conversations.size(), 1u);
  filter.sla = SlaState::kNone;
  EXPECT_EQ(store_->ListConversations(filter)->conversations[0].id, c);

  // Soonest deadline first, none last, paged by cursor.
  ConversationFilter sorted{.order = ConversationOrder::kSla, .page = {.limit = 2}};
  list = store_->ListConversations(sorted);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->conversations.size(), 2u);
  EXPECT_EQ(list->conversations[0].id, a);
  EXPECT_EQ(list->conversations[1].id, b);
  ASSERT_FALSE(list->next_cursor.empty());
  sorted.page.cursor = list->next_cursor;
  list = store_->ListConversations(sorted);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->conversations.size(), 1u);
  EXPECT_EQ(list->conversations[0].id, c);
  EXPECT_TRUE(list->next_cursor.empty());
}

TEST_P(StoreSlaConformanceTest, ReportCountsFirstResponsesAndBreaches) {
  PutDefault(30);
  const core::TeamId support = AddTeam("Support");
  const core::UserId agent = AddUser("agent");
  // Waits of 5, 10, 20, 40 and 50 minutes; one of Support.
  const int waits[] = {5, 10, 20, 40, 50};
  base::Micros first = 0;
  for (int i = 0; i < 5; ++i) {
    const core::ConversationId id = AddConversation(i == 0 ? support : core::TeamId());
    const base::Micros asked = Get(id).first_post_at;
    if (first == 0) first = asked;
    Reply(id, agent, asked + waits[i] * kMinute);
  }
  AddConversation();  // Still waiting.
  ASSERT_TRUE(store_->RecordSlaAlerts(first + 600 * kMinute, 0, 100).ok());

  SlaReportQuery query{.since = first - kMinute, .until = first + 1000 * kMinute, .within_minutes = 30};
  auto report = store_->ReportSla(query);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->responded, 5);
  EXPECT_EQ(report->responded_within, 3);
  EXPECT_EQ(report->awaiting, 1);
  EXPECT_DOUBLE_EQ(report->median_minutes, 20);
  EXPECT_DOUBLE_EQ(report->p90_minutes, 50);
  ASSERT_EQ(report->breaches.size(), 3u);
  EXPECT_EQ(report->breaches[0].first, SlaKind::kFirstResponse);
  EXPECT_EQ(report->breaches[0].second, 3);  // 40 and 50 minutes late, and the one waiting.
  EXPECT_EQ(report->breaches[2].second, 0);

  query.team = support;
  report = store_->ReportSla(query);
  EXPECT_EQ(report->responded, 1);
  EXPECT_EQ(report->responded_within, 1);
  EXPECT_DOUBLE_EQ(report->median_minutes, 5);
  EXPECT_EQ(report->breaches[0].second, 0);

  // A period with nothing in it.
  report = store_->ReportSla({.since = 0, .until = kMinute, .within_minutes = 30});
  EXPECT_EQ(report->responded, 0);
  EXPECT_DOUBLE_EQ(report->median_minutes, 0);
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ReportSla({.since = 5, .until = 5}).status()));
}

TEST_P(StoreSlaConformanceTest, RecomputeCatchesUpWithWritesThatKeptNoClocks) {
  PutDefault(30);
  const core::UserId agent = AddUser("agent");
  const core::ConversationId id = AddConversation();
  const base::Micros asked = Get(id).first_post_at;
  {
    // Another process with a store that keeps no clocks answers the conversation.
    auto other = sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(other.ok()) << other.status();
    ASSERT_TRUE((*other)->AddReply({.conversation = id, .sent_by = agent,
                                    .author = {.network = "x", .handle = "@ovpas"},
                                    .external_id = "elsewhere", .text = "Gedaan",
                                    .created_at = asked + 7 * kMinute}).ok());
  }
  EXPECT_TRUE(Timer(Get(id), SlaKind::kFirstResponse)->running());
  const core::ConversationId ids[] = {id, core::ConversationId(9999)};  // Unknown ids are skipped.
  ASSERT_TRUE(store_->RecomputeSla(ids).ok());
  const core::Conversation after = Get(id);
  EXPECT_EQ(Timer(after, SlaKind::kFirstResponse)->stopped_at, asked + 7 * kMinute);
  EXPECT_EQ(after.sla.first_response_at, asked + 7 * kMinute);
  EXPECT_TRUE(store_->RecomputeSla({}).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSlaConformanceTest, testing::ValuesIn(SlaBackends()),
                         StoreBackendName);

}  // namespace
}  // namespace webcare::storage
