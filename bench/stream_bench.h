#pragma once
// Figure 4: matching posts against standing streams, at 10, 1,000 and 10,000 streams, on one
// thread. Four ways, on the same demo posts and the same generated streams
// (stream_generator.h):
//   raw       bare Vectorscan: every literal of the streams in one caseless database, scanning
//             the raw post text, nothing else. What no correct matcher can beat.
//   matcher   ours: query::AnalyseText + matcher::CompiledStreams::Match.
//   naive     query::AnalyseText once, then every stream's query::Filter (on fewer posts at
//             many streams: it is slow).
//   pipeline  analysis::Pipeline::Analyze: language, sentiment, intent, streams, routing.
// Throughput is posts per second of the measuring thread's CPU time (one core), the best of
// `rounds` passes; wall-clock figures go to the JSON too.

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"

namespace webcare::bench {

struct StreamBenchOptions {
  int64_t posts = 50'000;  // Demo posts, generated untimed.
  uint64_t seed = 1;       // Demo world and stream generator.
  base::Micros end_time = 0;
  std::vector<int> stream_counts = {10, 1000, 10'000};
  int rounds = 3;
  // Posts the naive way gets at `streams` streams: all up to this many filter runs in total.
  int64_t naive_filter_runs = 5'000'000;
  int64_t pipeline_posts = 20'000;
};

// Throughput of one way of matching at one stream count.
struct Throughput {
  int64_t posts = 0;           // Posts per pass.
  double posts_per_cpu_s = 0;  // Best pass.
  double posts_per_wall_s = 0;
};

struct StreamFigure {
  int streams = 0;
  int64_t raw_literals = 0;     // Patterns in the raw database.
  double compile_ms = 0;        // CompiledStreams::Compile.
  double matches_per_post = 0;  // Streams matched per post, on average (matcher).
  Throughput raw, matcher, naive;
  std::optional<Throughput> pipeline;  // Missing when the bench was built without it.
};

struct StreamBenchResult {
  int64_t posts = 0;
  double generate_seconds = 0;
  std::vector<StreamFigure> figures;  // One per stream count, in the order asked.
};

// Generates the posts and streams and measures all four ways at each stream count. Also checks,
// untimed, that the matcher reports exactly the naive way's streams on the naive posts.
absl::StatusOr<StreamBenchResult> MeasureStreamMatching(const StreamBenchOptions& options);

}  // namespace webcare::bench
