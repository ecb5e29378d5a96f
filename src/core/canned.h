#pragma once
// Canned answers (ready-made replies with {{ variables }}, per team or company-wide) and tracked
// links (the short links that replace the links in a reply, counting clicks per conversation).
// docs/canned-answers.md.

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/strong_id.h"
#include "core/ids.h"

namespace webcare::core {

using CannedAnswerId = base::StrongId<struct CannedAnswerTag>;
using TrackedLinkId = base::StrongId<struct TrackedLinkTag>;

struct CannedAnswer {
  CannedAnswerId id;
  TeamId team;             // Unset: company-wide, offered to everyone.
  std::string team_name;   // Filled when read.
  std::string title;       // "Storing: we kijken ernaar"
  std::string shortcut;    // "storing": lower case ASCII letters, digits, '-' and '_'.
  std::string body;        // With {{ variables }}.
  std::string network;     // Empty: any network; else offered only on this network's conversations.
  UserId created_by;
  std::string created_by_name;  // Filled when read.
  base::Micros created_at = 0;
  UserId updated_by;
  std::string updated_by_name;  // Filled when read.
  base::Micros updated_at = 0;
  int64_t usage_count = 0;  // How often it was inserted into a reply.
  base::Micros last_used_at = 0;  // 0: never.
};

// A link in a reply, replaced by <public URL>/l/<code>. Only the number of clicks and the
// times of the first and last click are kept: nothing about who clicked.
struct TrackedLink {
  TrackedLinkId id;
  std::string code;  // Random, URL-safe; the only key a visitor has.
  ConversationId conversation;
  PostId post;       // The reply that first carried it.
  std::string url;   // The original http:// or https:// address.
  UserId created_by;
  base::Micros created_at = 0;
  int64_t clicks = 0;
  base::Micros first_clicked_at = 0;  // 0: never clicked.
  base::Micros last_clicked_at = 0;
};

}  // namespace webcare::core
