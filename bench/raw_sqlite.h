#pragma once
// The baselines talk to SQLite directly, without the store's Connection layer: these are the
// few RAII helpers they need.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace webcare::bench {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using RawDb = std::unique_ptr<sqlite3, DbCloser>;
using RawStmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// The PRAGMAs the store sets on its writer connection (sqlite_store.cc), for a fair baseline.
inline constexpr std::string_view kStoreWriterPragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA busy_timeout = 10000;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA cache_size = -65536;";

absl::StatusOr<RawDb> OpenRaw(const std::string& path, bool read_only);
absl::Status ExecRaw(sqlite3* db, std::string_view sql);
absl::StatusOr<RawStmt> PrepareRaw(sqlite3* db, std::string_view sql);
// An error for `code` as returned by sqlite3_step and friends.
absl::Status RawError(sqlite3* db, int code, std::string_view context);

// The text of `column` (empty for NULL) as a view into the statement's row.
inline std::string_view ColumnText(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  return text == nullptr ? std::string_view()
                         : std::string_view(text, sqlite3_column_bytes(stmt, column));
}

}  // namespace webcare::bench
