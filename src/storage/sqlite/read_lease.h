#pragma once
// SqliteStore's reader connections on loan; included only by the store's own .cc files.

#include <memory>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/sqlite_store.h"

namespace webcare::storage::sqlite {

// Returns its connection to the pool when destroyed.
class SqliteStore::ReadLease {
 public:
  ReadLease(SqliteStore* store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ReadLease(ReadLease&&) noexcept = default;
  ~ReadLease();
  Connection* operator->() { return connection_.get(); }
  Connection& operator*() { return *connection_; }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace webcare::storage::sqlite
