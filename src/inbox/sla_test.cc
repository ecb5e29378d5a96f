#include "inbox/sla.h"

#include <gtest/gtest.h>

#include "absl/time/time.h"

namespace webcare::inbox {
namespace {

using core::SlaKind;

constexpr base::Micros kMinute = 60 * base::kMicrosPerSecond;
constexpr base::Micros kT = 1'795'000'000 * base::kMicrosPerSecond;  // A Tuesday, 2026-11-17.

// Normal: 60 / 30 / 480 minutes; urgent (priority 70+): 15 / 10 / 120. Warn at 80 %.
core::SlaPolicy Policy() {
  return {.bands = {{.min_priority = 0, .first_response_minutes = 60, .next_response_minutes = 30,
                     .resolution_minutes = 480},
                    {.min_priority = 70, .first_response_minutes = 15, .next_response_minutes = 10,
                     .resolution_minutes = 120}},
          .warn_percent = 80};
}

const core::BusinessHours kAlways{.time_zone = "UTC", .always_open = true};

const core::SlaTimer* Find(const core::SlaPlan& plan, SlaKind kind) {
  for (const auto& timer : plan.timers) {
    if (timer.kind == kind) return &timer;
  }
  return nullptr;
}

core::SlaPlan Plan(const core::SlaFacts& facts, base::Micros now,
                   const core::SlaPolicy* policy = nullptr, const core::BusinessHours& hours = kAlways) {
  static const core::SlaPolicy standard = Policy();
  return SlaCalculatorImpl::Instance().Plan(facts, policy != nullptr ? policy : &standard, hours, now);
}

// The facts after a plan: its bookkeeping and timers carried into the next change.
core::SlaFacts Next(const core::SlaFacts& before, const core::SlaPlan& plan) {
  core::SlaFacts facts = before;
  facts.cycle_start = plan.cycle_start;
  facts.resolved_at = plan.resolved_at;
  facts.timers = plan.timers;
  return facts;
}

TEST(SlaPlanTest, NewConversationStartsFirstResponseAndResolution) {
  const core::SlaPlan plan = Plan({.priority = 20, .first_inbound_at = kT}, kT + kMinute);
  ASSERT_EQ(plan.timers.size(), 2u);
  const core::SlaTimer* first = Find(plan, SlaKind::kFirstResponse);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->started_at, kT);
  EXPECT_EQ(first->due_at, kT + 60 * kMinute);
  EXPECT_EQ(first->warn_at, kT + 48 * kMinute);
  EXPECT_TRUE(first->running());
  EXPECT_EQ(first->target_minutes, 60);
  const core::SlaTimer* resolution = Find(plan, SlaKind::kResolution);
  ASSERT_NE(resolution, nullptr);
  EXPECT_EQ(resolution->due_at, kT + 480 * kMinute);
  EXPECT_EQ(Find(plan, SlaKind::kNextResponse), nullptr);
  EXPECT_EQ(plan.cycle_start, kT);
  EXPECT_EQ(plan.first_response_business_seconds, -1);
}

TEST(SlaPlanTest, UrgentBandHasTighterTargets) {
  const core::SlaPlan plan = Plan({.priority = 85, .first_inbound_at = kT}, kT);
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->due_at, kT + 15 * kMinute);
  EXPECT_EQ(Find(plan, SlaKind::kResolution)->due_at, kT + 120 * kMinute);
  // Exactly at the band's start.
  EXPECT_EQ(Find(Plan({.priority = 70, .first_inbound_at = kT}, kT), SlaKind::kFirstResponse)->target_minutes, 15);
  EXPECT_EQ(Find(Plan({.priority = 69, .first_inbound_at = kT}, kT), SlaKind::kFirstResponse)->target_minutes, 60);
}

TEST(SlaPlanTest, OnlyOurOwnPostsStartNothing) {
  EXPECT_TRUE(Plan({.priority = 90}, kT).timers.empty());
}

TEST(SlaPlanTest, ConversationLifecycle) {
  // The customer writes at T.
  core::SlaFacts facts{.priority = 10, .first_inbound_at = kT};
  core::SlaPlan plan = Plan(facts, kT);

  // We answer at T+20: the first response is met and recorded.
  facts = Next(facts, plan);
  facts.first_response_at = kT + 20 * kMinute;
  plan = Plan(facts, kT + 20 * kMinute);
  const core::SlaTimer* first = Find(plan, SlaKind::kFirstResponse);
  EXPECT_EQ(first->stopped_at, kT + 20 * kMinute);
  EXPECT_FALSE(first->Breached(kT + 90 * kMinute));
  EXPECT_EQ(plan.first_response_at, kT + 20 * kMinute);
  EXPECT_EQ(plan.first_response_business_seconds, 20 * 60);
  EXPECT_EQ(Find(plan, SlaKind::kNextResponse), nullptr);

  // The customer writes again at T+30: the next response runs from that post.
  facts = Next(facts, plan);
  facts.unanswered_since = kT + 30 * kMinute;
  plan = Plan(facts, kT + 30 * kMinute);
  const core::SlaTimer* next = Find(plan, SlaKind::kNextResponse);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->started_at, kT + 30 * kMinute);
  EXPECT_EQ(next->due_at, kT + 60 * kMinute);
  EXPECT_TRUE(next->running());

  // Another post at T+40 does not move it: it runs from the oldest unanswered post.
  facts = Next(facts, plan);
  plan = Plan(facts, kT + 40 * kMinute);
  EXPECT_EQ(Find(plan, SlaKind::kNextResponse)->started_at, kT + 30 * kMinute);

  // We answer at T+70, late.
  facts = Next(facts, plan);
  facts.unanswered_since = 0;
  facts.answered_at = kT + 70 * kMinute;
  plan = Plan(facts, kT + 70 * kMinute);
  next = Find(plan, SlaKind::kNextResponse);
  EXPECT_EQ(next->stopped_at, kT + 70 * kMinute);
  EXPECT_TRUE(next->Breached(kT + 70 * kMinute));

  // Resolved at T+100: the resolution clock stops, nothing runs.
  facts = Next(facts, plan);
  facts.answered_at = 0;
  facts.resolved = true;
  plan = Plan(facts, kT + 100 * kMinute);
  EXPECT_EQ(plan.resolved_at, kT + 100 * kMinute);
  EXPECT_EQ(Find(plan, SlaKind::kResolution)->stopped_at, kT + 100 * kMinute);
  for (const auto& timer : plan.timers) EXPECT_FALSE(timer.running()) << core::SlaKindName(timer.kind);
  EXPECT_EQ(core::SlaStateAt(plan.timers, kT + 1000 * kMinute), core::SlaState::kNone);

  // The customer writes again at T+200: reopened, a new cycle and a new next response.
  facts = Next(facts, plan);
  facts.resolved = false;
  facts.first_inbound_after_resolution = kT + 200 * kMinute;
  facts.unanswered_since = kT + 200 * kMinute;
  plan = Plan(facts, kT + 201 * kMinute);
  EXPECT_EQ(plan.cycle_start, kT + 200 * kMinute);
  const core::SlaTimer* resolution = Find(plan, SlaKind::kResolution);
  EXPECT_EQ(resolution->started_at, kT + 200 * kMinute);
  EXPECT_TRUE(resolution->running());
  next = Find(plan, SlaKind::kNextResponse);
  EXPECT_EQ(next->started_at, kT + 200 * kMinute);
  EXPECT_TRUE(next->running());
  // The first response stays as it was.
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->stopped_at, kT + 20 * kMinute);
}

TEST(SlaPlanTest, ReopenedByAnAgentStartsTheCycleNow) {
  core::SlaFacts facts{.priority = 10, .resolved = true, .first_inbound_at = kT,
                       .first_response_at = kT + kMinute};
  core::SlaPlan plan = Plan(facts, kT + 10 * kMinute);
  facts = Next(facts, plan);
  facts.resolved = false;
  plan = Plan(facts, kT + 50 * kMinute);
  EXPECT_EQ(plan.cycle_start, kT + 50 * kMinute);
  EXPECT_EQ(Find(plan, SlaKind::kResolution)->due_at, kT + (50 + 480) * kMinute);
  // Nobody wrote since: no next response runs.
  EXPECT_EQ(Find(plan, SlaKind::kNextResponse), nullptr);
}

TEST(SlaPlanTest, ResolvedWithoutAnswerClosesFirstResponse) {
  const core::SlaPlan plan = Plan({.priority = 10, .resolved = true, .first_inbound_at = kT}, kT + 5 * kMinute);
  const core::SlaTimer* first = Find(plan, SlaKind::kFirstResponse);
  EXPECT_EQ(first->stopped_at, kT + 5 * kMinute);
  EXPECT_EQ(plan.first_response_at, 0);
  EXPECT_EQ(plan.first_response_business_seconds, -1);
}

TEST(SlaPlanTest, KeepsRecordedWarningAndBreachOfTheSameTimer) {
  core::SlaFacts facts{.priority = 10, .first_inbound_at = kT};
  core::SlaPlan plan = Plan(facts, kT);
  facts = Next(facts, plan);
  for (auto& timer : facts.timers) {
    timer.warned_at = kT + 50 * kMinute;
    timer.breached_at = kT + 61 * kMinute;
  }
  // A priority change recomputes the due time from the same start, keeping what was recorded.
  facts.priority = 90;
  plan = Plan(facts, kT + 62 * kMinute);
  const core::SlaTimer* first = Find(plan, SlaKind::kFirstResponse);
  EXPECT_EQ(first->due_at, kT + 15 * kMinute);
  EXPECT_EQ(first->warned_at, kT + 50 * kMinute);
  EXPECT_EQ(first->breached_at, kT + 61 * kMinute);
}

TEST(SlaPlanTest, WithoutPolicyRunningTimersEndAndStoppedOnesStay) {
  core::SlaFacts facts{.priority = 10, .first_inbound_at = kT, .first_response_at = kT + kMinute};
  const core::SlaPlan before = Plan(facts, kT + kMinute);
  facts = Next(facts, before);
  const core::SlaPlan after = SlaCalculatorImpl::Instance().Plan(facts, nullptr, kAlways, kT + 2 * kMinute);
  ASSERT_EQ(after.timers.size(), 1u);
  EXPECT_EQ(after.timers[0].kind, SlaKind::kFirstResponse);
  EXPECT_FALSE(after.timers[0].running());
  // The first response is still recorded for the report.
  EXPECT_EQ(after.first_response_business_seconds, 60);
}

TEST(SlaPlanTest, TargetsLeftOutRunNoTimer) {
  const core::SlaPolicy policy{.bands = {{.min_priority = 0, .first_response_minutes = 30}}};
  const core::SlaPlan plan = Plan({.priority = 10, .first_inbound_at = kT}, kT, &policy);
  ASSERT_EQ(plan.timers.size(), 1u);
  EXPECT_EQ(plan.timers[0].kind, SlaKind::kFirstResponse);
  EXPECT_EQ(plan.timers[0].warn_at, 0);  // No warning configured.
}

TEST(SlaPlanTest, WarnMinutesBeforeDue) {
  core::SlaPolicy policy = Policy();
  policy.warn_percent = 0;
  policy.warn_minutes_before = 10;
  const core::SlaPlan plan = Plan({.priority = 10, .first_inbound_at = kT}, kT, &policy);
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->warn_at, kT + 50 * kMinute);
  // Longer than the urgent target: warned from the start.
  policy.warn_minutes_before = 20;
  EXPECT_EQ(Find(Plan({.priority = 80, .first_inbound_at = kT}, kT, &policy), SlaKind::kFirstResponse)->warn_at, kT);
}

TEST(SlaPlanTest, CountsInBusinessHours) {
  core::BusinessHours hours{.time_zone = "Europe/Amsterdam"};
  for (int day = 1; day <= 5; ++day) hours.intervals.push_back({.weekday = day, .opens = 9 * 60, .closes = 17 * 60});
  absl::TimeZone amsterdam;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &amsterdam));
  const auto local = [&](int d, int h, int m) {
    return absl::ToUnixMicros(absl::FromCivil(absl::CivilMinute(2026, 11, d, h, m), amsterdam));
  };
  // Friday 27 November 16:30; answered Monday 09:10.
  const core::SlaPlan plan = Plan({.priority = 10, .first_inbound_at = local(27, 16, 30),
                                   .first_response_at = local(30, 9, 10)},
                                  local(30, 9, 10), nullptr, hours);
  const core::SlaTimer* first = Find(plan, SlaKind::kFirstResponse);
  EXPECT_EQ(first->due_at, local(30, 9, 30));
  EXPECT_EQ(first->warn_at, local(30, 9, 18));
  EXPECT_FALSE(first->Breached(local(30, 12, 0)));
  EXPECT_EQ(plan.first_response_business_seconds, 40 * 60);
}

// The example of docs/sla.md, step by step.
TEST(SlaPlanTest, DocumentedExample) {
  core::BusinessHours hours{.time_zone = "Europe/Amsterdam", .closed = {{.date = "2026-12-25"}}};
  for (int day = 1; day <= 5; ++day) hours.intervals.push_back({.weekday = day, .opens = 9 * 60, .closes = 17 * 60});
  const core::SlaPolicy policy{.bands = {{.min_priority = 0, .first_response_minutes = 60,
                                          .next_response_minutes = 120, .resolution_minutes = 960},
                                         {.min_priority = 70, .first_response_minutes = 15,
                                          .next_response_minutes = 30, .resolution_minutes = 960}},
                               .warn_percent = 80};
  absl::TimeZone amsterdam;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Amsterdam", &amsterdam));
  const auto local = [&](int d, int h, int m) {
    return absl::ToUnixMicros(absl::FromCivil(absl::CivilMinute(2026, 12, d, h, m), amsterdam));
  };
  core::SlaFacts facts{.priority = 40, .first_inbound_at = local(24, 16, 30)};
  core::SlaPlan plan = Plan(facts, local(24, 16, 30), &policy, hours);
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->due_at, local(28, 9, 30));
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->warn_at, local(28, 9, 18));
  EXPECT_EQ(Find(plan, SlaKind::kResolution)->due_at, local(29, 16, 30));

  facts = Next(facts, plan);
  facts.priority = 80;
  plan = Plan(facts, local(24, 16, 50), &policy, hours);
  EXPECT_EQ(Find(plan, SlaKind::kFirstResponse)->due_at, local(24, 16, 45));
  EXPECT_EQ(core::SlaStateAt(plan.timers, local(24, 16, 50)), core::SlaState::kBreached);

  facts = Next(facts, plan);
  facts.first_response_at = local(28, 9, 5);
  plan = Plan(facts, local(28, 9, 5), &policy, hours);
  EXPECT_EQ(plan.first_response_business_seconds, 35 * 60);
  EXPECT_TRUE(Find(plan, SlaKind::kFirstResponse)->Breached(local(28, 9, 5)));
}

TEST(SlaStateTest, FromTheRunningTimers) {
  const core::SlaTimer running{.kind = SlaKind::kFirstResponse, .started_at = kT,
                               .due_at = kT + 60 * kMinute, .warn_at = kT + 48 * kMinute};
  EXPECT_EQ(core::SlaStateAt({}, kT), core::SlaState::kNone);
  EXPECT_EQ(core::SlaStateAt({running}, kT), core::SlaState::kOk);
  EXPECT_EQ(core::SlaStateAt({running}, kT + 48 * kMinute), core::SlaState::kWarning);
  EXPECT_EQ(core::SlaStateAt({running}, kT + 60 * kMinute), core::SlaState::kBreached);
  core::SlaTimer stopped = running;
  stopped.stopped_at = kT + 90 * kMinute;  // Late, but no longer running.
  EXPECT_EQ(core::SlaStateAt({stopped}, kT + 100 * kMinute), core::SlaState::kNone);
  EXPECT_TRUE(stopped.Breached(kT + 100 * kMinute));
  core::SlaTimer resolution{.kind = SlaKind::kResolution, .started_at = kT, .due_at = kT + 480 * kMinute};
  EXPECT_EQ(core::SlaStateAt({resolution, running}, kT + 50 * kMinute), core::SlaState::kWarning);
}

TEST(SlaPolicyTest, BandForPriority) {
  const core::SlaPolicy policy = Policy();
  EXPECT_EQ(BandFor(policy, 0)->min_priority, 0);
  EXPECT_EQ(BandFor(policy, 100)->min_priority, 70);
  const core::SlaPolicy no_low{.bands = {{.min_priority = 50, .first_response_minutes = 5}}};
  EXPECT_EQ(BandFor(no_low, 10), nullptr);
}

TEST(SlaPolicyTest, Validation) {
  const auto error = [](core::SlaPolicy policy) {
    const absl::Status status = ValidatePolicy(policy);
    return status.ok() ? std::string("ok") : std::string(status.message());
  };
  EXPECT_EQ(error(Policy()), "ok");
  EXPECT_EQ(error({}), "a policy needs at least one band of targets");
  EXPECT_EQ(error({.bands = {{.min_priority = 50, .first_response_minutes = 5}}}),
            "the lowest band must start at priority 0, so every conversation has its targets");
  EXPECT_EQ(error({.bands = {{.min_priority = 0}}}),
            "set at least one target (first response, next response or resolution)");
  EXPECT_EQ(error({.bands = {{.min_priority = 0, .first_response_minutes = -5}}}),
            "first_response_minutes of the band from priority 0 must be from 1 to 525600 business "
            "minutes, or null for no target");
  EXPECT_EQ(error({.bands = {{.min_priority = 0, .first_response_minutes = 5},
                             {.min_priority = 0, .first_response_minutes = 2}}}),
            "two bands start at priority 0; each band needs its own start");
  EXPECT_EQ(error({.bands = {{.min_priority = 101, .first_response_minutes = 5}}}),
            "min_priority of a band must be from 0 to 100");
  core::SlaPolicy both = Policy();
  both.warn_minutes_before = 5;
  EXPECT_EQ(error(both), "give either warn_percent or warn_minutes_before, not both");
  core::SlaPolicy percent = Policy();
  percent.warn_percent = 100;
  EXPECT_EQ(error(percent), "warn_percent must be from 1 to 99, or null for none");
}

}  // namespace
}  // namespace webcare::inbox
