// SQLite-specific behaviour that the conformance suite cannot express.

#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string_view>

#include "storage/sqlite/connection.h"

namespace webcare::storage::sqlite {
namespace {

TEST(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  const std::string dir = testing::TempDir() + "sqlite-newer";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  base::FakeClock clock;
  const SqliteOptions options{.path = dir + "/webcare.db"};
  {
    auto store = SqliteStore::Open(options, clock);
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_GE((*store)->schema_version(), 1);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(options.path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (9999, 'future.sql', 0)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = SqliteStore::Open(options, clock);
  EXPECT_TRUE(absl::IsFailedPrecondition(reopened.status())) << reopened.status();
  std::filesystem::remove_all(dir);
}

TEST(ConnectionTest, AnEmptyViewIsBoundAsEmptyTextNotAsNull) {
  const std::string dir = testing::TempDir() + "sqlite-empty-view";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = Connection::Open(dir + "/test.db", /*read_only=*/false);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (text TEXT NOT NULL, bytes BLOB NOT NULL)").ok());
  auto insert = (*db)->Prepare("INSERT INTO t VALUES (?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.status();
  const absl::Status inserted = (*insert)->Bind(1, std::string_view()).BindBlob(2, std::string_view()).Run();
  EXPECT_TRUE(inserted.ok()) << inserted;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace webcare::storage::sqlite
