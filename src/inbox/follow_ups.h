#pragma once
// Follow-ups and escalations: what an agent promised or must still do on a conversation, and
// conversations handed up (to phone, to an expert, to management/PR). The rules live here;
// the store keeps each change with its event in one transaction; the chore round reminds
// owners of due follow-ups and tells leads about overdue ones.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "core/event.h"
#include "core/follow_up.h"
#include "inbox/inbox_service.h"
#include "inbox/promises.h"
#include "storage/store.h"

namespace webcare::inbox {

// The company-wide follow-up settings (setting "follow_ups").
struct FollowUpSettings {
  // An open follow-up this long past its due time is reported to the leads.
  int escalate_after_minutes = 30;
  // The company's local time: promises ("morgen") are read in it.
  std::string time_zone = "Europe/Amsterdam";
};
absl::StatusOr<FollowUpSettings> LoadFollowUpSettings(storage::Store& store);
// InvalidArgument for an unknown time zone or a negative delay.
absl::Status SaveFollowUpSettings(storage::Store& store, const FollowUpSettings& settings);

struct NewFollowUp {
  core::FollowUpKind kind = core::FollowUpKind::kFollowUp;
  std::string text;
  std::string phone;  // For a call; the customer's known number when empty.
  base::Micros due_at = 0;
  core::UserId owner;  // Unset: the viewer.
  core::FollowUpSource source = core::FollowUpSource::kManual;
};

struct EscalationRequest {
  core::EscalationKind kind = core::EscalationKind::kManagement;
  std::string reason;
  core::UserId expert;  // Required for kExpert.
  core::TeamId team;    // kManagement: the team to hand it to (e.g. PR); unset keeps the team.
  std::string phone;    // kPhone: the number to call; the customer's known number when empty.
  base::Micros call_at = 0;  // kPhone: when to call; 0: now.
  core::UserId caller;       // kPhone: who calls; unset: the viewer.
};

class FollowUpService {
 public:
  // All must outlive the service.
  FollowUpService(storage::Store& store, InboxService& inbox, core::EventSink& events,
                  const base::Clock& clock);

  // The conversation's follow-ups, open ones first by due time.
  absl::StatusOr<std::vector<core::FollowUp>> List(const Viewer& viewer, core::ConversationId id);
  // The viewer's own follow-ups across conversations.
  absl::StatusOr<std::vector<core::FollowUp>> Mine(const Viewer& viewer, bool open_only);
  absl::StatusOr<core::FollowUp> Add(const Viewer& viewer, core::ConversationId id, NewFollowUp request);
  // Done or cancelled, by its owner, its maker, or a lead.
  absl::StatusOr<core::FollowUp> Close(const Viewer& viewer, core::FollowUpId id, core::FollowUpState state);

  absl::StatusOr<core::Conversation> Escalate(const Viewer& viewer, core::ConversationId id,
                                              EscalationRequest request);
  // Withdraws the escalation in force: by a lead or by whoever escalated.
  absl::StatusOr<core::Conversation> EndEscalation(const Viewer& viewer, core::ConversationId id);

  // The promises in a reply text, with due times in the company's time zone.
  absl::StatusOr<std::vector<Promise>> Promises(std::string_view text);

  // One chore round: remind owners of due follow-ups, report overdue ones to leads.
  absl::Status RemindAndEscalate();

 private:
  absl::StatusOr<core::Conversation> Editable(const Viewer& viewer, core::ConversationId id);
  void Announce(int64_t seq);

  storage::Store& store_;
  InboxService& inbox_;
  core::EventSink& events_;
  const base::Clock& clock_;
};

// The time zone by IANA name; UTC (with a warning in the log) when this machine lacks it.
absl::TimeZone LoadZoneOrUtc(const std::string& name);

}  // namespace webcare::inbox
