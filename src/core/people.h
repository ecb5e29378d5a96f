#pragma once
// The people around a conversation: contacts (customers) and users (the company's staff).

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "core/ids.h"

namespace webcare::core {

// A customer: one person behind one or more author identities, e-mail addresses and numbers.
struct Contact {
  ContactId id;
  std::string name;
  std::string email;
  std::string phone;
  std::string customer_number;
  base::Micros created_at = 0;
};

// Roles are ordered: each role may do everything the roles below it may.
enum class Role { kViewer = 0, kAgent = 1, kLead = 2, kAdmin = 3 };

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
inline bool RoleAtLeast(Role have, Role need) { return static_cast<int>(have) >= static_cast<int>(need); }

struct User {
  UserId id;
  std::string email;
  std::string name;
  Role role = Role::kAgent;
  base::Micros created_at = 0;
  bool disabled = false;
};

struct Team {
  TeamId id;
  std::string name;
};

// A standing monitoring query ("aandachtsgebied") owned by a team.
struct Stream {
  StreamId id;
  std::string name;
  std::string query;
  TeamId owner_team;
  std::string colour;  // "#d97706"
  int priority_weight = 0;  // -100..100, added to the priority of every post it matches.
  bool active = true;       // Inactive streams are kept but match nothing.
  base::Micros created_at = 0;
  base::Micros updated_at = 0;
};

}  // namespace webcare::core
