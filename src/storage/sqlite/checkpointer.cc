#include "storage/sqlite/checkpointer.h"

#include "base/status.h"
#include "base/strings.h"
#include "storage/sqlite/connection.h"
#include "spdlog/spdlog.h"

namespace webcare::storage::sqlite {

absl::StatusOr<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path, Connection& writer,
                                                                  int pages) {
  if (pages < 1) return absl::InvalidArgumentError("the checkpoint threshold must be at least one page");
  ASSIGN_OR_RETURN(auto connection, Connection::Open(path, /*read_only=*/false));
  RETURN_IF_ERROR(connection->Exec(kConnectionPragmas));
  auto checkpointer = std::unique_ptr<Checkpointer>(new Checkpointer(std::move(connection), writer, pages));
  sqlite3_wal_hook(writer.handle(), &Checkpointer::OnCommit, checkpointer.get());
  checkpointer->thread_ = std::thread([raw = checkpointer.get()] { raw->Run(); });
  return checkpointer;
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection, Connection& writer, int pages)
    : connection_(std::move(connection)), writer_(writer), pages_(pages) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Back to SQLite's own checkpoint at the same threshold (this also removes our hook).
  sqlite3_wal_autocheckpoint(writer_.handle(), pages_);
}

int64_t Checkpointer::checkpoints() {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

int64_t Checkpointer::writer_checkpoints() {
  std::lock_guard lock(mutex_);
  return writer_checkpoints_;
}

int Checkpointer::OnCommit(void* self, sqlite3* db, const char* schema, int pages) {
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (pages < checkpointer.pages_) return SQLITE_OK;
  if (pages >= checkpointer.pages_ * kWriterTakesOver) {
    // Far behind: keep the WAL from growing without bound, at the cost of this commit's time.
    (void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    std::lock_guard lock(checkpointer.mutex_);
    ++checkpointer.writer_checkpoints_;
    return SQLITE_OK;
  }
  {
    std::lock_guard lock(checkpointer.mutex_);
    checkpointer.due_ = true;
  }
  checkpointer.wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::Run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || due_; });
      if (stop_) return;
      due_ = false;
    }
    int log_frames = 0;
    int copied_frames = 0;
    const int code = sqlite3_wal_checkpoint_v2(connection_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                               &log_frames, &copied_frames);
    if (code != SQLITE_OK && code != SQLITE_BUSY) {
      spdlog::warn("checkpoint: {}",
                   base::ToStd(SqliteError(connection_->handle(), code, "wal_checkpoint").message()));
    }
    std::lock_guard lock(mutex_);
    ++checkpoints_;
  }
}

}  // namespace webcare::storage::sqlite
