// SQLite-specific behaviour that the conformance suite cannot express.

#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

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

}  // namespace
}  // namespace webcare::storage::sqlite
