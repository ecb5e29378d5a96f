// Names of the SLA enums as they appear in storage and JSON.

#include "core/sla.h"

#include <utility>

namespace webcare::core {
namespace {

constexpr std::pair<SlaKind, const char*> kKindNames[] = {
    {SlaKind::kFirstResponse, "first_response"},
    {SlaKind::kNextResponse, "next_response"},
    {SlaKind::kResolution, "resolution"}};
constexpr std::pair<SlaState, const char*> kStateNames[] = {
    {SlaState::kNone, "none"}, {SlaState::kOk, "ok"}, {SlaState::kWarning, "warning"},
    {SlaState::kBreached, "breached"}};

}  // namespace

const char* SlaKindName(SlaKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<SlaKind> ParseSlaKind(std::string_view name) {
  for (const auto& [value, value_name] : kKindNames) {
    if (name == value_name) return value;
  }
  return std::nullopt;
}

const char* SlaStateName(SlaState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return name;
  }
  return "unknown";
}

std::optional<SlaState> ParseSlaState(std::string_view name) {
  for (const auto& [value, value_name] : kStateNames) {
    if (name == value_name) return value;
  }
  return std::nullopt;
}

}  // namespace webcare::core
