#pragma once
// SLA timers in the SQLite store (sqlite_sla.cc, sqlite_sla_sweep.cc): recomputed inside the
// writes that change what they depend on, and read with every conversation. Included only
// inside storage/sqlite/.

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "core/conversation.h"
#include "core/sla.h"
#include "storage/sqlite/connection.h"

namespace webcare::storage::sqlite {

// The list's "soonest due first" key: conversations without a running timer sort last. The
// index conversations_by_sla_due (0006_sla.sql) is on this very expression.
inline constexpr std::string_view kSlaOrderKey = "coalesce(c.sla_due_at, 9223372036854775807)";
inline constexpr int64_t kNoSlaDue = std::numeric_limits<int64_t>::max();
inline constexpr std::string_view kSlaOrderBy =
    " ORDER BY coalesce(c.sla_due_at, 9223372036854775807), c.id";
// After the cursor "due.id" (?3 due, ?4 id) of the previous page in that order.
inline constexpr std::string_view kSlaAfterCursor =
    " AND (coalesce(c.sla_due_at, 9223372036854775807) > ?3"
    " OR (coalesce(c.sla_due_at, 9223372036854775807) = ?3 AND c.id > ?4))";

// The SLA column of kConversationColumns (rows.h), a JSON object, read back.
core::ConversationSla ReadConversationSla(const Statement& row, int column);

// Recomputes the SLA timers of `conversations` with `calculator`, inside the caller's write
// transaction on `db`, and stores them with the conversation's state, soonest due and warning
// time. Does nothing without a calculator or while no SLA policy exists. A timer the change
// finishes for good (replaced by a newer one) that breached before the sweep recorded it is
// recorded at once, so no breach is lost.
absl::Status RefreshSla(Connection& db, const core::SlaCalculator* calculator,
                        std::span<const core::ConversationId> conversations, base::Micros now);

inline absl::Status RefreshSla(Connection& db, const core::SlaCalculator* calculator,
                               core::ConversationId conversation, base::Micros now) {
  return RefreshSla(db, calculator, std::span<const core::ConversationId>(&conversation, 1), now);
}

// The same even when no policy exists any more: after a policy or schedule changed.
absl::Status RefreshSlaAlways(Connection& db, const core::SlaCalculator* calculator,
                              std::span<const core::ConversationId> conversations,
                              base::Micros now);

// Records a breach of `timer` (a row in sla_breaches and an "sla.breached" event) unless it
// was recorded already. Used by the refresh and the sweep.
absl::Status RecordSlaBreach(Connection& db, core::ConversationId conversation,
                             const core::SlaTimer& timer, base::Micros now);

// Recomputes the conversation's SLA state, due and warning time from its stored timers.
absl::Status UpdateSlaSummary(Connection& db, core::ConversationId conversation, base::Micros now);

}  // namespace webcare::storage::sqlite
