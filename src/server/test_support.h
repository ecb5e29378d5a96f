#pragma once
// Shared fixture pieces for the server's unit tests: a real SQLite store in a temp folder.

#include <gtest/gtest.h>

#include <filesystem>

#include "base/clock.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::server::testing_support {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("server");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  base::FakeClock clock_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
};

}  // namespace webcare::server::testing_support
