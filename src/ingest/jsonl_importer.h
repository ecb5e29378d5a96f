#pragma once
// Streams a JSONL file of any size into the store: lines are parsed on the calling thread
// while a second thread writes the previous batch, so parsing and SQLite overlap.
// Bad lines are reported and skipped; good lines are kept. Each batch is one transaction,
// so an interrupted import leaves every committed batch intact and a re-run adds only what
// is missing (ingest is idempotent).

#include <atomic>
#include <cstdio>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "ingest/ingestor.h"

namespace webcare::ingest {

struct ImportProgress {
  int64_t bytes_read = 0;
  int64_t total_bytes = -1;  // -1 when unknown (a pipe).
  int64_t lines = 0;         // Non-empty lines seen.
  int64_t inserted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  base::Micros elapsed = 0;
};

struct RejectedLine {
  int64_t line_number = 0;  // 1-based.
  std::string reason;
};

struct ImportOptions {
  size_t batch_size = 5000;
  // Checked between lines; once set, no further line is read and queued batches are committed.
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const ImportProgress&)> on_progress;  // Called on the calling thread.
  base::Micros progress_interval = 200'000;
  std::function<void(const RejectedLine&)> on_reject;
};

struct ImportSummary {
  ImportProgress totals;
  bool interrupted = false;
};

class JsonlImporter {
 public:
  // `ingestor` and `clock` must outlive the importer.
  JsonlImporter(Ingestor& ingestor, const base::Clock& clock) : ingestor_(ingestor), clock_(clock) {}

  // Reads `input` to its end (or until stopped). Fails only when reading or storing fails;
  // batches committed before the failure stay.
  absl::StatusOr<ImportSummary> Import(std::FILE* input, int64_t total_bytes,
                                       const ImportOptions& options);

 private:
  Ingestor& ingestor_;
  const base::Clock& clock_;
};

}  // namespace webcare::ingest
