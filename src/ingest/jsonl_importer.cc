#include "ingest/jsonl_importer.h"

#include <pthread.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "base/strings.h"
#include "ingest/interchange.h"
#include "storage/payload_codec.h"

namespace webcare::ingest {
namespace {

// Batches handed from the parsing thread to the writing thread. Two in flight keep both busy
// while bounding memory to a few batches.
class BatchQueue {
 public:
  static constexpr size_t kCapacity = 2;

  // Blocks while full. False when the consumer has failed (nothing more will be taken).
  bool Push(std::vector<core::NewPost> batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kCapacity || failed_; });
    if (failed_) return false;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }

  // Blocks while empty. False once closed and drained.
  bool Pop(std::vector<core::NewPost>& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    batch = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }

  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  void Fail(absl::Status status) {
    std::lock_guard lock(mutex_);
    failed_ = true;
    status_ = std::move(status);
    changed_.notify_all();
  }

  absl::Status status() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<core::NewPost>> queue_;
  bool closed_ = false;
  bool failed_ = false;
  absl::Status status_;
};

// Owns a buffer allocated by getline().
struct LineBuffer {
  char* data = nullptr;
  size_t capacity = 0;
  ~LineBuffer() { std::free(data); }
};

}  // namespace

absl::StatusOr<ImportSummary> JsonlImporter::Import(std::FILE* input, int64_t total_bytes,
                                                    const ImportOptions& options) {
  const base::Micros start = clock_.NowMicros();
  ImportSummary summary;
  summary.totals.total_bytes = total_bytes;
  std::atomic<int64_t> inserted{0}, duplicates{0};
  BatchQueue queue;

  // The writer blocks SIGINT and SIGTERM so that they interrupt the reading thread's read().
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &blocked, &previous);
  std::thread writer([&] {
    std::vector<core::NewPost> batch;
    while (queue.Pop(batch)) {
      auto result = ingestor_.Ingest(batch);
      if (!result.ok()) {
        queue.Fail(result.status());
        return;
      }
      inserted += result->inserted;
      duplicates += result->duplicates;
    }
  });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);

  InterchangeParser parser;
  LineBuffer line;
  std::vector<core::NewPost> batch;
  batch.reserve(options.batch_size);
  int64_t line_number = 0;
  base::Micros last_progress = start;
  absl::Status read_status;
  bool writer_failed = false;

  // Analysis also runs here rather than on the writing thread, for the same reason as
  // compression. An author's posts in the batch being written at the same time are not yet
  // visible to its repeat-contact count (docs/formats/jsonl.md).
  const auto ship = [&]() -> bool {
    if (absl::Status analysed = ingestor_.Analyze(batch); !analysed.ok()) {
      read_status = analysed;
      return false;
    }
    if (!queue.Push(std::move(batch))) {
      writer_failed = true;
      return false;
    }
    return true;
  };

  const auto report = [&] {
    summary.totals.inserted = inserted.load();
    summary.totals.duplicates = duplicates.load();
    summary.totals.elapsed = clock_.NowMicros() - start;
    if (options.on_progress) options.on_progress(summary.totals);
  };

  while (true) {
    if (options.stop != nullptr && options.stop->load()) {
      summary.interrupted = true;
      break;
    }
    errno = 0;
    const ssize_t length = getline(&line.data, &line.capacity, input);
    if (length < 0) {
      if (errno == EINTR) continue;  // A signal: the loop head decides whether to stop.
      if (std::ferror(input)) {
        read_status = absl::DataLossError(base::StrCat("read failed after line ", line_number,
                                                       ": ", std::strerror(errno)));
      }
      break;
    }
    ++line_number;
    summary.totals.bytes_read += length;
    std::string_view text(line.data, static_cast<size_t>(length));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (line_number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // BOM.
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++summary.totals.lines;
    auto post = parser.Parse(text);
    if (!post.ok()) {
      ++summary.totals.rejected;
      if (options.on_reject) {
        options.on_reject({line_number, std::string(base::ToStd(post.status().message()))});
      }
    } else {
      // Compressing here, on the parsing thread, keeps it off the writing thread, which is
      // the import's bottleneck.
      post->raw_compressed = storage::CompressPayload(post->raw);
      post->raw.clear();
      batch.push_back(std::move(*post));
      if (batch.size() >= options.batch_size) {
        if (!ship()) break;
        batch.clear();
        batch.reserve(options.batch_size);
      }
    }
    const base::Micros now = clock_.NowMicros();
    if (now - last_progress >= options.progress_interval) {
      last_progress = now;
      report();
    }
  }
  if (!writer_failed && read_status.ok() && !batch.empty()) ship();
  queue.Close();
  writer.join();
  report();
  if (absl::Status stored = queue.status(); !stored.ok()) return stored;
  if (!read_status.ok()) return read_status;
  return summary;
}

}  // namespace webcare::ingest
