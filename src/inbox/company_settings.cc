#include "inbox/company_settings.h"

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace webcare::inbox {
namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;

}  // namespace

absl::StatusOr<CompanySettings> LoadCompanySettings(storage::Store& store) {
  auto text = store.GetSetting(kCompanySetting);
  if (absl::IsNotFound(text.status())) return CompanySettings{};
  if (!text.ok()) return text.status();
  const json value = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) {
    return absl::InternalError("the stored company setting is not a JSON object");
  }
  CompanySettings settings;
  if (const auto name = value.find("name"); name != value.end() && name->is_string()) {
    settings.name = name->get<std::string>();
  }
  if (const auto track = value.find("track_links"); track != value.end() && track->is_boolean()) {
    settings.track_links = track->get<bool>();
  }
  return settings;
}

absl::Status SaveCompanySettings(storage::Store& store, CompanySettings settings) {
  settings.name = std::string(base::Trim(settings.name));
  if (settings.name.size() > kMaxNameBytes || !base::IsValidUtf8(settings.name) ||
      settings.name.find_first_of("\r\n\t") != std::string::npos) {
    return absl::InvalidArgumentError(
        base::StrCat("the company name is at most ", kMaxNameBytes, " bytes of text on one line"));
  }
  return store.PutSetting(kCompanySetting,
                          json{{"name", settings.name}, {"track_links", settings.track_links}}.dump());
}

}  // namespace webcare::inbox
