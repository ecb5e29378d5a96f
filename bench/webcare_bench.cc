// The benchmarks of the foundation: import throughput and peak memory, search latency and
// conversation-list latency, each against bare SQLite in the same run; and stream matching
// against bare Vectorscan. Prints one table to standard output, progress to standard error,
// and writes the table as JSON. See README.md.

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "base/logging.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/time_format.h"
#include "bench/bench_util.h"
#include "bench/import_bench.h"
#include "bench/query_bench.h"
#include "bench/stream_bench.h"

namespace webcare::bench {
namespace {

constexpr char kUsage[] =
    "usage: webcare_bench [--posts N] [--quick] [--out PATH] [--rounds N] [--list-rounds N]\n"
    "                     [--batch N] [--seed N] [--dir PATH] [--keep]\n"
    "                     [--stream-posts N] [--streams-only]\n"
    "  --posts N        demo posts to generate and import (default 1000000)\n"
    "  --quick          smoke run: 100000 posts and fewer rounds\n"
    "  --out PATH       JSON results (default build/bench/results.json)\n"
    "  --rounds N       timed search rounds over the ten queries (default 200)\n"
    "  --list-rounds N  timed conversation-list rounds (default 500)\n"
    "  --batch N        import batch size, ours and baseline (default 5000)\n"
    "  --seed N         demo world seed (default 1)\n"
    "  --dir PATH       where the temporary folder goes (default $TMPDIR or /tmp)\n"
    "  --keep           keep the temporary folder (JSONL and databases)\n"
    "  --stream-posts N demo posts for stream matching (default 50000)\n"
    "  --streams-only   measure stream matching only\n";

constexpr char kEndTime[] = "2026-11-01T00:00:00Z";

struct Config {
  int64_t posts = 1'000'000;
  int search_rounds = 200;
  int search_warmup = 5;
  int list_rounds = 500;
  int list_warmup = 20;
  size_t batch_size = 5000;
  uint64_t seed = 1;
  std::string out = "build/bench/results.json";
  std::string dir;
  bool keep = false;
  int64_t stream_posts = 50'000;
  bool streams_only = false;
};

// Parses the flags; false (after printing why or the usage) when the run should not go ahead.
bool ParseFlags(int argc, char** argv, Config& config, bool& help) {
  bool quick = false;
  int64_t posts = -1, rounds = -1, list_rounds = -1, batch = -1, stream_posts = -1;
  FlagReader flags("webcare_bench", kUsage, argc, argv);
  while (flags.Next()) {
    bool ok = true;
    if (flags.Is("--quick")) {
      quick = true;
    } else if (flags.Is("--keep")) {
      config.keep = true;
    } else if (flags.Is("--streams-only")) {
      config.streams_only = true;
    } else if (flags.Is("--stream-posts")) {
      ok = flags.Number(stream_posts);
    } else if (flags.Is("--posts")) {
      ok = flags.Number(posts);
    } else if (flags.Is("--rounds")) {
      ok = flags.Number(rounds);
    } else if (flags.Is("--list-rounds")) {
      ok = flags.Number(list_rounds);
    } else if (flags.Is("--batch")) {
      ok = flags.Number(batch);
    } else if (flags.Is("--seed")) {
      ok = flags.Number(config.seed);
    } else if (flags.Is("--out")) {
      ok = flags.Path(config.out);
    } else if (flags.Is("--dir")) {
      ok = flags.Path(config.dir);
    } else if (flags.IsHelp()) {
      help = true;
      return false;
    } else {
      return flags.Unknown();
    }
    if (!ok) return false;
  }
  if (quick) {
    config.posts = 100'000;
    config.search_rounds = 50;
    config.list_rounds = 100;
    config.stream_posts = 10'000;
  }
  if (posts > 0) config.posts = posts;
  if (rounds > 0) config.search_rounds = static_cast<int>(rounds);
  if (list_rounds > 0) config.list_rounds = static_cast<int>(list_rounds);
  if (batch > 0) config.batch_size = static_cast<size_t>(batch);
  if (stream_posts > 0) config.stream_posts = stream_posts;
  return true;
}

// The first line of /proc/cpuinfo or /proc/meminfo starting with `key`, after the colon.
std::string ProcField(const char* file, std::string_view key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) == 0) {
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const size_t start = line.find_first_not_of(" \t", colon + 1);
      return start == std::string::npos ? "" : line.substr(start);
    }
  }
  return "";
}

nlohmann::json Machine() {
  return {{"nproc", sysconf(_SC_NPROCESSORS_ONLN)},
          {"cpu", ProcField("/proc/cpuinfo", "model name")},
          {"memory", ProcField("/proc/meminfo", "MemTotal")},
          {"sqlite", sqlite3_libversion()}};
}

nlohmann::json LatencyJson(const Latencies& latency) {
  return {{"ours_p50_ms", Percentile(latency.ours, 0.5)},
          {"ours_p99_ms", Percentile(latency.ours, 0.99)},
          {"baseline_p50_ms", Percentile(latency.baseline, 0.5)},
          {"baseline_p99_ms", Percentile(latency.baseline, 0.99)},
          {"samples", latency.ours.size()}};
}

void AddLatencyRows(const std::string& figure, const Latencies& latency, std::vector<Row>& rows) {
  for (const double q : {0.5, 0.99}) {
    rows.push_back({.figure = base::StrCat(figure, q == 0.5 ? " p50" : " p99"),
                    .ours = Percentile(latency.ours, q),
                    .baseline = Percentile(latency.baseline, q),
                    .unit = "ms",
                    .decimals = 3});
  }
}

// Everything one run measured.
struct Measurements {
  bool foundation = true;  // False with --streams-only: only `streams` was measured.
  GenerateResult generated;
  ImportMeasurement ours;
  BaselineMeasurement baseline;
  int64_t ours_db_bytes = 0;
  int64_t baseline_db_bytes = 0;
  std::vector<SearchResult> search;
  std::vector<ListResult> lists;
  StreamBenchResult streams;
};

// The search samples of all queries together.
Latencies AllSearches(const Measurements& m) {
  Latencies all;
  for (const SearchResult& result : m.search) {
    const Latencies& l = result.latency;
    all.ours.insert(all.ours.end(), l.ours.begin(), l.ours.end());
    all.baseline.insert(all.baseline.end(), l.baseline.begin(), l.baseline.end());
  }
  return all;
}

// Stream matching: every way against raw Vectorscan at the same stream count, then how much
// each slows down from the fewest to the most streams.
void AddStreamRows(const StreamBenchResult& result, std::vector<Row>& rows) {
  for (const StreamFigure& f : result.figures) {
    const std::string at = base::StrCat("streams ", base::WithThousands(f.streams), ": ");
    rows.push_back({base::StrCat(at, "matcher (AnalyseText + Match)"), f.matcher.posts_per_cpu_s,
                    f.raw.posts_per_cpu_s, "posts/s", 0});
    rows.push_back(
        {base::StrCat(at, "naive, every Filter (", base::WithThousands(f.naive.posts), " posts)"),
         f.naive.posts_per_cpu_s, f.raw.posts_per_cpu_s, "posts/s", 0});
    if (f.pipeline) {
      rows.push_back({base::StrCat(at, "whole pipeline (Analyze)"), f.pipeline->posts_per_cpu_s,
                      f.raw.posts_per_cpu_s, "posts/s", 0});
    }
  }
  if (result.figures.size() < 2) return;
  const StreamFigure& few = result.figures.front();
  const StreamFigure& many = result.figures.back();
  const std::string span = base::StrCat("streams: slowdown ", base::WithThousands(few.streams),
                                        " -> ", base::WithThousands(many.streams), ", ");
  const auto slowdown = [](const Throughput& a, const Throughput& b) {
    return b.posts_per_cpu_s > 0 ? a.posts_per_cpu_s / b.posts_per_cpu_s : 0.0;
  };
  rows.push_back({base::StrCat(span, "matcher"), slowdown(few.matcher, many.matcher),
                  slowdown(few.raw, many.raw), "x", 2});
  rows.push_back({base::StrCat(span, "naive"), slowdown(few.naive, many.naive),
                  slowdown(few.raw, many.raw), "x", 2});
  if (few.pipeline && many.pipeline) {
    rows.push_back({base::StrCat(span, "whole pipeline"), slowdown(*few.pipeline, *many.pipeline),
                    slowdown(few.raw, many.raw), "x", 2});
  }
}

std::vector<Row> MakeRows(const Measurements& m) {
  std::vector<Row> rows;
  if (!m.foundation) {
    AddStreamRows(m.streams, rows);
    return rows;
  }
  rows.push_back({"import throughput", m.ours.inserted / m.ours.seconds,
                  m.baseline.inserted / m.baseline.seconds, "posts/s", 0});
  rows.push_back({"import time", m.ours.seconds, m.baseline.seconds, "s", 1});
  rows.push_back(
      {"import CPU time (user+sys)", m.ours.cpu_seconds, m.baseline.cpu_seconds, "s", 1});
  rows.push_back({"import peak memory (VmHWM)", m.ours.peak_mb, std::nullopt, "MB", 1});
  AddLatencyRows("search, all 10 queries,", AllSearches(m), rows);
  for (const SearchResult& result : m.search) {
    const Latencies& l = result.latency;
    rows.push_back({base::StrCat("search p99: ", result.search.query), Percentile(l.ours, 0.99),
                    Percentile(l.baseline, 0.99), "ms", 3});
  }
  for (const ListResult& result : m.lists) AddLatencyRows(result.name, result.latency, rows);
  AddStreamRows(m.streams, rows);
  return rows;
}

// The stream-matching target: 10 -> 10,000 streams costs less than 3x per post.
void AddStreamTargets(const StreamBenchResult& result, nlohmann::json& targets) {
  if (result.figures.size() < 2) return;
  const StreamFigure& few = result.figures.front();
  const StreamFigure& many = result.figures.back();
  targets[base::StrCat("streams_slowdown_", few.streams, "_to_", many.streams, "_below_3x")] =
      few.matcher.posts_per_cpu_s < 3 * many.matcher.posts_per_cpu_s;
}

nlohmann::json ThroughputJson(const Throughput& t) {
  return {{"posts", t.posts},
          {"posts_per_cpu_s", t.posts_per_cpu_s},
          {"posts_per_wall_s", t.posts_per_wall_s}};
}

nlohmann::json StreamMeta(const StreamBenchResult& result) {
  nlohmann::json figures = nlohmann::json::array();
  for (const StreamFigure& f : result.figures) {
    figures.push_back({{"streams", f.streams},
                       {"raw_literals", f.raw_literals},
                       {"compile_ms", f.compile_ms},
                       {"matches_per_post", f.matches_per_post},
                       {"raw", ThroughputJson(f.raw)},
                       {"matcher", ThroughputJson(f.matcher)},
                       {"naive", ThroughputJson(f.naive)},
                       {"pipeline", f.pipeline ? ThroughputJson(*f.pipeline) : nullptr}});
  }
  return {{"posts", result.posts},
          {"generate_seconds", result.generate_seconds},
          {"throughput", "posts per second of the measuring thread's CPU time, best pass"},
          {"figures", figures}};
}

// The targets of the issue; the search ones on the p99 of all queries together.
nlohmann::json Targets(const Measurements& m) {
  if (!m.foundation) {
    nlohmann::json targets = nlohmann::json::object();
    AddStreamTargets(m.streams, targets);
    return targets;
  }
  const Latencies all = AllSearches(m);
  const double search_p99 = Percentile(all.ours, 0.99);
  const double import_ratio =
      (m.ours.inserted / m.ours.seconds) / (m.baseline.inserted / m.baseline.seconds);
  nlohmann::json targets = {
      {"import_ratio_at_least_0.5", import_ratio >= 0.5},
      {"import_peak_below_300_MB", m.ours.peak_mb < 300},
      {"search_p99_within_2x_of_fts5", search_p99 <= 2.0 * Percentile(all.baseline, 0.99)},
      {"search_p99_below_50_ms", search_p99 < 50},
  };
  AddStreamTargets(m.streams, targets);
  return targets;
}

nlohmann::json MakeMeta(const Config& config, const Measurements& m,
                        const std::string& load_at_start) {
  if (!m.foundation) {
    return {{"seed", config.seed},
            {"end_time", kEndTime},
            {"machine", Machine()},
            {"loadavg_at_start", load_at_start},
            {"loadavg_at_end", LoadAverage()},
            {"streams", StreamMeta(m.streams)},
            {"targets_met", Targets(m)}};
  }
  nlohmann::json search = nlohmann::json::array();
  for (const SearchResult& result : m.search) {
    nlohmann::json detail = LatencyJson(result.latency);
    detail["query"] = result.search.query;
    detail["fts5"] = result.search.fts5;
    detail["matches"] = result.matches;
    detail["returned"] = result.returned;
    search.push_back(detail);
  }
  nlohmann::json lists = nlohmann::json::array();
  for (const ListResult& result : m.lists) {
    nlohmann::json detail = LatencyJson(result.latency);
    detail["name"] = result.name;
    detail["returned"] = result.returned;
    lists.push_back(detail);
  }
  return {
      {"posts", config.posts},
      {"seed", config.seed},
      {"end_time", kEndTime},
      {"batch_size", config.batch_size},
      {"search_rounds", config.search_rounds},
      {"search_warmup", config.search_warmup},
      {"list_rounds", config.list_rounds},
      {"list_warmup", config.list_warmup},
      {"machine", Machine()},
      {"loadavg_at_start", load_at_start},
      {"loadavg_at_end", LoadAverage()},
      {"generate",
       {{"posts", m.generated.posts},
        {"jsonl_bytes", m.generated.bytes},
        {"seconds", m.generated.seconds}}},
      {"import",
       {{"inserted", m.ours.inserted},
        {"duplicates", m.ours.duplicates},
        {"rejected", m.ours.rejected},
        {"child_rss_at_start_mb", m.ours.start_mb},
        {"ours_db_bytes", m.ours_db_bytes},
        {"baseline_inserted", m.baseline.inserted},
        {"baseline_db_bytes", m.baseline_db_bytes}}},
      {"search", search},
      {"conversation_lists", lists},
      {"streams", StreamMeta(m.streams)},
      {"targets_met", Targets(m)},
  };
}

// Stream matching on `config.stream_posts` demo posts, on this thread alone.
absl::Status MeasureStreams(const Config& config, base::Micros end_time, Measurements& m) {
  ASSIGN_OR_RETURN(m.streams,
                   MeasureStreamMatching(
                       {.posts = config.stream_posts, .seed = config.seed, .end_time = end_time}));
  return absl::OkStatus();
}

// Generates, imports (ours, then the baseline), then times searches and lists on ours'
// database, then stream matching. Files go to `dir`.
absl::StatusOr<Measurements> Measure(const Config& config, const std::string& dir,
                                     base::Micros end_time) {
  const std::string jsonl = dir + "/demo.jsonl";
  const std::string ours_db = dir + "/ours.db";
  const std::string baseline_db = dir + "/baseline.db";
  Measurements m;
  if (config.streams_only) {
    m.foundation = false;
    RETURN_IF_ERROR(MeasureStreams(config, end_time, m));
    return m;
  }
  ASSIGN_OR_RETURN(m.generated, GenerateJsonl(jsonl, config.posts, config.seed, end_time));
  Progress(base::StrCat("generate: ", base::WithThousands(m.generated.posts), " posts, ",
                        m.generated.bytes / 1'000'000, " MB of JSONL in ", m.generated.seconds,
                        " s"));

  // Forked before anything else is loaded, so the child's memory is the import's own.
  ASSIGN_OR_RETURN(m.ours, MeasureImport(jsonl, ours_db, config.batch_size));
  m.ours_db_bytes = FileBytes(ours_db);
  Progress(base::StrCat("import (ours): ", base::WithThousands(m.ours.inserted), " posts in ",
                        m.ours.seconds, " s, peak ", static_cast<int64_t>(m.ours.peak_mb), " MB"));
  ASSIGN_OR_RETURN(m.baseline,
                   MeasureBaselineImport(jsonl, ours_db, baseline_db, config.batch_size));
  m.baseline_db_bytes = FileBytes(baseline_db);
  Progress(base::StrCat("import (baseline): ", base::WithThousands(m.baseline.inserted),
                        " posts in ", m.baseline.seconds, " s"));
  if (!config.keep) RemoveTree(baseline_db);

  ASSIGN_OR_RETURN(m.search, MeasureSearch(ours_db, DefaultSearchCases(), config.search_warmup,
                                           config.search_rounds));
  ASSIGN_OR_RETURN(m.lists,
                   MeasureConversationList(ours_db, config.list_warmup, config.list_rounds));
  RETURN_IF_ERROR(MeasureStreams(config, end_time, m));
  return m;
}

int Run(const Config& config) {
  const auto end_time = base::ParseRfc3339(kEndTime);
  auto dir = MakeTempDir(config.dir);
  if (!end_time.ok() || !dir.ok()) {
    std::fprintf(stderr, "webcare_bench: %s\n",
                 (end_time.ok() ? dir.status() : end_time.status()).ToString().c_str());
    return 1;
  }
  const std::string load_at_start = LoadAverage();
  if (config.streams_only) {
    Progress(
        base::StrCat("stream matching only; ", base::WithThousands(config.stream_posts), " posts"));
  } else {
    Progress(base::StrCat("working in ", *dir, "; ", base::WithThousands(config.posts), " posts"));
  }
  absl::StatusOr<Measurements> measured = Measure(config, *dir, *end_time);
  absl::Status status = measured.status();
  if (status.ok()) {
    const std::vector<Row> rows = MakeRows(*measured);
    const nlohmann::json meta = MakeMeta(config, *measured, load_at_start);
    std::fputs(FormatTable(rows).c_str(), stdout);
    std::fflush(stdout);
    std::string targets = "targets:";
    for (const auto& [name, met] : meta["targets_met"].items()) {
      base::StrAppend(targets, " ", name, "=", met.get<bool>() ? "met" : "NOT met");
    }
    Progress(targets);
    status = WriteJson(config.out, rows, meta);
    if (status.ok()) Progress(base::StrCat("wrote ", config.out));
  }
  if (!status.ok()) std::fprintf(stderr, "webcare_bench: %s\n", status.ToString().c_str());
  if (config.keep) {
    Progress(base::StrCat("kept ", *dir));
  } else {
    RemoveTree(*dir);
  }
  return status.ok() ? 0 : 1;
}

}  // namespace
}  // namespace webcare::bench

int main(int argc, char** argv) {
  webcare::bench::Config config;
  bool help = false;
  if (!webcare::bench::ParseFlags(argc, argv, config, help)) return help ? 0 : 2;
  if (absl::Status logging = webcare::base::InitLogging("warn"); !logging.ok()) return 1;
  return webcare::bench::Run(config);
}
