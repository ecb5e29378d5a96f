#include "inbox/sla.h"

#include <algorithm>

#include "base/strings.h"
#include "inbox/business_hours.h"

namespace webcare::inbox {
namespace {

constexpr base::Micros kMicrosPerMinute = 60 * base::kMicrosPerSecond;

const core::SlaTimer* Previous(const core::SlaFacts& facts, core::SlaKind kind) {
  for (const core::SlaTimer& timer : facts.timers) {
    if (timer.kind == kind) return &timer;
  }
  return nullptr;
}

int TargetOf(const core::SlaTargets* band, core::SlaKind kind) {
  if (band == nullptr) return 0;
  switch (kind) {
    case core::SlaKind::kFirstResponse: return band->first_response_minutes;
    case core::SlaKind::kNextResponse: return band->next_response_minutes;
    case core::SlaKind::kResolution: return band->resolution_minutes;
  }
  return 0;
}

// The schedule as stored was checked when saved; should it still not load (a time zone
// removed from the system's tzdata), counting every minute is the safe side: timers run
// early rather than never.
BusinessClock ClockFor(const core::BusinessHours& hours) {
  auto clock = BusinessClock::Create(hours);
  return clock.ok() ? *std::move(clock) : BusinessClock();
}

}  // namespace

const core::SlaTargets* BandFor(const core::SlaPolicy& policy, int priority) {
  const core::SlaTargets* best = nullptr;
  for (const core::SlaTargets& band : policy.bands) {
    if (band.min_priority <= priority && (best == nullptr || band.min_priority > best->min_priority)) {
      best = &band;
    }
  }
  return best;
}

const SlaCalculatorImpl& SlaCalculatorImpl::Instance() {
  static const SlaCalculatorImpl* const instance = new SlaCalculatorImpl();
  return *instance;
}

core::SlaPlan SlaCalculatorImpl::Plan(const core::SlaFacts& facts, const core::SlaPolicy* policy,
                                      const core::BusinessHours& hours, base::Micros now) const {
  core::SlaPlan plan{.cycle_start = facts.cycle_start, .resolved_at = facts.resolved_at};
  const auto keep_stopped = [&](core::SlaKind kind) {
    const core::SlaTimer* previous = Previous(facts, kind);
    if (previous != nullptr && !previous->running()) plan.timers.push_back(*previous);
  };
  if (facts.first_inbound_at == 0) {
    // Only our own posts: nobody waits for an answer.
    for (const core::SlaKind kind : core::kSlaKinds) keep_stopped(kind);
    return plan;
  }
  const BusinessClock clock = ClockFor(hours);

  // The cycle: resolved in it, or reopened after it.
  if (plan.cycle_start == 0) plan.cycle_start = facts.first_inbound_at;
  bool closed = plan.resolved_at != 0 && plan.resolved_at >= plan.cycle_start;
  if (facts.resolved && !closed) {
    plan.resolved_at = std::max(now, plan.cycle_start);
    closed = true;
  } else if (!facts.resolved && closed) {
    const base::Micros reopened =
        facts.first_inbound_after_resolution != 0 ? facts.first_inbound_after_resolution : now;
    plan.cycle_start = std::max(reopened, plan.resolved_at + 1);
    closed = false;
  }

  plan.first_response_at = facts.first_response_at;
  if (facts.first_response_at != 0) {
    plan.first_response_business_seconds =
        clock.Between(facts.first_inbound_at, facts.first_response_at) / base::kMicrosPerSecond;
  }

  const core::SlaTargets* band = policy != nullptr ? BandFor(*policy, facts.priority) : nullptr;
  // A timer from `start` with `kind`'s target; it keeps the recorded warning and breach of
  // the stored timer it continues (same kind and start).
  const auto timer = [&](core::SlaKind kind, base::Micros start, base::Micros stopped) {
    const int target = TargetOf(band, kind);
    core::SlaTimer t{.kind = kind, .target_minutes = target, .started_at = start, .stopped_at = stopped};
    t.due_at = clock.AddMinutes(start, target);
    const base::Micros business = target * kMicrosPerMinute;
    if (policy->warn_percent > 0) {
      t.warn_at = clock.Add(start, business * policy->warn_percent / 100);
    } else if (policy->warn_minutes_before > 0) {
      t.warn_at = clock.Add(start, std::max<base::Micros>(
                                       0, business - policy->warn_minutes_before * kMicrosPerMinute));
    }
    const core::SlaTimer* previous = Previous(facts, kind);
    if (previous != nullptr && previous->started_at == start) {
      t.warned_at = previous->warned_at;
      t.breached_at = previous->breached_at;
    }
    return t;
  };

  if (TargetOf(band, core::SlaKind::kFirstResponse) > 0) {
    const base::Micros stopped = facts.first_response_at != 0 ? facts.first_response_at : plan.resolved_at;
    plan.timers.push_back(timer(core::SlaKind::kFirstResponse, facts.first_inbound_at, stopped));
  } else {
    keep_stopped(core::SlaKind::kFirstResponse);
  }

  if (TargetOf(band, core::SlaKind::kNextResponse) > 0) {
    const core::SlaTimer* previous = Previous(facts, core::SlaKind::kNextResponse);
    std::optional<core::SlaTimer> next;
    if (previous != nullptr && previous->running()) {
      const base::Micros stopped = facts.answered_at != 0 ? facts.answered_at
                                   : closed               ? plan.resolved_at
                                                          : 0;
      next = timer(core::SlaKind::kNextResponse, previous->started_at, stopped);
    } else if (previous != nullptr) {
      next = *previous;
    }
    // The customer wrote again after the last answer: a new timer from that post. The one it
    // replaces is finished (the store records its breach, if it had one).
    const bool answered_once = facts.first_response_at != 0 || plan.resolved_at != 0;
    if (!closed && answered_once && facts.unanswered_since != 0 &&
        (!next || (!next->running() && facts.unanswered_since > next->stopped_at))) {
      next = timer(core::SlaKind::kNextResponse, facts.unanswered_since, 0);
    }
    if (next) plan.timers.push_back(*next);
  } else {
    keep_stopped(core::SlaKind::kNextResponse);
  }

  if (TargetOf(band, core::SlaKind::kResolution) > 0) {
    plan.timers.push_back(
        timer(core::SlaKind::kResolution, plan.cycle_start, closed ? plan.resolved_at : 0));
  } else {
    keep_stopped(core::SlaKind::kResolution);
  }
  return plan;
}

absl::Status ValidatePolicy(const core::SlaPolicy& policy) {
  if (policy.bands.empty()) {
    return absl::InvalidArgumentError("a policy needs at least one band of targets");
  }
  if (policy.bands.size() > static_cast<size_t>(kMaxBands)) {
    return absl::InvalidArgumentError(base::StrCat("a policy has at most ", kMaxBands, " bands"));
  }
  std::vector<int> starts;
  bool any_target = false;
  for (const core::SlaTargets& band : policy.bands) {
    if (band.min_priority < 0 || band.min_priority > 100) {
      return absl::InvalidArgumentError("min_priority of a band must be from 0 to 100");
    }
    starts.push_back(band.min_priority);
    for (const auto& [name, minutes] : {std::pair{"first_response_minutes", band.first_response_minutes},
                                        std::pair{"next_response_minutes", band.next_response_minutes},
                                        std::pair{"resolution_minutes", band.resolution_minutes}}) {
      if (minutes < 0 || minutes > kMaxTargetMinutes) {
        return absl::InvalidArgumentError(base::StrCat(
            name, " of the band from priority ", band.min_priority, " must be from 1 to ",
            kMaxTargetMinutes, " business minutes, or null for no target"));
      }
      any_target |= minutes > 0;
    }
  }
  std::sort(starts.begin(), starts.end());
  if (const auto repeat = std::adjacent_find(starts.begin(), starts.end()); repeat != starts.end()) {
    return absl::InvalidArgumentError(
        base::StrCat("two bands start at priority ", *repeat, "; each band needs its own start"));
  }
  if (starts.front() != 0) {
    return absl::InvalidArgumentError(
        "the lowest band must start at priority 0, so every conversation has its targets");
  }
  if (!any_target) {
    return absl::InvalidArgumentError("set at least one target (first response, next response or resolution)");
  }
  if (policy.warn_percent < 0 || policy.warn_percent > 99) {
    return absl::InvalidArgumentError("warn_percent must be from 1 to 99, or null for none");
  }
  if (policy.warn_minutes_before < 0 || policy.warn_minutes_before > kMaxTargetMinutes) {
    return absl::InvalidArgumentError(base::StrCat(
        "warn_minutes_before must be from 1 to ", kMaxTargetMinutes, ", or null for none"));
  }
  if (policy.warn_percent > 0 && policy.warn_minutes_before > 0) {
    return absl::InvalidArgumentError(
        "give either warn_percent or warn_minutes_before, not both");
  }
  return absl::OkStatus();
}

absl::Status ValidateBusinessHours(const core::BusinessHours& hours) {
  return BusinessClock::Create(hours).status();
}

}  // namespace webcare::inbox
