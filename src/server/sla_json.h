#pragma once
// JSON shapes of the SLA objects (docs/api/openapi.yaml, docs/sla.md): a conversation's
// `sla`, business hours and policies, and reading the latter two from request bodies.

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "core/sla.h"
#include "storage/store.h"

namespace webcare::server {

nlohmann::json ToJson(const core::ConversationSla& sla);
nlohmann::json ToJson(const core::BusinessHours& hours);
nlohmann::json ToJson(const core::SlaPolicy& policy);
nlohmann::json ToJson(const storage::SlaReport& report);

// A schedule or policy for `team` from a request body; InvalidArgument naming the field that
// is missing or of the wrong type. The rules that need no JSON (a time zone that exists, a
// week with open time) are the service's (inbox/sla.h).
absl::StatusOr<core::BusinessHours> BusinessHoursFromJson(const nlohmann::json& body, core::TeamId team);
absl::StatusOr<core::SlaPolicy> PolicyFromJson(const nlohmann::json& body, core::TeamId team);

// "09:00" => 540 minutes after midnight; "24:00" only when `end_of_day_ok`.
absl::StatusOr<int> ParseClockTime(std::string_view text, bool end_of_day_ok);
std::string FormatClockTime(int minutes);

}  // namespace webcare::server
