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
#include "base/strings.h"

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
// Reads the whole file and throws the bytes away, leaving it in the page cache; returns how
// many bytes it read.
absl::StatusOr<int64_t> ReadWholeFile(const std::string& path);

// Reads a benchmark's command line one flag at a time; on a mistake it prints what is wrong
// and the usage to stderr, and the caller stops with exit code 2.
//   FlagReader flags("webcare_bench", kUsage, argc, argv);
//   while (flags.Next()) {
//     if (flags.Is("--posts")) { if (!flags.Number(posts)) return false; }
//     else if (flags.IsHelp()) { ...; return false; } else { return flags.Unknown(); }
//   }
class FlagReader {
 public:
  FlagReader(std::string_view program, std::string_view usage, int argc, char** argv)
      : program_(program), usage_(usage), argc_(argc), argv_(argv) {}

  // Moves to the next flag; false after the last.
  bool Next() {
    flag_ = ++i_;
    return i_ < argc_;
  }
  bool Is(std::string_view flag) const { return flag == argv_[flag_]; }
  // --help or -h: prints the usage to stdout.
  bool IsHelp() const;
  // The flag's value as a positive whole number, or a non-empty path; false (after printing
  // why) when it is missing or not one.
  template <typename T>
  bool Number(T& out) {
    if (base::ParseInt(Value(), out) && out > 0) return true;
    return Fail("needs a positive whole number");
  }
  bool Path(std::string& out);
  // Prints that the flag is unknown; returns false.
  bool Unknown() { return Fail("is not a flag of this program"); }

 private:
  std::string_view Value() { return i_ + 1 < argc_ ? std::string_view(argv_[++i_]) : std::string_view(); }
  bool Fail(std::string_view why) const;

  std::string_view program_;
  std::string_view usage_;
  int argc_;
  char** argv_;
  int i_ = 0;     // The last argument read: a flag or its value.
  int flag_ = 0;  // The current flag.
};

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
