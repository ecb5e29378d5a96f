#pragma once
// Folds the write-ahead log back into the database file on a thread of its own.
//
// Why: SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
// writer. With every commit fsynced and a WAL of ~40 MB, that one commit copies 10,000 pages
// into a large file and fsyncs it, and every write queued behind it waits: on the inbox
// benchmark this was the tail of POST /posts, and so of realtime delivery. Here the writer
// only notices that the WAL is long (its commit hook) and wakes this thread, which checkpoints
// PASSIVE-ly on its own connection while writes go on.
//
// A passive checkpoint cannot copy frames written after it started, so the WAL is restarted
// only by a commit after a checkpoint that caught up; the hook wakes the thread again on
// every commit while the WAL is long, so it catches up between writes. Should it fall far
// behind (a disk slower than the writes), the writer checkpoints itself as SQLite would.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"

struct sqlite3;

namespace webcare::storage::sqlite {

class Connection;

class Checkpointer {
 public:
  // Opens its own connection to `path` and hooks `writer`'s commits (which replaces SQLite's
  // automatic checkpoint on that connection). Checkpoints once the WAL holds `pages` pages;
  // the writer takes over at `pages * kWriterTakesOver`. `writer` must outlive the
  // checkpointer and must not commit while it is constructed or destroyed.
  static absl::StatusOr<std::unique_ptr<Checkpointer>> Start(const std::string& path, Connection& writer,
                                                             int pages);
  // Stops the thread and gives the writer SQLite's automatic checkpoint back.
  ~Checkpointer();

  static constexpr int kWriterTakesOver = 8;

  // Checkpoints run by the thread, and by the writer because the thread was far behind; for
  // tests and diagnostics.
  int64_t checkpoints();
  int64_t writer_checkpoints();

 private:
  Checkpointer(std::unique_ptr<Connection> connection, Connection& writer, int pages);
  // sqlite3_wal_hook: called on the writer's thread after each commit with the WAL's length.
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Run();

  std::unique_ptr<Connection> connection_;  // Used by the thread only.
  Connection& writer_;
  const int pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ ABSL_GUARDED_BY(mutex_) = false;
  bool stop_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t checkpoints_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t writer_checkpoints_ ABSL_GUARDED_BY(mutex_) = 0;
  std::thread thread_;
};

}  // namespace webcare::storage::sqlite
