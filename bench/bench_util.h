#pragma once
// Small pieces shared by the benchmark figures: a stopwatch, percentiles, the process's memory
// high-water mark, progress lines, temporary folders, and the result table (text and JSON).

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace webcare::bench {

// Monotonic wall-clock stopwatch.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  void Restart() { start_ = std::chrono::steady_clock::now(); }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double Millis() const { return Seconds() * 1e3; }

 private:
  std::chrono::steady_clock::time_point start_;
};

// CPU time (user + system) of the whole process so far, all threads, in seconds.
double ProcessCpuSeconds();

// The three load averages of /proc/loadavg ("0.52 0.58 0.59"); empty when unreadable.
std::string LoadAverage();

// Nearest-rank percentile (q in [0, 1]) of `samples`; 0 when empty. Sorts a copy.
double Percentile(std::vector<double> samples, double q);

// A field of /proc/self/status ("VmHWM", "VmRSS") in MB (10^6 bytes); -1 when unreadable.
double ProcStatusMB(std::string_view field);

// Prints one progress line to stderr, prefixed with "[bench] ".
void Progress(std::string_view line);


// Creates a fresh folder under `parent` (empty: $TMPDIR or /tmp).
absl::StatusOr<std::string> MakeTempDir(const std::string& parent);
// Deletes `path` and everything below it; errors are ignored.
void RemoveTree(const std::string& path);
// Size of a file in bytes, -1 when missing.
int64_t FileBytes(const std::string& path);

// One line of the result table.
struct Row {
  std::string figure;
  double ours = 0;
  std::optional<double> baseline;  // Empty: no baseline (printed as "-", null in JSON).
  std::string unit;
  int decimals = 2;  // For the text table.
};

// Formats the table: figure, ours, baseline, ratio = ours / baseline, unit.
std::string FormatTable(const std::vector<Row>& rows);

// Writes `{"meta": meta, "rows": [{figure, ours, baseline, ratio, unit}, ...]}` to `path`,
// creating its folder.
absl::Status WriteJson(const std::string& path, const std::vector<Row>& rows,
                       const nlohmann::json& meta);

}  // namespace webcare::bench
