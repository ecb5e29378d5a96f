#pragma once
// The company's own settings that replies use: its name (the {{ company.name }} of canned
// answers) and whether links in replies become tracked short links. One settings document,
// `company`, edited by admins (PUT /api/v1/settings/company).

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/store.h"

namespace webcare::inbox {

// The settings key: {"name": "...", "track_links": true}.
inline constexpr char kCompanySetting[] = "company";

struct CompanySettings {
  std::string name;         // Empty until an admin sets it.
  bool track_links = true;  // Replace the links in replies by short links that count clicks.
};

// The stored settings, or the defaults when they were never saved. Internal when the stored
// document is not the expected JSON object.
absl::StatusOr<CompanySettings> LoadCompanySettings(storage::Store& store);
// Checks (the name: at most 200 bytes of text on one line, spaces at the ends removed) and
// stores the settings. InvalidArgument with a sentence for the user.
absl::Status SaveCompanySettings(storage::Store& store, CompanySettings settings);

}  // namespace webcare::inbox
