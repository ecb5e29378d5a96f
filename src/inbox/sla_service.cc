#include "inbox/sla_service.h"

#include <algorithm>

#include "base/status.h"
#include "base/strings.h"
#include "inbox/sla.h"

namespace webcare::inbox {
namespace {

constexpr int kMaxReportThreshold = 7 * 24 * 60;  // A week of business minutes.
constexpr int kCatchUpBatch = 1000;

absl::Status MayRead(const core::User& actor) {
  if (!core::RoleAtLeast(actor.role, core::Role::kLead)) {
    return absl::PermissionDeniedError("only leads and administrators see SLA settings and reports");
  }
  return absl::OkStatus();
}

absl::Status MayChange(const core::User& actor) {
  if (actor.role != core::Role::kAdmin) {
    return absl::PermissionDeniedError("only administrators change business hours and SLA policies");
  }
  return absl::OkStatus();
}

}  // namespace

SlaService::SlaService(storage::Store& store, core::EventSink& events, const base::Clock& clock)
    : store_(store), events_(events), clock_(clock) {}

absl::StatusOr<std::vector<core::BusinessHours>> SlaService::ListBusinessHours(const core::User& actor) {
  RETURN_IF_ERROR(MayRead(actor));
  return store_.ListBusinessHours();
}

absl::StatusOr<core::BusinessHours> SlaService::PutBusinessHours(const core::User& actor,
                                                                 const core::BusinessHours& hours) {
  RETURN_IF_ERROR(MayChange(actor));
  RETURN_IF_ERROR(ValidateBusinessHours(hours));
  return store_.PutBusinessHours(hours);
}

absl::Status SlaService::DeleteBusinessHours(const core::User& actor, core::TeamId team) {
  RETURN_IF_ERROR(MayChange(actor));
  return store_.DeleteBusinessHours(team);
}

absl::StatusOr<std::vector<core::SlaPolicy>> SlaService::ListPolicies(const core::User& actor) {
  RETURN_IF_ERROR(MayRead(actor));
  return store_.ListSlaPolicies();
}

absl::StatusOr<core::SlaPolicy> SlaService::PutPolicy(const core::User& actor, core::SlaPolicy policy) {
  RETURN_IF_ERROR(MayChange(actor));
  RETURN_IF_ERROR(ValidatePolicy(policy));
  std::sort(policy.bands.begin(), policy.bands.end(),
            [](const core::SlaTargets& a, const core::SlaTargets& b) { return a.min_priority < b.min_priority; });
  return store_.PutSlaPolicy(policy);
}

absl::Status SlaService::DeletePolicy(const core::User& actor, core::TeamId team) {
  RETURN_IF_ERROR(MayChange(actor));
  return store_.DeleteSlaPolicy(team);
}

absl::Status SlaService::CatchUp() {
  std::lock_guard lock(mutex_);
  if (!seen_) {
    ASSIGN_OR_RETURN(seen_, store_.LastEventSeq());
    return absl::OkStatus();
  }
  while (true) {
    ASSIGN_OR_RETURN(std::vector<core::Event> events, store_.ListEvents(*seen_, kCatchUpBatch));
    std::vector<core::ConversationId> conversations;
    for (const core::Event& event : events) {
      if (!event.conversation.valid()) continue;
      for (const std::string_view kind : kSlaCatchUpKinds) {
        if (event.kind == kind) conversations.push_back(event.conversation);
      }
    }
    RETURN_IF_ERROR(store_.RecomputeSla(conversations));
    if (!events.empty()) seen_ = events.back().seq;
    if (events.size() < static_cast<size_t>(kCatchUpBatch)) return absl::OkStatus();
  }
}

absl::StatusOr<storage::SlaSweep> SlaService::Sweep() {
  RETURN_IF_ERROR(CatchUp());
  const base::Micros now = clock_.NowMicros();
  ASSIGN_OR_RETURN(storage::SlaSweep sweep, store_.RecordSlaAlerts(now, now - kSlaNotifyWindow, kSlaSweepLimit));
  if (sweep.last_seq > 0) events_.Publish(core::EventsRecorded{.up_to = sweep.last_seq});
  return sweep;
}

absl::StatusOr<storage::SlaReport> SlaService::Report(const core::User& actor,
                                                      const storage::SlaReportQuery& query) {
  RETURN_IF_ERROR(MayRead(actor));
  if (query.until <= query.since) return absl::InvalidArgumentError("until must lie after since");
  if (query.within_minutes < 1 || query.within_minutes > kMaxReportThreshold) {
    return absl::InvalidArgumentError(
        base::StrCat("within must be a whole number of minutes from 1 to ", kMaxReportThreshold));
  }
  return store_.ReportSla(query);
}

}  // namespace webcare::inbox
