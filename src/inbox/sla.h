#pragma once
// The rules of SLA timers, in one place (docs/sla.md).
//
// Design: the store owns the timers (table sla_timers) and recomputes a conversation's
// timers inside the very transaction that changes what they depend on (InsertPosts, AddReply,
// UpdateConversation, UpdateAnalyses, a policy or schedule saved). It gathers the facts by
// SQL (first inbound post, first reply, oldest unanswered post, the previous timers) and asks
// the core::SlaCalculator it was opened with for the timers as they should now be. This file
// is that calculator. So due times are never stale, the conversation an API call or the
// realtime feed returns already carries them, and the store needs no time-zone code: the
// dependency points from the app (which wires SlaCalculatorImpl into the store) to both.
//
// The rules:
//  - First response runs from the first inbound post until the first outbound post at or
//    after it; a conversation resolved before anyone answered closes it without a response.
//  - Next response runs, once a first response was made (or the conversation was resolved
//    once), from the oldest inbound post after the latest reply until the next reply.
//  - Resolution runs from the start of the cycle (the first inbound post, or the reopening)
//    until resolved. A new inbound post or a status change reopens a resolved conversation
//    and starts a new cycle.
//  - Due and warning times are counted in the business hours of the conversation's team.
//    A change of team, priority, policy or schedule recomputes running timers from their
//    original start; a timer's recorded warning and breach stay with it.

#include <string>

#include "absl/status/status.h"
#include "core/sla.h"

namespace webcare::inbox {

// Targets are at most a year of business minutes.
inline constexpr int kMaxTargetMinutes = 525'600;
inline constexpr int kMaxBands = 10;

class SlaCalculatorImpl final : public core::SlaCalculator {
 public:
  core::SlaPlan Plan(const core::SlaFacts& facts, const core::SlaPolicy* policy,
                     const core::BusinessHours& hours, base::Micros now) const override;

  // One instance serves every store of the process.
  static const SlaCalculatorImpl& Instance();
};

// The band of `policy` for `priority`: the one with the highest min_priority not above it;
// null when the policy has no band starting at or below it.
const core::SlaTargets* BandFor(const core::SlaPolicy& policy, int priority);

// InvalidArgument with a sentence a person understands, naming the field.
absl::Status ValidatePolicy(const core::SlaPolicy& policy);
absl::Status ValidateBusinessHours(const core::BusinessHours& hours);

}  // namespace webcare::inbox
