#pragma once
// A conversation groups the posts of one exchange: a reply chain, a DM thread, an e-mail thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "core/ids.h"
#include "core/post.h"
#include "core/sla.h"

namespace webcare::core {

enum class ConversationStatus { kNew, kOpen, kWaiting, kSnoozed, kResolved };

const char* ConversationStatusName(ConversationStatus status);
std::optional<ConversationStatus> ParseConversationStatus(std::string_view name);

// Where a conversation was escalated to: a call by phone, a colleague with expertise, or
// management/PR.
enum class EscalationKind { kPhone, kExpert, kManagement };

const char* EscalationKindName(EscalationKind kind);
std::optional<EscalationKind> ParseEscalationKind(std::string_view name);

struct Escalation {
  EscalationKind kind = EscalationKind::kManagement;
  std::string reason;
  UserId by;
  std::string by_name;  // Filled when read.
  base::Micros at = 0;
};

struct Conversation {
  ConversationId id;
  std::string network;
  std::string channel;
  ConversationStatus status = ConversationStatus::kNew;
  int priority = 0;  // 0..100, higher is more urgent.
  TeamId team;
  UserId assignee;
  std::string assignee_name;  // Filled when read.
  std::string team_name;      // Filled when read.
  AuthorIdentity author;  // Who started it.
  std::string preview;    // Start of the latest post's text.
  bool is_private = false;
  std::string language;         // Of its first post; "" before analysis.
  std::string sentiment_label;  // Of its latest inbound post; "" before analysis.
  std::vector<StreamRef> streams;  // Every stream any of its posts matched, by name.
  std::vector<std::string> labels;  // Sorted.
  std::vector<UserId> experts;      // Colleagues asked to answer it; they may see it.
  base::Micros snoozed_until = 0;   // While snoozed.
  std::optional<Escalation> escalation;  // In force; escalated conversations stand out.
  base::Micros next_follow_up_at = 0;    // Earliest open follow-up's due time; 0: none.
  int64_t post_count = 0;
  base::Micros first_post_at = 0;
  base::Micros last_post_at = 0;
  ConversationSla sla;  // Its SLA timers and state (docs/sla.md).
};

}  // namespace webcare::core
