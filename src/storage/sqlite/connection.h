#pragma once
// A thin RAII layer over one sqlite3 connection: prepared statements cached per connection,
// values bound by position, every failure turned into an absl::Status.
//
// Thread-safety: a Connection is used by one thread at a time (the store hands connections
// out through a pool).

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "base/clock.h"

namespace webcare::storage::sqlite {

// Settings every connection of the store runs with, writer and readers alike.
inline constexpr std::string_view kConnectionPragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA busy_timeout = 10000;"
    "PRAGMA temp_store = MEMORY;";

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  // Resets the statement and clears its bindings so the cached copy can be reused.
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& BindDouble(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // NULL for the empty string.
  Statement& BindOptional(int index, std::string_view text);

  // True when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, for statements that return no rows.
  absl::Status Run();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if needed) the database file. `read_only` connections cannot write.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
  ~Connection();

  // Runs SQL that needs no parameters (may contain several statements).
  absl::Status Exec(std::string_view sql);
  // Returns a cached prepared statement; the Statement resets it when it goes out of scope.
  absl::StatusOr<std::unique_ptr<Statement>> Prepare(std::string_view sql);

  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() { return db_; }

  // Interrupts statements that run past `deadline` (wall clock micros); 0 disables.
  void SetDeadline(base::Micros deadline, const base::Clock* clock);

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  static int ProgressHandler(void* self);

  sqlite3* db_;
  absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
  base::Micros deadline_ = 0;
  const base::Clock* clock_ = nullptr;
};

// Steps `statement` to its end and returns `read(statement)` of every row.
template <typename Read>
auto CollectRows(Statement& statement, Read read)
    -> absl::StatusOr<std::vector<decltype(read(statement))>> {
  std::vector<decltype(read(statement))> rows;
  while (true) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) return rows;
    rows.push_back(read(statement));
  }
}

// Maps an SQLite result code to a Status (busy/locked => Unavailable, constraint =>
// AlreadyExists, interrupt => DeadlineExceeded, the rest => Internal).
absl::Status SqliteError(sqlite3* db, int code, std::string_view context);

}  // namespace webcare::storage::sqlite
