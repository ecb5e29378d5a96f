#pragma once
// Service-level agreements (docs/sla.md): business hours per team, SLA policies with targets
// per priority band, and the timers every conversation runs against them.
//
// The store keeps the timers; when a write changes what they depend on (a post, a reply, the
// status, team or priority, a policy) it gathers the facts and asks an SlaCalculator for the
// conversation's timers as they should now be, and stores them in the same transaction. The
// calculator (inbox/sla.h) holds every rule in one place; the store only persists.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "core/ids.h"

namespace webcare::core {

// The three clocks of a conversation.
enum class SlaKind {
  kFirstResponse,  // From the first inbound post to the first reply.
  kNextResponse,   // From the oldest unanswered inbound post to the next reply.
  kResolution,     // From the start of the cycle (first post or reopening) to resolved.
};
inline constexpr SlaKind kSlaKinds[] = {SlaKind::kFirstResponse, SlaKind::kNextResponse,
                                        SlaKind::kResolution};
const char* SlaKindName(SlaKind kind);  // "first_response", "next_response", "resolution"
std::optional<SlaKind> ParseSlaKind(std::string_view name);

// How a conversation stands against its running timers.
enum class SlaState {
  kNone,      // No timer runs: no policy, answered and resolved, or only our own posts.
  kOk,        // Timers run, none near its due time.
  kWarning,   // A running timer passed its warning time.
  kBreached,  // A running timer passed its due time.
};
const char* SlaStateName(SlaState state);  // "none", "ok", "warning", "breached"
std::optional<SlaState> ParseSlaState(std::string_view name);

// One opening interval of a weekday, in local time. `closes` <= `opens` means the interval
// runs past midnight into the next day (a night shift, 22:00-06:00).
struct OpeningInterval {
  int weekday = 1;   // ISO: 1 Monday .. 7 Sunday.
  int opens = 0;     // Minutes after local midnight, 0..1439.
  int closes = 0;    // Minutes after local midnight, 1..1440 (1440: midnight at the end).
};

// A day the team is closed although the week says open (a public holiday), local date.
struct ClosedDate {
  std::string date;  // "2026-12-25"
  std::string name;  // "Christmas Day"; may be empty.
};

// When a team counts SLA time. Teams without their own schedule use the default one; with
// no default either, every minute counts (24/7 in UTC).
struct BusinessHours {
  TeamId team;                    // Unset: the default schedule.
  std::string time_zone = "UTC";  // IANA name, "Europe/Amsterdam".
  bool always_open = false;       // 24/7: `intervals` and `closed` are ignored.
  std::vector<OpeningInterval> intervals;
  std::vector<ClosedDate> closed;
  base::Micros updated_at = 0;
};

// The targets of one priority band, in business minutes; 0: no target of that kind.
struct SlaTargets {
  int min_priority = 0;  // The band holds priorities from here up to the next band's start.
  int first_response_minutes = 0;
  int next_response_minutes = 0;
  int resolution_minutes = 0;
};

// The SLA of a team (or the default for teams without one and for conversations without a
// team). A warning is given when `warn_percent` of a target is used, or `warn_minutes_before`
// business minutes before it is due; at most one of the two is set (0: none).
struct SlaPolicy {
  TeamId team;                     // Unset: the default policy.
  std::vector<SlaTargets> bands;   // By min_priority ascending; the first starts at 0.
  int warn_percent = 0;            // 1..99
  int warn_minutes_before = 0;
  base::Micros updated_at = 0;
};

// One clock of one conversation. Times are UTC micros; 0 means "not (yet)".
struct SlaTimer {
  SlaKind kind = SlaKind::kFirstResponse;
  int target_minutes = 0;
  base::Micros started_at = 0;
  base::Micros due_at = 0;
  base::Micros warn_at = 0;      // 0: the policy gives no warning.
  base::Micros stopped_at = 0;   // 0: running. Set by the reply, the resolution, or closing.
  base::Micros warned_at = 0;    // When the warning was recorded (once per timer).
  base::Micros breached_at = 0;  // When the breach was recorded (once per timer).

  bool running() const { return stopped_at == 0; }
  // Breached: still running past its due time, or stopped after it.
  bool Breached(base::Micros now) const {
    return running() ? now >= due_at : stopped_at > due_at;
  }
};

// The state of a conversation with these timers at `now`: breached when a running timer is
// past due, warning when one is past its warning time, ok when any runs, else none.
inline SlaState SlaStateAt(const std::vector<SlaTimer>& timers, base::Micros now) {
  SlaState state = SlaState::kNone;
  for (const SlaTimer& timer : timers) {
    if (!timer.running()) continue;
    if (now >= timer.due_at) return SlaState::kBreached;
    if (timer.warn_at != 0 && now >= timer.warn_at) {
      state = SlaState::kWarning;
    } else if (state == SlaState::kNone) {
      state = SlaState::kOk;
    }
  }
  return state;
}

// The SLA side of a conversation, as read with it.
struct ConversationSla {
  // As of the last write or sweep (every few seconds); `due_at` and `warn_at` let a screen
  // count down exactly.
  SlaState state = SlaState::kNone;
  base::Micros due_at = 0;   // Soonest due time of the running timers; 0: none runs.
  base::Micros warn_at = 0;  // Soonest warning time of the running timers; 0: none.
  base::Micros first_response_at = 0;        // When the first reply was made; 0: not yet.
  int64_t first_response_business_seconds = -1;  // Its wait in business time; -1: not yet.
  std::vector<SlaTimer> timers;  // The latest timer of each kind, running or stopped.
};

// What the store knows of a conversation when its timers are (re)computed.
struct SlaFacts {
  int priority = 0;
  bool resolved = false;
  base::Micros first_inbound_at = 0;    // 0: no inbound post (we started it): no timers.
  base::Micros first_response_at = 0;   // First outbound post at or after first_inbound_at.
  // Oldest inbound post after both the latest outbound post and the latest resolution.
  base::Micros unanswered_since = 0;
  // Oldest inbound post after the latest resolution (the post that reopened it).
  base::Micros first_inbound_after_resolution = 0;
  // First outbound post at or after the running next-response timer's start; 0: none or no
  // such timer.
  base::Micros answered_at = 0;
  // Kept from the previous computation: start of the current cycle (first inbound post, or
  // reopening) and the latest resolution (0: never resolved).
  base::Micros cycle_start = 0;
  base::Micros resolved_at = 0;
  std::vector<SlaTimer> timers;  // As stored before this change.
};

// The timers as they should be stored after a change, and the bookkeeping to keep.
struct SlaPlan {
  std::vector<SlaTimer> timers;  // Timers of kinds left out are deleted.
  base::Micros cycle_start = 0;
  base::Micros resolved_at = 0;
  base::Micros first_response_at = 0;
  int64_t first_response_business_seconds = -1;
};

// Computes a conversation's timers. Implemented by inbox::SlaCalculatorImpl (inbox/sla.h);
// the store calls it inside its write transactions, so it must not call the store.
class SlaCalculator {
 public:
  virtual ~SlaCalculator() = default;
  // `policy` null: no policy applies (running timers end, stopped ones are kept). `hours` is
  // the schedule of the conversation's team, already resolved to the default or 24/7.
  // Thread-safe.
  virtual SlaPlan Plan(const SlaFacts& facts, const SlaPolicy* policy, const BusinessHours& hours,
                       base::Micros now) const = 0;
};

}  // namespace webcare::core
