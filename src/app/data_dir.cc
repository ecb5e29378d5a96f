#include "app/data_dir.h"

#include <filesystem>

#include "base/strings.h"
#include "inbox/sla.h"

namespace webcare::app {

std::string DatabasePath(const std::string& data_dir) { return data_dir + "/webcare.db"; }

bool DatabaseExists(const std::string& data_dir) {
  std::error_code ignored;
  return std::filesystem::exists(DatabasePath(data_dir), ignored);
}

absl::StatusOr<std::unique_ptr<storage::sqlite::SqliteStore>> OpenDataDir(const std::string& data_dir,
                                                                         const base::Clock& clock) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    return absl::FailedPreconditionError(
        base::StrCat("cannot create the data folder ", data_dir, ": ", error.message()));
  }
  // Every command that writes keeps the SLA timers (inbox/sla.h), so they are never stale.
  return storage::sqlite::SqliteStore::Open(
      {.path = DatabasePath(data_dir), .sla_calculator = &inbox::SlaCalculatorImpl::Instance()}, clock);
}

absl::StatusOr<std::unique_ptr<IngestStack>> OpenIngest(storage::Store& store, core::EventSink& events) {
  auto stack = std::make_unique<IngestStack>(store, events);
  if (absl::Status loaded = stack->ingestor.ReloadConfiguration(); !loaded.ok()) {
    return absl::Status(loaded.code(), base::StrCat("loading streams and routing rules: ", loaded.message()));
  }
  return stack;
}

}  // namespace webcare::app
