#pragma once
// What the inbox records around a conversation: its events (history and live feed), internal
// notes, notifications to users, and the delivery of replies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "core/ids.h"

namespace webcare::core {

// One change, in commit order. `seq` orders all events of the installation; a screen that
// reconnects asks for the events after the last seq it saw, so none is lost or shown twice.
struct Event {
  int64_t seq = 0;
  base::Micros at = 0;
  std::string kind;  // "posts.added", "conversation.claimed", ... (docs/realtime.md)
  ConversationId conversation;  // Unset for events about no conversation.
  UserId actor;                 // Unset: the customer or the system.
  std::string actor_name;       // Filled when read.
  std::string data;             // JSON object, by kind.
};

// A change to record with the write that causes it.
struct NewEvent {
  std::string kind;
  UserId actor;
  std::string data = "{}";
};

// An internal note: seen by colleagues only, never sent to the customer.
struct Note {
  NoteId id;
  ConversationId conversation;
  UserId author;
  std::string author_name;  // Filled when read.
  std::string text;
  std::vector<UserId> mentions;  // Colleagues who get a notification.
  base::Micros created_at = 0;
};

// Why a user is told about a conversation (docs/api: Notification.kind).
enum class NotificationKind {
  kMention,            // A note mentions them.
  kAssigned,           // Someone else gave them the conversation.
  kEscalation,         // Asked as an expert, or a lead of a conversation escalated to management.
  kApprovalRequested,  // A reply waits for their four-eyes review.
  kReplyRejected,      // Their reply was rejected.
  kFollowUpAssigned,   // Someone else gave them a follow-up.
  kFollowUpDue,        // Their follow-up is due.
  kFollowUpOverdue,    // A follow-up of their team is overdue (leads).
  kSlaWarning,         // An SLA clock is about to run out.
  kSlaBreached,        // An SLA clock ran out.
};
const char* NotificationKindName(NotificationKind kind);
std::optional<NotificationKind> ParseNotificationKind(std::string_view name);

struct Notification {
  NotificationId id;
  UserId user;
  NotificationKind kind = NotificationKind::kMention;
  ConversationId conversation;
  UserId actor;
  std::string actor_name;  // Filled when read.
  std::string text;
  base::Micros created_at = 0;
  base::Micros read_at = 0;  // 0: unread.
};

enum class DeliveryState { kPending, kDelivered, kFailed };
const char* DeliveryStateName(DeliveryState state);
std::optional<DeliveryState> ParseDeliveryState(std::string_view name);

// How far a reply written in Webcare is on its way to the network.
struct Delivery {
  OutboxId id;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::string last_error;
  base::Micros next_attempt_at = 0;  // While pending.
  base::Micros delivered_at = 0;
};

}  // namespace webcare::core
