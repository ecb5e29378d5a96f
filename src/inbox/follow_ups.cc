#include "inbox/follow_ups.h"

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "spdlog/spdlog.h"

namespace webcare::inbox {
namespace {

constexpr std::string_view kSettingsKey = "follow_ups";
constexpr size_t kMaxTextBytes = 1000;
constexpr base::Micros kMaxAhead = 366LL * 24 * 3600 * base::kMicrosPerSecond;
// A due time a little in the past is fine (the form took a while to fill in).
constexpr base::Micros kPastSlack = 5 * 60 * base::kMicrosPerSecond;

absl::Status CheckText(std::string_view text, std::string_view what) {
  if (base::Trim(text).empty()) return absl::InvalidArgumentError(base::StrCat(what, " is required"));
  if (text.size() > kMaxTextBytes) {
    return absl::InvalidArgumentError(base::StrCat(what, " is longer than ", kMaxTextBytes, " bytes"));
  }
  if (!base::IsValidUtf8(text)) return absl::InvalidArgumentError(base::StrCat(what, " is not valid UTF-8"));
  return absl::OkStatus();
}

}  // namespace

absl::TimeZone LoadZoneOrUtc(const std::string& name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    spdlog::warn("time zone {} is not known on this machine (install tzdata); using UTC", name);
    return absl::UTCTimeZone();
  }
  return zone;
}

absl::StatusOr<FollowUpSettings> LoadFollowUpSettings(storage::Store& store) {
  FollowUpSettings settings;
  auto stored = store.GetSetting(std::string(kSettingsKey));
  if (absl::IsNotFound(stored.status())) return settings;
  if (!stored.ok()) return stored.status();
  const auto document = nlohmann::json::parse(*stored, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return absl::DataLossError("the follow-up settings are not a JSON object");
  settings.escalate_after_minutes = document.value("escalate_after_minutes", settings.escalate_after_minutes);
  settings.time_zone = document.value("time_zone", settings.time_zone);
  return settings;
}

absl::Status SaveFollowUpSettings(storage::Store& store, const FollowUpSettings& settings) {
  if (settings.escalate_after_minutes < 0 || settings.escalate_after_minutes > 7 * 24 * 60) {
    return absl::InvalidArgumentError("escalate_after_minutes must be between 0 and 10080 (a week)");
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(settings.time_zone, &zone)) {
    return absl::InvalidArgumentError(base::StrCat("unknown time zone \"", settings.time_zone,
                                                   "\"; use an IANA name such as Europe/Amsterdam"));
  }
  return store.PutSetting(std::string(kSettingsKey),
                          nlohmann::json{{"escalate_after_minutes", settings.escalate_after_minutes},
                                         {"time_zone", settings.time_zone}}
                              .dump());
}

FollowUpService::FollowUpService(storage::Store& store, InboxService& inbox, core::EventSink& events,
                                 const base::Clock& clock)
    : store_(store), inbox_(inbox), events_(events), clock_(clock) {}

void FollowUpService::Announce(int64_t seq) { events_.Publish(core::EventsRecorded{.up_to = seq}); }

absl::StatusOr<core::Conversation> FollowUpService::Editable(const Viewer& viewer, core::ConversationId id) {
  ASSIGN_OR_RETURN(core::Conversation conversation, inbox_.Get(viewer, id));
  if (!core::RoleAtLeast(viewer.user.role, core::Role::kAgent)) {
    return absl::PermissionDeniedError("viewers cannot change conversations");
  }
  return conversation;
}

absl::StatusOr<std::vector<core::FollowUp>> FollowUpService::List(const Viewer& viewer, core::ConversationId id) {
  RETURN_IF_ERROR(inbox_.Get(viewer, id).status());
  return store_.ListFollowUps({.conversation = id});
}

absl::StatusOr<std::vector<core::FollowUp>> FollowUpService::Mine(const Viewer& viewer, bool open_only) {
  return store_.ListFollowUps({.owner = viewer.user.id, .open_only = open_only});
}

absl::StatusOr<core::FollowUp> FollowUpService::Add(const Viewer& viewer, core::ConversationId id,
                                                    NewFollowUp request) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Editable(viewer, id));
  RETURN_IF_ERROR(CheckText(request.text, "text"));
  const base::Micros now = clock_.NowMicros();
  if (request.due_at < now - kPastSlack) return absl::InvalidArgumentError("due_at lies in the past");
  if (request.due_at > now + kMaxAhead) return absl::InvalidArgumentError("due_at is more than a year ahead");
  if (!base::IsValidUtf8(request.phone) || request.phone.size() > 40) {
    return absl::InvalidArgumentError("phone must be a phone number of at most 40 characters");
  }
  ASSIGN_OR_RETURN(auto added, store_.AddFollowUp({.conversation = conversation.id,
                                                   .kind = request.kind,
                                                   .owner = request.owner.valid() ? request.owner : viewer.user.id,
                                                   .created_by = viewer.user.id,
                                                   .text = std::string(base::Trim(request.text)),
                                                   .phone = std::string(base::Trim(request.phone)),
                                                   .source = request.source,
                                                   .due_at = request.due_at}));
  Announce(added.second);
  return std::move(added.first);
}

absl::StatusOr<core::FollowUp> FollowUpService::Close(const Viewer& viewer, core::FollowUpId id,
                                                      core::FollowUpState state) {
  ASSIGN_OR_RETURN(core::FollowUp follow_up, store_.GetFollowUp(id));
  RETURN_IF_ERROR(Editable(viewer, follow_up.conversation).status());
  const bool own = follow_up.owner == viewer.user.id || follow_up.created_by == viewer.user.id;
  if (!own && !viewer.SeesAll()) {
    return absl::PermissionDeniedError("only its owner, its maker or a lead can close this follow-up");
  }
  ASSIGN_OR_RETURN(auto closed, store_.CloseFollowUp(id, state, viewer.user.id, clock_.NowMicros()));
  Announce(closed.second);
  return std::move(closed.first);
}

absl::StatusOr<core::Conversation> FollowUpService::Escalate(const Viewer& viewer, core::ConversationId id,
                                                             EscalationRequest request) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Editable(viewer, id));
  RETURN_IF_ERROR(CheckText(request.reason, "reason"));
  const base::Micros now = clock_.NowMicros();
  storage::NewEscalation escalation{.conversation = conversation.id,
                                    .kind = request.kind,
                                    .reason = std::string(base::Trim(request.reason)),
                                    .by = viewer.user.id,
                                    .at = now};
  switch (request.kind) {
    case core::EscalationKind::kExpert:
      if (!request.expert.valid()) return absl::InvalidArgumentError("expert_id is required to escalate to an expert");
      if (request.expert == viewer.user.id) return absl::InvalidArgumentError("you cannot escalate to yourself");
      escalation.expert = request.expert;
      break;
    case core::EscalationKind::kManagement:
      escalation.team = request.team;
      break;
    case core::EscalationKind::kPhone:
      if (request.call_at != 0 && request.call_at < now - kPastSlack) {
        return absl::InvalidArgumentError("call_at lies in the past");
      }
      if (!base::IsValidUtf8(request.phone) || request.phone.size() > 40) {
        return absl::InvalidArgumentError("phone must be a phone number of at most 40 characters");
      }
      escalation.call = core::FollowUp{.kind = core::FollowUpKind::kCall,
                                       .owner = request.caller.valid() ? request.caller : viewer.user.id,
                                       .text = base::StrCat("Call ", conversation.author.name.empty()
                                                                         ? conversation.author.handle
                                                                         : conversation.author.name,
                                                            ": ", escalation.reason),
                                       .phone = std::string(base::Trim(request.phone)),
                                       .due_at = request.call_at != 0 ? request.call_at : now};
      break;
  }
  ASSIGN_OR_RETURN(storage::Changed changed, store_.AddEscalation(escalation));
  Announce(changed.seq);
  return std::move(changed.conversation);
}

absl::StatusOr<core::Conversation> FollowUpService::EndEscalation(const Viewer& viewer, core::ConversationId id) {
  ASSIGN_OR_RETURN(core::Conversation conversation, Editable(viewer, id));
  if (!conversation.escalation) {
    return absl::FailedPreconditionError("this conversation is not escalated");
  }
  if (!viewer.SeesAll() && conversation.escalation->by != viewer.user.id) {
    return absl::PermissionDeniedError("only a lead or whoever escalated can withdraw the escalation");
  }
  ASSIGN_OR_RETURN(storage::Changed changed, store_.EndEscalation(id, viewer.user.id, clock_.NowMicros()));
  Announce(changed.seq);
  return std::move(changed.conversation);
}

absl::StatusOr<std::vector<Promise>> FollowUpService::Promises(std::string_view text) {
  ASSIGN_OR_RETURN(FollowUpSettings settings, LoadFollowUpSettings(store_));
  return DetectPromises(text, clock_.NowMicros(), LoadZoneOrUtc(settings.time_zone));
}

absl::Status FollowUpService::RemindAndEscalate() {
  ASSIGN_OR_RETURN(FollowUpSettings settings, LoadFollowUpSettings(store_));
  ASSIGN_OR_RETURN(storage::FollowUpAlerts alerts,
                   store_.AlertDueFollowUps(clock_.NowMicros(),
                                            int64_t{settings.escalate_after_minutes} * 60 * base::kMicrosPerSecond));
  if (alerts.reminded + alerts.escalated > 0) Announce(0);
  return absl::OkStatus();
}

}  // namespace webcare::inbox
