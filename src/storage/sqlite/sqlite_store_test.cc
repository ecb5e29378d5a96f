// SQLite-specific behaviour that the conformance suite cannot express.

#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string_view>
#include <thread>
#include <vector>

#include "base/test_dir.h"
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

// A fresh store of the test's own, and its stats before the test writes.
class SqliteStoreWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("sqlite-writes");
    auto opened = SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
    auto stats = store_->Stats();
    ASSERT_TRUE(stats.ok()) << stats.status();
    before_ = *stats;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  base::FakeClock clock_;
  std::unique_ptr<SqliteStore> store_;
  StoreStats before_;
};

// Group commit (SqliteStore::Write): writes that wait behind another are committed together,
// and the one that fails takes nothing of the others with it.
TEST_F(SqliteStoreWriteTest, WritesThatQueueUpCommitTogetherAndFailAlone) {
  SqliteStore& store = *store_;
  const StoreStats& before = before_;

  // A long write holds the writer while eight others queue up behind it.
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    EXPECT_TRUE(store.WriteTogether([&] {
      holding.set_value();
      released.wait();
      return absl::OkStatus();
    }).ok());
  });
  holding.get_future().wait();
  constexpr int kWriters = 8, kFailing = 3;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      core::NewPost post{.network = "x", .channel = "x:@brand", .external_id = "queued" + std::to_string(i),
                         .author = {.network = "x", .handle = "@queued" + std::to_string(i)},
                         .text = "help", .created_at = 1};
      if (i == kFailing) {
        // Routed to a team that does not exist: refused inside the transaction, after its
        // conversation was opened.
        post.classification.analysed = true;
        post.classification.team = core::TeamId(999);
      }
      results[i] = store.InsertPosts({&post, 1}).status();
    });
  }
  // Release the long write only once all eight wait behind it, however slow the machine.
  for (int i = 0; i < 6000 && store.queued_writes() < kWriters; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(store.queued_writes(), static_cast<size_t>(kWriters));  // Releases even so: threads wait.
  release.set_value();
  holder.join();
  for (std::thread& writer : writers) writer.join();

  for (int i = 0; i < kWriters; ++i) {
    if (i == kFailing) {
      EXPECT_FALSE(results[i].ok()) << "writer " << i;
    } else {
      EXPECT_TRUE(results[i].ok()) << "writer " << i << ": " << results[i];
    }
  }
  const auto after = store.Stats();
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->posts - before.posts, kWriters - 1);
  EXPECT_EQ(after->conversations - before.conversations, kWriters - 1);  // Not the failed one's.
  EXPECT_EQ(after->committed_writes - before.committed_writes, kWriters);  // The long one too.
  // The long write's commit, then the queued ones in one (two if a writer came late).
  EXPECT_LE(after->commits - before.commits, 3);
}

// /metrics shows how long write transactions hold the writer (docs/operations.md).
TEST_F(SqliteStoreWriteTest, EveryWriteTransactionIsTimedWhetherItCommitsOrNot) {
  SqliteStore& store = *store_;
  const StoreStats& before = before_;

  ASSERT_TRUE(store.CreateTeam("Support").ok());
  ASSERT_TRUE(store.CreateTeam("PR").ok());
  EXPECT_TRUE(absl::IsAlreadyExists(store.CreateTeam("Support").status()));  // Rolled back.

  const auto after = store.Stats();
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->commits - before.commits, 2);
  const base::DurationHistogram& times = after->transaction_durations;
  EXPECT_EQ(times.count - before.transaction_durations.count, 3);
  EXPECT_GT(times.sum, before.transaction_durations.sum);
  // Buckets count cumulatively, as Prometheus reads them.
  for (size_t i = 1; i < times.buckets.size(); ++i) EXPECT_LE(times.buckets[i - 1], times.buckets[i]);
  EXPECT_LE(times.buckets.back(), times.count);
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
