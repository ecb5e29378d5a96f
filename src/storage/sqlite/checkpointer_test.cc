#include "storage/sqlite/checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "storage/sqlite/connection.h"

namespace webcare::storage::sqlite {
namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "checkpointer-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = dir_ + "/test.db";
    auto writer = Connection::Open(path_, /*read_only=*/false);
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = std::move(*writer);
    ASSERT_TRUE(writer_->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                              "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL);").ok());
  }
  void TearDown() override {
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }

  // `count` commits of about a page each.
  void Commit(int count) {
    for (int i = 0; i < count; ++i) {
      auto insert = writer_->Prepare("INSERT INTO t (text) VALUES (?)");
      ASSERT_TRUE(insert.ok()) << insert.status();
      ASSERT_TRUE((*insert)->Bind(1, std::string(3000, 'x')).Run().ok());
    }
  }

  std::string dir_, path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(CheckpointerTest, CopiesTheWalIntoTheDatabaseOnItsOwnThread) {
  auto checkpointer = Checkpointer::Start(path_, *writer_, /*pages=*/20);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  Commit(40);
  for (int i = 0; i < 500 && (*checkpointer)->checkpoints() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GT((*checkpointer)->checkpoints(), 0);
  EXPECT_EQ((*checkpointer)->writer_checkpoints(), 0) << "no commit waited for a checkpoint";
}

TEST_F(CheckpointerTest, LeavesAShortWalAlone) {
  auto checkpointer = Checkpointer::Start(path_, *writer_, /*pages=*/1000);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  Commit(10);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ((*checkpointer)->checkpoints(), 0);
  EXPECT_EQ((*checkpointer)->writer_checkpoints(), 0);
}

TEST_F(CheckpointerTest, TheWriterTakesOverWhenFarBehind) {
  auto checkpointer = Checkpointer::Start(path_, *writer_, /*pages=*/2);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  // One commit of many pages crosses the writer's own limit at once: it checkpoints before
  // the commit returns, whatever the thread is doing.
  ASSERT_TRUE(writer_->Exec("BEGIN").ok());
  Commit(Checkpointer::kWriterTakesOver * 4);
  ASSERT_TRUE(writer_->Exec("COMMIT").ok());
  EXPECT_EQ((*checkpointer)->writer_checkpoints(), 1);
}

TEST_F(CheckpointerTest, RefusesAThresholdBelowOnePage) {
  EXPECT_TRUE(absl::IsInvalidArgument(Checkpointer::Start(path_, *writer_, 0).status()));
}

}  // namespace
}  // namespace webcare::storage::sqlite
