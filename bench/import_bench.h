#pragma once
// Figure 1: import throughput and peak memory of `webcare import` against bare SQLite inserts.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "base/clock.h"

namespace webcare::bench {

struct GenerateResult {
  int64_t posts = 0;
  int64_t bytes = 0;
  double seconds = 0;
};

// Writes `posts` demo posts (seed, end time fixed by the caller) as JSONL to `path`.
absl::StatusOr<GenerateResult> GenerateJsonl(const std::string& path, int64_t posts, uint64_t seed,
                                             base::Micros end_time);

struct ImportMeasurement {
  double seconds = 0;      // Store open + import + store close (the final WAL checkpoint).
  double cpu_seconds = 0;  // User + system CPU time of those, both importer threads.
  int64_t inserted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  double peak_mb = 0;   // VmHWM of the importing process, MB (10^6 bytes).
  double start_mb = 0;  // Its VmRSS before the import began (inherited from the fork).
};

// Imports `jsonl` into a new database at `db_path` exactly as `webcare import` does
// (SqliteStore + Ingestor + JsonlImporter), in a forked child so its memory high-water mark
// is its own. The calling process must not have started any thread.
absl::StatusOr<ImportMeasurement> MeasureImport(const std::string& jsonl,
                                                const std::string& db_path, size_t batch_size);

struct BaselineMeasurement {
  double seconds = 0;      // Insert transactions + close; loading rows is not timed.
  double cpu_seconds = 0;  // User + system CPU time of the same.
  int64_t inserted = 0;
};

// Bare SQLite: a fresh database with the same migrations and PRAGMAs, the authors and
// conversations of `ours_db` copied in untimed, then the same posts rows (read from `ours_db`)
// plus post_payloads with the uncompressed raw line (read from `jsonl`) inserted with prepared
// statements, `batch_size` rows per transaction.
absl::StatusOr<BaselineMeasurement> MeasureBaselineImport(const std::string& jsonl,
                                                          const std::string& ours_db,
                                                          const std::string& db_path,
                                                          size_t batch_size);

}  // namespace webcare::bench
