#include "bench/eval_language/speed.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>

#include "analysis/language/cld2_adapter.h"
#include "analysis/language/language.h"
#include "analysis/sentiment/sentiment.h"

namespace webcare::bench::eval_language {
namespace {

namespace lang = analysis::language;
namespace sentiment = analysis::sentiment;

struct Workload {
  const char* name;
  // Analyses text number `i` and returns something that depends on the result, so that the
  // optimizer cannot drop the call.
  std::function<int64_t(size_t i)> run;
};

double MicrosPerPost(const Workload& workload, size_t count) {
  int64_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < count; ++i) sink += workload.run(i);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // An impossible value, never true in practice: the sink must be used.
  if (sink == INT64_MIN) std::printf("%lld\n", static_cast<long long>(sink));
  return seconds * 1e6 / static_cast<double>(count);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

nlohmann::json MeasureSpeed(const std::vector<std::string>& texts, int rounds) {
  if (texts.empty() || rounds <= 0) return nullptr;
  // Sentiment alone gets the language Detect would give it, computed outside the timing.
  std::vector<std::string> languages;
  size_t bytes = 0;
  for (const std::string& text : texts) {
    languages.push_back(lang::Detect(text).code);
    bytes += text.size();
  }
  const std::vector<Workload> workloads = {
      {"CLD2 plain (one call, raw text)",
       [&](size_t i) { return int64_t{lang::RunCld2(texts[i], false).text_bytes}; }},
      {"language: Detect",
       [&](size_t i) { return static_cast<int64_t>(lang::Detect(texts[i]).code.size()); }},
      {"language: DetectFast",
       [&](size_t i) { return static_cast<int64_t>(lang::DetectFast(texts[i]).code.size()); }},
      {"sentiment: Analyze",
       [&](size_t i) {
         return static_cast<int64_t>(sentiment::Analyze(texts[i], languages[i]).explanation.size());
       }},
      {"both: Detect + Analyze",
       [&](size_t i) {
         const lang::LanguageResult language = lang::Detect(texts[i]);
         return static_cast<int64_t>(
             sentiment::Analyze(texts[i], language.code).explanation.size());
       }},
      {"both: DetectFast + Analyze",
       [&](size_t i) {
         const lang::LanguageResult language = lang::DetectFast(texts[i]);
         return static_cast<int64_t>(
             sentiment::Analyze(texts[i], language.code).explanation.size());
       }},
  };
  // One untimed pass: first-use tables, caches, page faults.
  for (const Workload& workload : workloads) MicrosPerPost(workload, texts.size());
  std::vector<std::vector<double>> times(workloads.size());
  for (int round = 0; round < rounds; ++round) {
    for (size_t w = 0; w < workloads.size(); ++w) {
      times[w].push_back(MicrosPerPost(workloads[w], texts.size()));
    }
  }
  std::printf("\nCost per post, one thread, %zu demo posts (mean %.0f bytes), %d rounds\n",
              texts.size(), static_cast<double>(bytes) / texts.size(), rounds);
  std::printf("%-34s %12s %12s %14s\n", "", "median µs", "best µs", "posts/s (med.)");
  nlohmann::json rows = nlohmann::json::array();
  for (size_t w = 0; w < workloads.size(); ++w) {
    const double median = Median(times[w]);
    const double best = *std::min_element(times[w].begin(), times[w].end());
    std::printf("%-34s %12.2f %12.2f %14.0f\n", workloads[w].name, median, best, 1e6 / median);
    rows.push_back({{"workload", workloads[w].name},
                    {"us_per_post_median", median},
                    {"us_per_post_best", best},
                    {"rounds_us", times[w]}});
  }
  return {{"posts", texts.size()},
          {"mean_bytes", static_cast<double>(bytes) / texts.size()},
          {"rounds", rounds},
          {"rows", rows}};
}

}  // namespace webcare::bench::eval_language
