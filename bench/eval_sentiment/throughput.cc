#include "bench/eval_sentiment/throughput.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "analysis/language/language.h"
#include "analysis/sentiment/sentiment.h"
#include "base/strings.h"
#include "bench/eval_sentiment/datasets.h"
#include "core/post.h"
#include "ingest/demo/demo_world.h"

namespace webcare::bench::eval_sentiment {
namespace {

namespace sentiment = ::webcare::analysis::sentiment;

// The same posts as eval_language --speed: seed 1, ending 2026-11-01 as webcare_bench. On one
// line each, since the reference tools read one post per line; every tool gets these bytes.
std::vector<std::string> DemoPosts(int posts) {
  std::vector<std::string> texts;
  ingest::demo::DemoOptions options;
  options.posts = posts;
  options.seed = 1;
  options.end_time = int64_t{1793491200} * 1000000;
  const absl::Status status = ingest::demo::GenerateDemoWorld(options, [&](core::NewPost&& post) {
    texts.push_back(OneLine(post.text));
    return absl::OkStatus();
  });
  if (!status.ok()) texts.clear();
  return texts;
}

// Seconds for one pass of Analyze over `texts`, each in its language.
double OursOnce(const std::vector<std::string>& texts, const std::vector<std::string>& languages) {
  size_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < texts.size(); ++i) {
    sink += sentiment::Analyze(texts[i], languages[i]).explanation.size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Never true; the sink must be used so that the calls stay.
  if (sink == SIZE_MAX) std::printf("%zu\n", sink);
  return seconds;
}

// Ours: after the same warm-up as the scripts (the first 1,000 posts, which also builds the
// lexicon), the median of five passes; a pass takes milliseconds, so one alone is noisy.
double Ours(const std::vector<std::string>& texts, const std::vector<std::string>& languages) {
  const size_t warmup = std::min<size_t>(texts.size(), 1000);
  OursOnce({texts.begin(), texts.begin() + warmup},
           {languages.begin(), languages.begin() + warmup});
  std::vector<double> passes;
  for (int pass = 0; pass < 5; ++pass) passes.push_back(OursOnce(texts, languages));
  std::sort(passes.begin(), passes.end());
  return passes[2];
}

}  // namespace

nlohmann::json MeasureThroughput(int posts, const std::vector<ReferenceTool>& tools,
                                 nlohmann::json& errors) {
  const std::vector<std::string> all = DemoPosts(posts);
  if (all.empty()) {
    std::fprintf(stderr, "eval_sentiment: could not generate demo posts; no throughput\n");
    return nullptr;
  }
  std::vector<std::string> all_languages;
  std::vector<std::string> dutch;
  std::vector<std::string> english;
  size_t bytes = 0;
  for (const std::string& text : all) {
    all_languages.push_back(analysis::language::Detect(text).code);
    bytes += text.size();
    if (all_languages.back() == "nl") dutch.push_back(text);
    if (all_languages.back() == "en") english.push_back(text);
  }
  struct Subset {
    const char* name;
    const std::vector<std::string>* texts;
    std::string language;   // Ours: "" for each post's detected language.
    std::string reference;  // The tool for this subset; "" for both.
  };
  const Subset subsets[] = {
      {"all", &all, "", ""}, {"nl", &dutch, "nl", "pattern"}, {"en", &english, "en", "vader"}};
  std::printf(
      "\nThroughput on %zu demo posts (mean %.0f bytes; %zu nl, %zu en by Detect), one "
      "thread;\ntimed: the scoring loop only, after a warm-up on the first 1,000 posts "
      "(no process start,\nlexicon loading, input or output). Ours: median of 5 passes; "
      "VADER and Pattern: one pass.\n",
      all.size(), static_cast<double>(bytes) / all.size(), dutch.size(), english.size());
  std::printf("%-6s %-8s %7s %12s %10s\n", "posts", "tool", "n", "posts/s", "µs/post");
  nlohmann::json rows = nlohmann::json::array();
  const auto print = [&](const Subset& subset, const std::string& tool, double seconds) {
    const double n = static_cast<double>(subset.texts->size());
    std::printf("%-6s %-8s %7zu %12.0f %10.2f\n", subset.name, tool.c_str(), subset.texts->size(),
                n / seconds, seconds * 1e6 / n);
    rows.push_back({{"posts", subset.name},
                    {"tool", tool},
                    {"n", subset.texts->size()},
                    {"seconds", seconds},
                    {"posts_per_second", n / seconds},
                    {"us_per_post", seconds * 1e6 / n}});
  };
  for (const Subset& subset : subsets) {
    if (subset.texts->empty()) continue;
    const std::vector<std::string> languages =
        subset.language.empty() ? all_languages
                                : std::vector<std::string>(subset.texts->size(), subset.language);
    print(subset, "webcare", Ours(*subset.texts, languages));
    for (const ReferenceTool& tool : tools) {
      if (!tool.unavailable.empty()) continue;
      if (!subset.reference.empty() && subset.reference != tool.name) continue;
      double seconds = 0;
      absl::StatusOr<std::vector<double>> scores = RunReference(tool, *subset.texts, &seconds);
      if (!scores.ok() || seconds <= 0) {
        const std::string message = scores.ok()
                                        ? base::StrCat(tool.name, " reported no time")
                                        : std::string(base::ToStd(scores.status().message()));
        std::fprintf(stderr, "eval_sentiment: %s\n", message.c_str());
        errors.push_back(message);
        continue;
      }
      print(subset, tool.name, seconds);
    }
  }
  return {{"posts", all.size()},
          {"mean_bytes", static_cast<double>(bytes) / all.size()},
          {"dutch", dutch.size()},
          {"english", english.size()},
          {"timed",
           "scoring loop only, after a warm-up on the first 1,000 posts; no process start, "
           "lexicon loading, input or output; ours the median of 5 passes, the others one pass"},
          {"rows", rows}};
}

}  // namespace webcare::bench::eval_sentiment
