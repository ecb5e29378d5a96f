#pragma once
// Follow-ups: tasks with a due time on a conversation ("call back tomorrow 10:00"). Their owner
// is reminded when one is due; the owner's leads are told when it is overdue.

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "core/ids.h"

namespace webcare::core {

enum class FollowUpKind { kFollowUp, kCall };
const char* FollowUpKindName(FollowUpKind kind);
std::optional<FollowUpKind> ParseFollowUpKind(std::string_view name);

enum class FollowUpState { kOpen, kDone, kCancelled };
const char* FollowUpStateName(FollowUpState state);
std::optional<FollowUpState> ParseFollowUpState(std::string_view name);

// How a follow-up came to be: written by hand, accepted from a promise detected in a reply, or
// made by escalating a conversation to phone.
enum class FollowUpSource { kManual, kPromise, kEscalation };
const char* FollowUpSourceName(FollowUpSource source);
std::optional<FollowUpSource> ParseFollowUpSource(std::string_view name);

struct FollowUp {
  FollowUpId id;
  ConversationId conversation;
  FollowUpKind kind = FollowUpKind::kFollowUp;
  UserId owner;
  std::string owner_name;  // Filled when read.
  UserId created_by;
  std::string text;   // What to do: "Bel terug over de storing".
  std::string phone;  // For a call: the number to call.
  FollowUpSource source = FollowUpSource::kManual;
  base::Micros due_at = 0;
  FollowUpState state = FollowUpState::kOpen;
  base::Micros created_at = 0;
  base::Micros reminded_at = 0;   // 0: not yet.
  base::Micros escalated_at = 0;  // 0: not yet.
  base::Micros closed_at = 0;
  UserId closed_by;
};

}  // namespace webcare::core
