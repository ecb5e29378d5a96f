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

// Checkpoints run off the write path (SqliteStore::RunCheckpoints); the log must still start
// again, or it grows by every commit for as long as writes keep coming.
class SqliteCheckpointTest : public ::testing::Test {
 protected:
  static constexpr int kCheckpointPages = 100;

  void SetUp() override {
    dir_ = base::FreshTestDir("sqlite-checkpoints");
    path_ = dir_ + "/webcare.db";
    auto opened = SqliteStore::Open({.path = path_, .checkpoint_pages = kCheckpointPages}, clock_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // One commit of about five log frames (a 16 KiB value spills over overflow pages).
  void WriteSetting(int i) {
    const absl::Status put = store_->PutSetting("key" + std::to_string(i), std::string(16 << 10, 'v'));
    ASSERT_TRUE(put.ok()) << put;
  }
  int64_t FullCheckpoints() {
    auto stats = store_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? stats->full_checkpoints : 0;
  }
  // Waits (up to a minute, for a slow machine) until more than `count` full checkpoints ran,
  // writing one more setting now and then: the checkpointer's last step runs in a commit.
  bool WaitForFullCheckpointsAbove(int64_t count, int& next_key) {
    for (int i = 0; i < 6000; ++i) {
      if (FullCheckpoints() > count) return true;
      if (i % 10 == 0) WriteSetting(next_key++);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  uintmax_t LogBytes() { return std::filesystem::file_size(path_ + "-wal"); }

  std::string dir_;
  std::string path_;
  base::FakeClock clock_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteCheckpointTest, TheLogStartsAgainUnderASteadyStreamOfCommits) {
  // About 4,000 frames, forty times the checkpoint size, one commit after the other.
  constexpr int kWrites = 800;
  for (int i = 0; i < kWrites; ++i) WriteSetting(i);
  int next_key = kWrites;
  ASSERT_TRUE(WaitForFullCheckpointsAbove(0, next_key));

  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_GE(stats->checkpoint_passes, stats->full_checkpoints);
  // Without restarts the log would hold every frame written (over 16 MB); it is overwritten
  // from its start instead. The bound leaves room for a slow checkpointer.
  constexpr uintmax_t kFrameBytes = 4096 + 24;
  EXPECT_LT(LogBytes(), 12 * kCheckpointPages * kFrameBytes) << "the write-ahead log kept growing";

  // Nothing is lost: every value is there after the store closes and opens again.
  store_.reset();
  auto reopened = SqliteStore::Open({.path = path_}, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  for (int i = 0; i < next_key; i += 97) {
    auto value = (*reopened)->GetSetting("key" + std::to_string(i));
    ASSERT_TRUE(value.ok()) << "key" << i << ": " << value.status();
    EXPECT_EQ(value->size(), size_t{16 << 10});
  }
}

TEST_F(SqliteCheckpointTest, AReaderOnAnOldSnapshotDelaysTheRestartAndLosesNothing) {
  int next_key = 0;
  for (; next_key < 50; ++next_key) WriteSetting(next_key);
  // Another process's reader, in a read transaction that sees the first 50 values only.
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const auto count_settings = [&] {
    sqlite3_stmt* query = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader, "SELECT count(*) FROM settings WHERE key LIKE 'key%'", -1,
                                 &query, nullptr),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_step(query), SQLITE_ROW);
    const int64_t count = sqlite3_column_int64(query, 0);
    sqlite3_finalize(query);
    return count;
  };
  ASSERT_EQ(sqlite3_exec(reader, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(count_settings(), 50);

  // Writes go on while the reader holds its snapshot; checkpoints copy only what it no longer
  // needs, so the log cannot start again and grows past the checkpoint size.
  const int64_t full_before = FullCheckpoints();
  for (int i = 0; i < 300; ++i) WriteSetting(next_key++);
  EXPECT_EQ(count_settings(), 50);
  EXPECT_GT(LogBytes(), uintmax_t{kCheckpointPages} * 4096);

  // Once the reader is done, the next checkpoint copies everything.
  ASSERT_EQ(sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(count_settings(), next_key);
  sqlite3_close(reader);
  ASSERT_TRUE(WaitForFullCheckpointsAbove(full_before, next_key));

  store_.reset();
  auto reopened = SqliteStore::Open({.path = path_}, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto last = (*reopened)->GetSetting("key" + std::to_string(next_key - 1));
  EXPECT_TRUE(last.ok()) << last.status();
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
