#include "base/strings.h"
#include "storage/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <span>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/read_lease.h"

#include "base/embedded_file.h"
#include "base/status.h"
#include "spdlog/spdlog.h"

namespace webcare::storage::sqlite {

// Defined in the generated migrations_embedded.cc.
std::span<const base::EmbeddedFile> EmbeddedFiles();

namespace {

// The most writes one transaction takes from the queue: enough to absorb a burst, few enough
// that the first of them does not wait long for the last.
constexpr size_t kMaxGroupedWrites = 64;

// The checkpointer copies again while a pass copied more frames than this (what was committed
// during it); the rest, a commit or two, is left to the writer's last step. A quarter of
// SQLite's default automatic checkpoint (1,000 frames), so the writer never copies more than
// a small checkpoint's worth.
constexpr int kLastStepFrames = 250;
// Passes per checkpoint at most: under a bulk import every commit adds thousands of frames and
// the passes would never get below kLastStepFrames; the writer then copies the rest, as
// SQLite's automatic checkpoint would.
constexpr int kMaxCheckpointPasses = 6;

// "0007_add_labels.sql" => 7; 0 when the name does not start with a number.
int MigrationVersion(std::string_view path) {
  int version = 0;
  const size_t digits = path.find_first_not_of("0123456789");
  if (digits == 0 || !base::ParseInt(path.substr(0, digits), version)) return 0;
  return version;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options,
                                                              const base::Clock& clock) {
  if (sqlite3_threadsafe() == 0) {
    return absl::FailedPreconditionError("the SQLite library was built without thread support");
  }
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(options, clock));
  ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, /*read_only=*/false));
  RETURN_IF_ERROR(writer->Exec(kConnectionPragmas));
  RETURN_IF_ERROR(writer->Exec("PRAGMA journal_mode = WAL;"));
  RETURN_IF_ERROR(writer->Exec(options.synchronous_full ? "PRAGMA synchronous = FULL;"
                                                        : "PRAGMA synchronous = NORMAL;"));
  RETURN_IF_ERROR(writer->Exec("PRAGMA cache_size = -65536;"));  // 64 MiB for bulk ingest.
  // Replaces SQLite's automatic checkpoint, which would run inside the writer's commits.
  sqlite3_wal_hook(writer->handle(), &SqliteStore::OnWalCommit, store.get());
  {
    std::lock_guard lock(store->write_mutex_);
    store->writer_ = std::move(writer);
  }
  store->checkpointer_ = std::thread([raw = store.get()] { raw->RunCheckpoints(); });
  RETURN_IF_ERROR(store->Migrate());
  return store;
}

SqliteStore::SqliteStore(SqliteOptions options, const base::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

SqliteStore::~SqliteStore() {
  StopCheckpoints();
  std::lock_guard lock(write_mutex_);
  if (writer_ != nullptr) {
    // Fold the WAL back into the database so the file is self-contained after shutdown.
    (void)writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE);");
  }
}

absl::Status SqliteStore::Migrate() {
  std::vector<base::EmbeddedFile> migrations(EmbeddedFiles().begin(), EmbeddedFiles().end());
  std::sort(migrations.begin(), migrations.end(),
            [](const auto& a, const auto& b) { return MigrationVersion(a.path) < MigrationVersion(b.path); });
  std::lock_guard lock(write_mutex_);
  Connection& db = *writer_;
  RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  int current = 0;
  {
    ASSIGN_OR_RETURN(auto query, db.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    ASSIGN_OR_RETURN(bool row, query->Step());
    if (row) current = static_cast<int>(query->Int(0));
  }
  const int latest = migrations.empty() ? 0 : MigrationVersion(migrations.back().path);
  if (current > latest) {
    return absl::FailedPreconditionError(base::StrCat(
        "the database has schema version ", current, " but this binary knows only up to ", latest,
        "; run a newer webcare or restore a backup made by this version"));
  }
  for (const auto& migration : migrations) {
    const int version = MigrationVersion(migration.path);
    if (version == 0) {
      return absl::InternalError(base::StrCat("migration without a number: ", migration.path));
    }
    if (version <= current) continue;
    spdlog::info("applying migration {}", migration.path);
    RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    absl::Status applied = db.Exec(migration.data);
    if (applied.ok()) {
      auto record = db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      applied = record.ok() ? (*record)->Bind(1, version).Bind(2, migration.path).Bind(3, clock_.NowMicros()).Run()
                            : record.status();
    }
    if (applied.ok()) applied = db.Exec("COMMIT");
    if (!applied.ok()) {
      (void)db.Exec("ROLLBACK");
      return absl::Status(applied.code(),
                          base::StrCat("migration ", migration.path, " failed: ", applied.message()));
    }
    current = version;
  }
  schema_version_ = current;
  return absl::OkStatus();
}

int SqliteStore::OnWalCommit(void* store, ::sqlite3* db, const char* database, int frames) {
  auto& self = *static_cast<SqliteStore*>(store);
  if (self.finish_checkpoint_.exchange(false)) {
    // The checkpointer's last step: the frames committed since its last pass. On the writer,
    // between two commits, so that no commit adds frames meanwhile.
    int log_frames = 0;
    int copied_frames = 0;
    const int result = sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE,
                                                 &log_frames, &copied_frames);
    self.checkpoint_passes_.fetch_add(1, std::memory_order_relaxed);
    if (result == SQLITE_OK && copied_frames == log_frames) {
      self.full_checkpoints_.fetch_add(1, std::memory_order_relaxed);
    }
    // Otherwise a reader still needs old pages: the log is still long, so this hook wakes the
    // checkpointer again on the next commit.
    return SQLITE_OK;
  }
  if (frames >= self.options_.checkpoint_pages) {
    {
      std::lock_guard lock(self.checkpoint_mutex_);
      if (self.checkpointing_) return SQLITE_OK;
      self.checkpoint_due_ = true;
    }
    self.checkpoint_wanted_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteStore::RunCheckpoints() {
  std::unique_ptr<Connection> db;  // The checkpointer's own; opened on first use.
  while (true) {
    {
      std::unique_lock lock(checkpoint_mutex_);
      checkpointing_ = false;
      checkpoint_wanted_.wait(lock, [&] { return checkpoint_due_ || stopping_; });
      if (stopping_) return;
      checkpoint_due_ = false;
      checkpointing_ = true;
    }
    if (db == nullptr) {
      auto opened = Connection::Open(options_.path, /*read_only=*/false);
      absl::Status status = opened.status();
      if (status.ok()) status = (*opened)->Exec(kConnectionPragmas);
      // It must not run SQLite's automatic checkpoint itself, should it ever write.
      if (status.ok()) status = (*opened)->Exec("PRAGMA wal_autocheckpoint = 0;");
      // A connection finds the log when it first reads; before that a checkpoint does nothing.
      if (status.ok()) status = (*opened)->Exec("SELECT count(*) FROM sqlite_schema;");
      if (!status.ok()) {
        // The writer falls back to copying everything in its own commit hook.
        spdlog::warn("checkpointer: cannot open the database: {}", base::ToStd(status.message()));
        finish_checkpoint_ = true;
        continue;
      }
      db = std::move(*opened);
    }
    int copied_before = 0;  // By the previous pass: SQLite counts from the log's start.
    for (int pass = 0; pass < kMaxCheckpointPasses; ++pass) {
      int log_frames = 0;
      int copied_frames = 0;
      // Passive: copies what no reader still needs from the database file; waits for no one.
      const int result = sqlite3_wal_checkpoint_v2(db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                   &log_frames, &copied_frames);
      if (result != SQLITE_OK) {
        // Busy: another process's connection is checkpointing (webcare import, a backup).
        if (result != SQLITE_BUSY) spdlog::warn("checkpointer: {}", sqlite3_errmsg(db->handle()));
        break;
      }
      checkpoint_passes_.fetch_add(1, std::memory_order_relaxed);
      // The log restarted between passes when fewer frames are copied than before.
      const int copied_now =
          copied_frames >= copied_before ? copied_frames - copied_before : copied_frames;
      copied_before = copied_frames;
      if (copied_now <= kLastStepFrames) break;
    }
    finish_checkpoint_ = true;
  }
}

void SqliteStore::StopCheckpoints() {
  if (!checkpointer_.joinable()) return;
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wanted_.notify_one();
  checkpointer_.join();
}

struct SqliteStore::QueuedWrite {
  const std::function<absl::Status(Connection&)>* body;
  absl::Status status;
  bool done = false;  // Set by the leader that ran it, under queue_mutex_.
};

absl::Status SqliteStore::Write(const std::function<absl::Status(Connection&)>& body) {
  // Inside WriteTogether on this thread, which already holds the lock and the transaction.
  if (together_thread_.load() == std::this_thread::get_id()) return WriteNested(body);
  QueuedWrite mine{.body = &body};
  {
    std::lock_guard lock(queue_mutex_);
    queued_writes_.push_back(&mine);
  }
  while (true) {
    std::vector<QueuedWrite*> group;
    {
      std::unique_lock lock(queue_mutex_);
      queue_changed_.wait(lock, [&] { return mine.done || !leading_; });
      if (mine.done) return std::move(mine.status);
      leading_ = true;
    }
    {
      // The group is taken once the writer is free (WriteTogether may hold it), so that it
      // holds every write that queued up meanwhile.
      std::lock_guard write_lock(write_mutex_);
      const auto started = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(queue_mutex_);
        const size_t take = std::min(queued_writes_.size(), kMaxGroupedWrites);
        group.assign(queued_writes_.begin(), queued_writes_.begin() + static_cast<ptrdiff_t>(take));
        queued_writes_.erase(queued_writes_.begin(), queued_writes_.begin() + static_cast<ptrdiff_t>(take));
      }
      CommitGroup(group);
      RecordTransactionTime(started);
    }
    {
      std::lock_guard lock(queue_mutex_);
      for (QueuedWrite* write : group) write->done = true;
      leading_ = false;
    }
    queue_changed_.notify_all();
    // `mine` was in the group unless more than kMaxGroupedWrites were ahead of it.
  }
}

void SqliteStore::CommitGroup(const std::vector<QueuedWrite*>& group) {
  const auto run = [&](QueuedWrite& write) {
    try {
      write.status = (*write.body)(*writer_);
    } catch (const std::exception& error) {
      // The other writes of the group must not pay for it; the caller gets it as an error.
      write.status = absl::InternalError(base::StrCat("write failed: ", error.what()));
    }
  };
  const auto fail = [](std::span<QueuedWrite* const> writes, const absl::Status& status) {
    for (QueuedWrite* write : writes) write->status = status;
  };
  if (absl::Status begun = writer_->Exec("BEGIN IMMEDIATE"); !begun.ok()) {
    fail(group, begun);
    return;
  }
  if (group.size() == 1) {
    // Alone: no savepoint needed, the transaction is the write's own.
    QueuedWrite& write = *group.front();
    run(write);
    if (write.status.ok()) write.status = writer_->Exec("COMMIT");
    if (write.status.ok()) {
      CountCommit(1);
      return;
    }
    (void)writer_->Exec("ROLLBACK");
    author_cache_.clear();  // Ids handed out inside the rolled-back transaction are gone.
    return;
  }
  std::vector<QueuedWrite*> kept;  // Writes whose changes the transaction holds.
  for (QueuedWrite* write : group) {
    write->status = writer_->Exec("SAVEPOINT grouped_write");
    if (write->status.ok()) run(*write);
    if (write->status.ok()) write->status = writer_->Exec("RELEASE grouped_write");
    if (write->status.ok()) {
      kept.push_back(write);
      continue;
    }
    author_cache_.clear();
    if (sqlite3_get_autocommit(writer_->handle()) == 0) {
      (void)writer_->Exec("ROLLBACK TO grouped_write");
      (void)writer_->Exec("RELEASE grouped_write");
      continue;
    }
    // SQLite ended the whole transaction (a full disk, an I/O error): the writes kept so far
    // went with it. They fail with the same reason; the rest of the group starts afresh.
    fail(kept, write->status);
    kept.clear();
    if (absl::Status begun = writer_->Exec("BEGIN IMMEDIATE"); !begun.ok()) {
      const auto next = std::find(group.begin(), group.end(), write) + 1;
      fail(std::span(next, group.end()), begun);
      return;
    }
  }
  if (kept.empty()) {
    (void)writer_->Exec("ROLLBACK");
    return;
  }
  if (absl::Status committed = writer_->Exec("COMMIT"); !committed.ok()) {
    (void)writer_->Exec("ROLLBACK");
    author_cache_.clear();
    fail(kept, committed);
    return;
  }
  CountCommit(static_cast<int64_t>(kept.size()));
}

SqliteStore::ReadLease::~ReadLease() {
  if (connection_ == nullptr) return;
  connection_->SetDeadline(0, nullptr);
  std::lock_guard lock(store_->read_mutex_);
  store_->idle_readers_.push_back(std::move(connection_));
  store_->reader_returned_.notify_one();
}

absl::StatusOr<SqliteStore::ReadLease> SqliteStore::Read() {
  std::unique_ptr<Connection> connection;
  {
    std::unique_lock lock(read_mutex_);
    reader_returned_.wait(lock, [&] {
      return !idle_readers_.empty() || open_readers_ < options_.max_readers;
    });
    if (!idle_readers_.empty()) {
      connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    } else {
      ++open_readers_;
    }
  }
  if (connection == nullptr) {
    auto opened = Connection::Open(options_.path, /*read_only=*/true);
    absl::Status status = opened.status();
    if (opened.ok()) {
      connection = std::move(*opened);
      status = connection->Exec(kConnectionPragmas);
      // Readers map the file: search reads many pages, and mapped reads skip a copy. SQLite
      // caps the size at its build's limit (2 GiB on Debian); beyond that, pages are read into
      // each reader's cache, which is 16 MiB instead of the default 2 MiB so that an inbox's
      // conversations and indexes stay in it (bench/README.md, "Inbox").
      if (status.ok()) status = connection->Exec("PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -16384;");
    }
    if (!status.ok()) {
      std::lock_guard lock(read_mutex_);
      --open_readers_;
      reader_returned_.notify_one();
      return status;
    }
  }
  connection->SetDeadline(clock_.NowMicros() + options_.read_timeout, &clock_);
  return ReadLease(this, std::move(connection));
}

absl::StatusOr<StoreStats> SqliteStore::Stats() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare(
      // Deleted conversations are gone for everyone at once; their posts count until purged.
      "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM conversations WHERE deleted_at IS NULL),"
      " (SELECT count(*) FROM authors), (SELECT count(*) FROM users)"));
  ASSIGN_OR_RETURN(bool row, query->Step());
  StoreStats stats;
  if (row) {
    stats.posts = query->Int(0);
    stats.conversations = query->Int(1);
    stats.authors = query->Int(2);
    stats.users = query->Int(3);
  }
  stats.commits = commits_.load(std::memory_order_relaxed);
  stats.committed_writes = committed_writes_.load(std::memory_order_relaxed);
  stats.checkpoint_passes = checkpoint_passes_.load(std::memory_order_relaxed);
  stats.full_checkpoints = full_checkpoints_.load(std::memory_order_relaxed);
  {
    std::lock_guard lock(transaction_times_mutex_);
    stats.transaction_durations = transaction_durations_;
  }
  return stats;
}

absl::Status SqliteStore::Ping() {
  ASSIGN_OR_RETURN(auto db, Read());
  ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT 1"));
  return query->Run();
}

}  // namespace webcare::storage::sqlite
