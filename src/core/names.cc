// Names of the domain enums as they appear in storage and JSON.

#include <string_view>

#include "core/conversation.h"
#include "core/follow_up.h"
#include "core/inbox.h"
#include "core/people.h"
#include "core/post.h"

namespace webcare::core {
namespace {

template <typename Enum, size_t N>
std::optional<Enum> FindByName(const std::pair<Enum, const char*> (&table)[N], std::string_view name) {
  for (const auto& [value, value_name] : table) {
    if (name == value_name) return value;
  }
  return std::nullopt;
}

template <typename Enum, size_t N>
const char* NameOf(const std::pair<Enum, const char*> (&table)[N], Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::pair<Direction, const char*> kDirections[] = {
    {Direction::kInbound, "inbound"}, {Direction::kOutbound, "outbound"}};
constexpr std::pair<ConversationStatus, const char*> kStatuses[] = {
    {ConversationStatus::kNew, "new"},         {ConversationStatus::kOpen, "open"},
    {ConversationStatus::kWaiting, "waiting"}, {ConversationStatus::kSnoozed, "snoozed"},
    {ConversationStatus::kResolved, "resolved"}};
constexpr std::pair<DeliveryState, const char*> kDeliveryStates[] = {
    {DeliveryState::kPending, "pending"}, {DeliveryState::kDelivered, "delivered"},
    {DeliveryState::kFailed, "failed"}};
constexpr std::pair<EscalationKind, const char*> kEscalationKinds[] = {
    {EscalationKind::kPhone, "phone"}, {EscalationKind::kExpert, "expert"},
    {EscalationKind::kManagement, "management"}};
constexpr std::pair<FollowUpKind, const char*> kFollowUpKinds[] = {
    {FollowUpKind::kFollowUp, "follow_up"}, {FollowUpKind::kCall, "call"}};
constexpr std::pair<FollowUpState, const char*> kFollowUpStates[] = {
    {FollowUpState::kOpen, "open"}, {FollowUpState::kDone, "done"}, {FollowUpState::kCancelled, "cancelled"}};
constexpr std::pair<FollowUpSource, const char*> kFollowUpSources[] = {
    {FollowUpSource::kManual, "manual"}, {FollowUpSource::kPromise, "promise"},
    {FollowUpSource::kEscalation, "escalation"}};
constexpr std::pair<NotificationKind, const char*> kNotificationKinds[] = {
    {NotificationKind::kMention, "mention"},
    {NotificationKind::kAssigned, "assigned"},
    {NotificationKind::kEscalation, "escalation"},
    {NotificationKind::kApprovalRequested, "approval_requested"},
    {NotificationKind::kReplyRejected, "reply_rejected"},
    {NotificationKind::kFollowUpAssigned, "follow_up.assigned"},
    {NotificationKind::kFollowUpDue, "follow_up.due"},
    {NotificationKind::kFollowUpOverdue, "follow_up.overdue"},
    {NotificationKind::kSlaWarning, "sla_warning"},
    {NotificationKind::kSlaBreached, "sla_breached"}};
constexpr std::pair<Role, const char*> kRoles[] = {
    {Role::kViewer, "viewer"}, {Role::kAgent, "agent"}, {Role::kLead, "lead"}, {Role::kAdmin, "admin"}};

}  // namespace

const char* DeliveryStateName(DeliveryState state) { return NameOf(kDeliveryStates, state); }
std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
  return FindByName(kDeliveryStates, name);
}
const char* NotificationKindName(NotificationKind kind) { return NameOf(kNotificationKinds, kind); }
std::optional<NotificationKind> ParseNotificationKind(std::string_view name) {
  return FindByName(kNotificationKinds, name);
}
const char* DirectionName(Direction direction) { return NameOf(kDirections, direction); }
std::optional<Direction> ParseDirection(std::string_view name) { return FindByName(kDirections, name); }

const char* ConversationStatusName(ConversationStatus status) { return NameOf(kStatuses, status); }
std::optional<ConversationStatus> ParseConversationStatus(std::string_view name) {
  return FindByName(kStatuses, name);
}

const char* EscalationKindName(EscalationKind kind) { return NameOf(kEscalationKinds, kind); }
std::optional<EscalationKind> ParseEscalationKind(std::string_view name) {
  return FindByName(kEscalationKinds, name);
}

const char* FollowUpKindName(FollowUpKind kind) { return NameOf(kFollowUpKinds, kind); }
std::optional<FollowUpKind> ParseFollowUpKind(std::string_view name) {
  return FindByName(kFollowUpKinds, name);
}
const char* FollowUpStateName(FollowUpState state) { return NameOf(kFollowUpStates, state); }
std::optional<FollowUpState> ParseFollowUpState(std::string_view name) {
  return FindByName(kFollowUpStates, name);
}
const char* FollowUpSourceName(FollowUpSource source) { return NameOf(kFollowUpSources, source); }
std::optional<FollowUpSource> ParseFollowUpSource(std::string_view name) {
  return FindByName(kFollowUpSources, name);
}

const char* RoleName(Role role) { return NameOf(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) { return FindByName(kRoles, name); }

}  // namespace webcare::core
