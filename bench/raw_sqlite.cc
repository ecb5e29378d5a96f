#include "bench/raw_sqlite.h"

#include "base/strings.h"

namespace webcare::bench {

absl::Status RawError(sqlite3* db, int code, std::string_view context) {
  return absl::InternalError(
      base::StrCat(context, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code)));
}

absl::StatusOr<RawDb> OpenRaw(const std::string& path, bool read_only) {
  sqlite3* handle = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  RawDb db(handle);
  if (code != SQLITE_OK) return RawError(handle, code, base::StrCat("cannot open ", path));
  return db;
}

absl::Status ExecRaw(sqlite3* db, std::string_view sql) {
  const int code = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return RawError(db, code, base::StrCat("cannot run ", sql));
  return absl::OkStatus();
}

absl::StatusOr<RawStmt> PrepareRaw(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int code = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (code != SQLITE_OK) return RawError(db, code, base::StrCat("cannot prepare ", sql));
  return RawStmt(stmt);
}

}  // namespace webcare::bench
