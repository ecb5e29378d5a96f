#include "base/strings.h"
#include "storage/sqlite/connection.h"


namespace webcare::storage::sqlite {

absl::Status SqliteError(sqlite3* db, int code, std::string_view context) {
  const std::string message =
      base::StrCat(context, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      // Only a uniqueness conflict means "it already exists"; other constraints are bugs or
      // bad data.
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::FailedPreconditionError(message);
    case SQLITE_INTERRUPT:
      return absl::DeadlineExceededError(base::StrCat(context, ": the query took too long"));
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      // The disk, not the caller: the service is unavailable until an operator acts.
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  // SQLite binds a null pointer as NULL; an empty view (which may have one) is the empty text.
  sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "", static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data() != nullptr ? bytes.data() : "", static_cast<int>(bytes.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

absl::StatusOr<bool> Statement::Step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return SqliteError(sqlite3_db_handle(stmt_), code, "query failed");
}

absl::Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text == nullptr ? std::string() : std::string(text, sqlite3_column_bytes(stmt_, column));
}

std::string_view Statement::Blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return data == nullptr ? std::string_view()
                         : std::string_view(data, sqlite3_column_bytes(stmt_, column));
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                             bool read_only) {
  sqlite3* db = nullptr;
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    absl::Status status = SqliteError(db, code, base::StrCat("cannot open database ", path));
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  auto connection = std::unique_ptr<Connection>(new Connection(db));
  sqlite3_progress_handler(db, 10000, &Connection::ProgressHandler, connection.get());
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

absl::Status Connection::Exec(std::string_view sql) {
  char* error = nullptr;
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (code == SQLITE_OK) return absl::OkStatus();
  absl::Status status = SqliteError(db_, code, "statement failed");
  sqlite3_free(error);
  return status;
}

absl::StatusOr<std::unique_ptr<Statement>> Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(base::ToAbsl(sql));
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (code != SQLITE_OK) return SqliteError(db_, code, "cannot prepare statement");
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  return std::make_unique<Statement>(it->second);
}

void Connection::SetDeadline(base::Micros deadline, const base::Clock* clock) {
  deadline_ = deadline;
  clock_ = clock;
}

int Connection::ProgressHandler(void* self) {
  auto* connection = static_cast<Connection*>(self);
  // Non-zero interrupts the running statement.
  return connection->deadline_ != 0 && connection->clock_ != nullptr &&
         connection->clock_->NowMicros() > connection->deadline_;
}

}  // namespace webcare::storage::sqlite
