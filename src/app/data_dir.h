#pragma once
// The data folder (`--data`, default ./webcare-data): holds the SQLite database and, later,
// attachments. Opening it creates it and applies migrations.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::app {

inline constexpr char kDefaultDataDir[] = "./webcare-data";

std::string DatabasePath(const std::string& data_dir);
bool DatabaseExists(const std::string& data_dir);
absl::StatusOr<std::unique_ptr<storage::sqlite::SqliteStore>> OpenDataDir(const std::string& data_dir,
                                                                         const base::Clock& clock);

}  // namespace webcare::app
