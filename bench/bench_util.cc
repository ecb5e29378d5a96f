#include "bench/bench_util.h"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/strings.h"

namespace webcare::bench {
namespace {

std::string FormatNumber(double value, int decimals) {
  if (decimals == 0 && std::fabs(value) < 9e15) {
    return base::WithThousands(static_cast<int64_t>(std::llround(value)));
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::optional<double> Ratio(const Row& row) {
  if (!row.baseline || *row.baseline == 0) return std::nullopt;
  return row.ours / *row.baseline;
}

}  // namespace

bool FlagReader::IsHelp() const {
  if (!Is("--help") && !Is("-h")) return false;
  std::fwrite(usage_.data(), 1, usage_.size(), stdout);
  return true;
}

bool FlagReader::Path(std::string& out) {
  out = std::string(Value());
  return !out.empty() || Fail("needs a path");
}

bool FlagReader::Fail(std::string_view why) const {
  std::fprintf(stderr, "%.*s: %s %.*s\n%.*s", static_cast<int>(program_.size()), program_.data(),
               argv_[flag_], static_cast<int>(why.size()), why.data(),
               static_cast<int>(usage_.size()), usage_.data());
  return false;
}

double ProcessCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  if (!(in >> one >> five >> fifteen)) return "";
  return base::StrCat(one, " ", five, " ", fifteen);
}

double Percentile(std::vector<double> samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(q * static_cast<double>(samples.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

double ProcStatusMB(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 &&
        line[field.size()] == ':') {
      // Reported in kB (units of 1024 bytes).
      return std::strtod(line.c_str() + field.size() + 1, nullptr) * 1024.0 / 1e6;
    }
  }
  return -1;
}

void Progress(std::string_view line) {
  std::fprintf(stderr, "[bench] %.*s\n", static_cast<int>(line.size()), line.data());
  std::fflush(stderr);
}

absl::StatusOr<std::string> MakeTempDir(const std::string& parent) {
  std::string base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::error_code error;
  std::filesystem::create_directories(base, error);
  std::string pattern = base + "/webcare-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::FailedPreconditionError(base::StrCat("cannot create a folder in ", base));
  }
  return pattern;
}

void RemoveTree(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

int64_t FileBytes(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? -1 : static_cast<int64_t>(size);
}

absl::StatusOr<int64_t> ReadWholeFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return absl::NotFoundError(base::StrCat("cannot open ", path));
  std::vector<char> chunk(1 << 20);
  int64_t total = 0;
  while (const size_t read = std::fread(chunk.data(), 1, chunk.size(), file)) total += static_cast<int64_t>(read);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return absl::DataLossError(base::StrCat("cannot read ", path));
  return total;
}

std::string FormatTable(const std::vector<Row>& rows) {
  const std::vector<std::string> header = {"figure", "ours", "baseline", "ratio", "unit"};
  std::vector<std::vector<std::string>> cells;
  for (const Row& row : rows) {
    const std::optional<double> ratio = Ratio(row);
    cells.push_back({row.figure, FormatNumber(row.ours, row.decimals),
                     row.baseline ? FormatNumber(*row.baseline, row.decimals) : "-",
                     ratio ? FormatNumber(*ratio, 2) : "-", row.unit});
  }
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& line : cells) width[c] = std::max(width[c], line[c].size());
  }
  const auto format_line = [&](const std::vector<std::string>& line) {
    std::string out;
    for (size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - line[c].size(), ' ');
      // The figure and unit columns are left-aligned, numbers right-aligned.
      const bool left = c == 0 || c == line.size() - 1;
      base::StrAppend(out, c == 0 ? "" : "  ", left ? line[c] : pad, left ? pad : line[c]);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = format_line(header);
  size_t total = 2 * (header.size() - 1);
  for (size_t w : width) total += w;
  out += std::string(total, '-') + "\n";
  for (const auto& line : cells) out += format_line(line);
  return out;
}

absl::Status WriteJson(const std::string& path, const std::vector<Row>& rows,
                       const nlohmann::json& meta) {
  nlohmann::json out_rows = nlohmann::json::array();
  for (const Row& row : rows) {
    const std::optional<double> ratio = Ratio(row);
    out_rows.push_back({{"figure", row.figure},
                        {"ours", row.ours},
                        {"baseline", row.baseline ? nlohmann::json(*row.baseline) : nullptr},
                        {"ratio", ratio ? nlohmann::json(*ratio) : nullptr},
                        {"unit", row.unit}});
  }
  const nlohmann::json document = {{"meta", meta}, {"rows", out_rows}};
  const std::filesystem::path file(path);
  std::error_code error;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
  if (error) {
    return absl::FailedPreconditionError(
        base::StrCat("cannot create ", file.parent_path().string(), ": ", error.message()));
  }
  std::ofstream stream(path, std::ios::trunc);
  stream << document.dump(2) << "\n";
  stream.close();
  if (!stream) return absl::DataLossError(base::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace webcare::bench
