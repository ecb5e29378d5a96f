#pragma once
// The SLA service (docs/sla.md): business hours and policies that administrators edit, the
// sweep that records warnings and breaches, and the "% answered within N minutes" report.
// The timers themselves are recomputed by the store with the calculator of sla.h.

#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "core/event.h"
#include "core/people.h"
#include "core/sla.h"
#include "storage/store.h"

namespace webcare::inbox {

// Warnings and breaches that happened longer ago than this when the sweep finds them are
// recorded but not announced to anyone (the server was down, or a new policy met old
// conversations): a pile of stale notifications helps nobody.
inline constexpr base::Micros kSlaNotifyWindow = 15 * 60 * base::kMicrosPerSecond;
// Per sweep round, of warnings and of breaches each; the next round takes the rest.
inline constexpr int kSlaSweepLimit = 500;
// Event kinds of writes that change what SLA clocks depend on without recomputing them: the
// sweep recomputes those conversations (an escalation may hand one to another team, a
// restored conversation comes back from a batch delete).
inline constexpr std::string_view kSlaCatchUpKinds[] = {"conversation.escalated", "conversation.restored"};

class SlaService {
 public:
  // All three must outlive the service.
  SlaService(storage::Store& store, core::EventSink& events, const base::Clock& clock);

  // Reading is for leads and admins; changing for admins only (PermissionDenied otherwise).
  // InvalidArgument with a sentence for a schedule or policy that does not hold; NotFound
  // for an unknown team, or deleting what the team does not have.
  absl::StatusOr<std::vector<core::BusinessHours>> ListBusinessHours(const core::User& actor);
  absl::StatusOr<core::BusinessHours> PutBusinessHours(const core::User& actor,
                                                       const core::BusinessHours& hours);
  absl::Status DeleteBusinessHours(const core::User& actor, core::TeamId team);
  absl::StatusOr<std::vector<core::SlaPolicy>> ListPolicies(const core::User& actor);
  absl::StatusOr<core::SlaPolicy> PutPolicy(const core::User& actor, core::SlaPolicy policy);
  absl::Status DeletePolicy(const core::User& actor, core::TeamId team);

  // One round of the sweep (a chore runs it every few seconds): recomputes the conversations
  // of kSlaCatchUpKinds events since the previous round, then records warnings and breaches;
  // wakes the event sink when it recorded anything. Called from one thread at a time.
  absl::StatusOr<storage::SlaSweep> Sweep();

  // The service's clock, for defaults such as a report's period.
  base::Micros Now() const { return clock_.NowMicros(); }

  // For leads and admins. InvalidArgument for an empty period or a threshold out of range.
  absl::StatusOr<storage::SlaReport> Report(const core::User& actor,
                                            const storage::SlaReportQuery& query);

 private:
  // Recomputes the clocks that writes of kSlaCatchUpKinds left as they were.
  absl::Status CatchUp();

  storage::Store& store_;
  core::EventSink& events_;
  const base::Clock& clock_;
  std::mutex mutex_;
  // The last event CatchUp looked at; unset until the first round, which starts at the end of
  // the log rather than replaying history.
  std::optional<int64_t> seen_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace webcare::inbox
