// bench/eval_language: accuracy of analysis/language against plain CLD2 on labelled sets, the
// published CLD2 figures for the same sets, and throughput on demo posts; with --speed only the
// cost per post of language detection and sentiment on demo posts. See README.md.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analysis/language/cld2_adapter.h"
#include "analysis/language/language.h"
#include "base/strings.h"
#include "bench/eval_language/eval_data.h"
#include "bench/eval_language/speed.h"

namespace webcare::bench::eval_language {
namespace {

namespace lang = analysis::language;
using nlohmann::json;

constexpr char kUsage[] =
    "usage: eval_language [--data DIR] [--out PATH] [--posts N] [--tune] [--errors PATH]\n"
    "       eval_language --speed [--posts N] [--rounds N] [--out PATH]\n"
    "  --data DIR     shared/data (or its langid/lingua_testdata); default: the first\n"
    "                 shared/data found walking up from the current folder\n"
    "  --out PATH     JSON results (default build/bench/eval_language.json)\n"
    "  --posts N      demo posts for the throughput figure (default 20000)\n"
    "  --tune         search the short-text weights on the development half and print them\n"
    "  --errors PATH  write every wrong answer as TSV (set, expected, got, method, text)\n"
    "  --speed        only the cost per post (µs) of Detect, sentiment Analyze, both, and\n"
    "                 plain CLD2, on demo posts; no data set needed\n"
    "  --rounds N     timed rounds per workload for --speed (default 7)\n";

struct Config {
  std::string data;
  std::string out = "build/bench/eval_language.json";
  int posts = 20000;
  bool tune = false;
  std::string errors;
  bool speed = false;
  int rounds = 7;
};

using Detector = std::function<std::string(const std::string&)>;

struct Accuracy {
  int all = 0, all_right = 0;
  int held_out = 0, held_out_right = 0;
  int dev = 0, dev_right = 0;
  double All() const { return all ? static_cast<double>(all_right) / all : 0; }
  double HeldOut() const { return held_out ? static_cast<double>(held_out_right) / held_out : 0; }
  double Dev() const { return dev ? static_cast<double>(dev_right) / dev : 0; }
};

Accuracy Measure(const EvalSet& set, const Detector& detect, bool dev_only = false) {
  Accuracy a;
  for (const Sample& sample : set.samples) {
    if (dev_only && !sample.dev) continue;
    const bool right = detect(sample.text) == set.lang;
    ++a.all;
    a.all_right += right;
    if (sample.dev) {
      ++a.dev;
      a.dev_right += right;
    } else {
      ++a.held_out;
      a.held_out_right += right;
    }
  }
  return a;
}

Detector Ours(const lang::DetectOptions& options) {
  return [options](const std::string& text) { return lang::Detect(text, options).code; };
}
Detector Cld2(bool best_effort) {
  return [best_effort](const std::string& text) {
    return std::string(lang::RunCld2(text, best_effort).languages[0].code);
  };
}

std::string Percent(double fraction) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%5.1f%%", fraction * 100);
  return buffer;
}

// The same options with the word-model fast path (what DetectFast uses).
lang::DetectOptions WithFastPath(lang::DetectOptions options) {
  options.word_fast_path = true;
  return options;
}

// One row per set: ours (all, held-out half), ours with the fast path (DetectFast), plain CLD2,
// CLD2 best effort, published CLD2.
json EvaluateSets(const std::vector<EvalSet>& sets, const lang::DetectOptions& options,
                  std::string_view title) {
  std::printf("\n%s\n", std::string(title).c_str());
  std::printf("%-7s %-9s %-4s %6s | %7s %9s %7s | %10s %12s %10s\n", "source", "kind", "lang", "n",
              "ours", "held-out", "fast", "CLD2 plain", "CLD2 best-eff", "CLD2 publ.");
  json rows = json::array();
  for (const EvalSet& set : sets) {
    const Accuracy ours = Measure(set, Ours(options));
    const Accuracy fast = Measure(set, Ours(WithFastPath(options)));
    const Accuracy plain = Measure(set, Cld2(false));
    const Accuracy best = Measure(set, Cld2(true));
    std::printf("%-7s %-9s %-4s %6d | %7s %9s %7s | %10s %12s %10s\n", set.source.c_str(),
                set.kind.c_str(), set.lang.c_str(), ours.all, Percent(ours.All()).c_str(),
                Percent(ours.HeldOut()).c_str(), Percent(fast.All()).c_str(),
                Percent(plain.All()).c_str(), Percent(best.All()).c_str(),
                set.published_cld2 ? Percent(*set.published_cld2).c_str() : "-");
    rows.push_back(
        {{"source", set.source},
         {"kind", set.kind},
         {"lang", set.lang},
         {"n", ours.all},
         {"ours", ours.All()},
         {"ours_held_out", ours.HeldOut()},
         {"ours_dev", ours.Dev()},
         {"ours_fast", fast.All()},
         {"cld2_plain", plain.All()},
         {"cld2_best_effort", best.All()},
         {"cld2_published", set.published_cld2 ? json(*set.published_cld2) : json(nullptr)}});
  }
  return rows;
}

// Mean accuracy over the rows of a source, per column: one number per approach.
void PrintMeans(const json& rows, std::string_view source) {
  double ours = 0, held = 0, fast = 0, plain = 0, best = 0;
  int n = 0;
  for (const json& row : rows) {
    if (row["source"] != source) continue;
    ours += row["ours"].get<double>();
    held += row["ours_held_out"].get<double>();
    fast += row["ours_fast"].get<double>();
    plain += row["cld2_plain"].get<double>();
    best += row["cld2_best_effort"].get<double>();
    ++n;
  }
  if (n == 0) return;
  std::printf("%-7s %-9s %-4s %6s | %7s %9s %7s | %10s %12s\n", std::string(source).c_str(), "mean",
              "", "", Percent(ours / n).c_str(), Percent(held / n).c_str(),
              Percent(fast / n).c_str(), Percent(plain / n).c_str(), Percent(best / n).c_str());
}

// Hashtags: the whole tweets that have one, with each way of treating them.
json CompareHashtags(const std::vector<EvalSet>& tweets, const lang::DetectOptions& base) {
  std::printf("\nHashtag handling, tweets with a '#' (all of them)\n");
  std::printf("%-4s %6s | %8s %10s %12s\n", "lang", "n", "drop", "keep word", "split words");
  json out = json::array();
  for (const EvalSet& set : tweets) {
    if (set.kind != "tweet") continue;
    EvalSet subset{set.source, set.kind, set.lang, {}, std::nullopt};
    for (const Sample& sample : set.samples) {
      if (sample.text.find('#') != std::string::npos) subset.samples.push_back(sample);
    }
    double results[3] = {};
    const lang::HashtagMode modes[3] = {lang::HashtagMode::kDrop, lang::HashtagMode::kKeepWord,
                                        lang::HashtagMode::kSplitWords};
    for (int m = 0; m < 3; ++m) {
      lang::DetectOptions options = base;
      options.clean.hashtags = modes[m];
      results[m] = Measure(subset, Ours(options)).All();
    }
    std::printf("%-4s %6zu | %8s %10s %12s\n", set.lang.c_str(), subset.samples.size(),
                Percent(results[0]).c_str(), Percent(results[1]).c_str(),
                Percent(results[2]).c_str());
    out.push_back({{"lang", set.lang},
                   {"n", subset.samples.size()},
                   {"drop", results[0]},
                   {"keep_word", results[1]},
                   {"split_words", results[2]}});
  }
  return out;
}

// How often ours is right per confidence band and method, over all labelled samples.
json Calibration(const std::vector<EvalSet>& sets, const lang::DetectOptions& options,
                 std::string_view title) {
  struct Band {
    int n = 0, right = 0;
  };
  const double edges[] = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01};
  std::map<std::string, std::vector<Band>> bands;
  Band reliable, unreliable;
  for (const EvalSet& set : sets) {
    for (const Sample& sample : set.samples) {
      const lang::LanguageResult r = lang::Detect(sample.text, options);
      auto& by_method = bands[std::string(r.method)];
      by_method.resize(std::size(edges) - 1);
      const bool right = r.code == set.lang;
      for (size_t b = 0; b + 1 < std::size(edges); ++b) {
        if (r.confidence < edges[b + 1] || b + 2 == std::size(edges)) {
          ++by_method[b].n;
          by_method[b].right += right;
          break;
        }
      }
      Band& flag = r.reliable ? reliable : unreliable;
      ++flag.n;
      flag.right += right;
    }
  }
  std::printf("\nConfidence bands, %s (lingua and tweet sets): share right / samples\n",
              std::string(title).c_str());
  json out = json::object();
  for (const auto& [method, list] : bands) {
    std::printf("%-10s", method.c_str());
    json rows = json::array();
    for (size_t b = 0; b < list.size(); ++b) {
      if (list[b].n == 0) continue;
      const double share = static_cast<double>(list[b].right) / list[b].n;
      std::printf("  <%.2f: %s/%d", std::min(edges[b + 1], 1.0), Percent(share).c_str(), list[b].n);
      rows.push_back({{"below", std::min(edges[b + 1], 1.0)}, {"n", list[b].n}, {"right", share}});
    }
    std::printf("\n");
    out[method] = rows;
  }
  const auto share = [](const Band& b) { return b.n ? static_cast<double>(b.right) / b.n : 0.0; };
  std::printf("reliable: %s right of %d; not reliable: %s right of %d\n",
              Percent(share(reliable)).c_str(), reliable.n, Percent(share(unreliable)).c_str(),
              unreliable.n);
  out["reliable"] = {{"n", reliable.n}, {"right", share(reliable)}};
  out["not_reliable"] = {{"n", unreliable.n}, {"right", share(unreliable)}};
  return out;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Posts per second through `work`, single thread, repeating the texts for at least a second.
double Rate(const std::vector<std::string>& texts,
            const std::function<void(const std::string&)>& work) {
  const auto start = std::chrono::steady_clock::now();
  int64_t done = 0;
  do {
    for (const std::string& text : texts) work(text);
    done += static_cast<int64_t>(texts.size());
  } while (Seconds(start) < 1.0);
  return done / Seconds(start);
}

json Throughput(int posts) {
  const std::vector<std::string> texts = DemoPostTexts(posts);
  if (texts.empty()) return nullptr;
  size_t bytes = 0;
  std::map<std::string, int> languages, methods;
  for (const std::string& text : texts) {
    bytes += text.size();
    const lang::LanguageResult r = lang::Detect(text);
    ++languages[r.code];
    ++methods[std::string(r.method)];
  }
  std::map<std::string, int> fast_methods;
  for (const std::string& text : texts) ++fast_methods[std::string(lang::DetectFast(text).method)];
  std::atomic<int64_t> sink{0};  // Keeps the optimizer from dropping the calls.
  const double ours =
      Rate(texts, [&](const std::string& t) { sink += lang::Detect(t).code.size(); });
  const double fast =
      Rate(texts, [&](const std::string& t) { sink += lang::DetectFast(t).code.size(); });
  const double plain =
      Rate(texts, [&](const std::string& t) { sink += lang::RunCld2(t, false).text_bytes; });
  // The same work on two threads at once: a check that nothing is shared (run under ASan/TSan
  // builds), and the scaling.
  std::atomic<int64_t> two_done{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (const std::string& text : texts) sink += lang::Detect(text).code.size();
      two_done += static_cast<int64_t>(texts.size());
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double two = two_done / Seconds(start);

  std::printf("\nThroughput on %zu demo posts (mean %.0f bytes), one thread\n", texts.size(),
              static_cast<double>(bytes) / texts.size());
  std::printf(
      "  ours:       %10.0f posts/s\n  DetectFast: %10.0f posts/s\n"
      "  CLD2 plain: %10.0f posts/s (no cleaning, one call)\n",
      ours, fast, plain);
  std::printf("  ours, 2 threads together: %10.0f posts/s\n", two);
  std::printf("  detected:");
  for (const auto& [code, n] : languages) std::printf(" %s %d", code.c_str(), n);
  std::printf("; methods:");
  for (const auto& [method, n] : methods) std::printf(" %s %d", method.c_str(), n);
  std::printf("; DetectFast methods:");
  for (const auto& [method, n] : fast_methods) std::printf(" %s %d", method.c_str(), n);
  std::printf("\n");
  return {{"posts", texts.size()},
          {"mean_bytes", static_cast<double>(bytes) / texts.size()},
          {"ours_posts_per_s", ours},
          {"fast_posts_per_s", fast},
          {"fast_methods", fast_methods},
          {"cld2_plain_posts_per_s", plain},
          {"ours_two_threads_posts_per_s", two},
          {"languages", languages},
          {"methods", methods},
          {"checksum", sink.load()}};
}

// The tuning objective: mean development-half accuracy over the lingua and tweet sets, with the
// Dutch and English sets counted twice (they are the product's languages; the others must still
// be recognised, so they count too).
double SetWeight(const EvalSet& set) { return set.lang == "nl" || set.lang == "en" ? 2.0 : 1.0; }

// Coordinate search over the short-text weights, maximizing the objective above.
lang::DetectOptions Tune(const std::vector<EvalSet>& sets, lang::DetectOptions options) {
  const auto objective = [&](const lang::DetectOptions& o) {
    double sum = 0, weights = 0;
    for (const EvalSet& set : sets) {
      sum += SetWeight(set) * Measure(set, Ours(o), /*dev_only=*/true).Dev();
      weights += SetWeight(set);
    }
    return sum / weights;
  };
  struct Knob {
    const char* name;
    double lang::DetectOptions::*field;
  };
  const Knob knobs[] = {{"cld2_weight", &lang::DetectOptions::cld2_weight},
                        {"cld2_score_cap", &lang::DetectOptions::cld2_score_cap},
                        {"cld2_sure_bonus", &lang::DetectOptions::cld2_sure_bonus},
                        {"frequent_word_weight", &lang::DetectOptions::frequent_word_weight},
                        {"spelling_weight", &lang::DetectOptions::spelling_weight},
                        {"dutch_prior", &lang::DetectOptions::dutch_prior},
                        {"english_prior", &lang::DetectOptions::english_prior},
                        {"relative_min_score", &lang::DetectOptions::relative_min_score},
                        {"relative_discount", &lang::DetectOptions::relative_discount}};
  double best = objective(options);
  std::fprintf(stderr, "[tune] start %.4f\n", best);
  for (int pass = 0; pass < 4; ++pass) {
    bool improved = false;
    for (const Knob& knob : knobs) {
      for (const double factor : {0.0, 0.5, 0.8, 0.9, 1.1, 1.25, 2.0}) {
        lang::DetectOptions trial = options;
        const double value = options.*knob.field;
        trial.*knob.field = value == 0 && factor > 1 ? 0.1 * factor : value * factor;
        const double score = objective(trial);
        if (score > best + 1e-4) {
          best = score;
          options = trial;
          improved = true;
          std::fprintf(stderr, "[tune] %s = %g -> %.4f\n", knob.name, trial.*knob.field, best);
        }
      }
    }
    if (!improved) break;
  }
  for (const Knob& knob : knobs) std::printf("%s = %g\n", knob.name, options.*knob.field);
  return options;
}

json OptionsJson(const lang::DetectOptions& o) {
  return {{"short_text_letters", o.short_text_letters},
          {"cld2_weight", o.cld2_weight},
          {"cld2_score_cap", o.cld2_score_cap},
          {"cld2_sure_bonus", o.cld2_sure_bonus},
          {"frequent_word_weight", o.frequent_word_weight},
          {"spelling_weight", o.spelling_weight},
          {"dutch_prior", o.dutch_prior},
          {"english_prior", o.english_prior},
          {"relative_min_score", o.relative_min_score},
          {"relative_discount", o.relative_discount},
          {"reliable_confidence", o.reliable_confidence}};
}

bool ParseFlags(int argc, char** argv, Config& config, bool& help) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    const auto value = [&]() -> std::string {
      return i + 1 < argc ? std::string(argv[++i]) : std::string();
    };
    if (flag == "--data") {
      config.data = value();
    } else if (flag == "--out") {
      config.out = value();
    } else if (flag == "--posts") {
      if (!base::ParseInt(value(), config.posts) || config.posts <= 0) {
        std::fprintf(stderr, "eval_language: --posts needs a positive number\n");
        return false;
      }
    } else if (flag == "--errors") {
      config.errors = value();
    } else if (flag == "--tune") {
      config.tune = true;
    } else if (flag == "--speed") {
      config.speed = true;
    } else if (flag == "--rounds") {
      if (!base::ParseInt(value(), config.rounds) || config.rounds <= 0) {
        std::fprintf(stderr, "eval_language: --rounds needs a positive number\n");
        return false;
      }
    } else if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      help = true;
      return false;
    } else {
      std::fprintf(stderr, "eval_language: unknown flag %s\n%s", argv[i], kUsage);
      return false;
    }
  }
  return true;
}

// Every wrong answer of ours, for reading: what the short-text model should learn next.
void WriteErrors(const std::string& path, const std::vector<EvalSet>& sets,
                 const lang::DetectOptions& options) {
  std::ofstream out(path);
  out << "source\tkind\texpected\tgot\tmethod\tconfidence\ttext\n";
  for (const EvalSet& set : sets) {
    for (const Sample& sample : set.samples) {
      const lang::LanguageResult r = lang::Detect(sample.text, options);
      if (r.code == set.lang) continue;
      std::string text = sample.text;
      std::replace(text.begin(), text.end(), '\t', ' ');
      std::replace(text.begin(), text.end(), '\n', ' ');
      out << set.source << '\t' << set.kind << '\t' << set.lang << '\t' << r.code << '\t'
          << r.method << '\t' << r.confidence << '\t' << text << '\n';
    }
  }
}

bool WriteJson(const std::string& path, const json& document) {
  std::error_code error;
  const std::filesystem::path out(path);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), error);
  std::ofstream file(out);
  file << document.dump(2) << "\n";
  if (!file) {
    std::fprintf(stderr, "eval_language: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("\nwrote %s\n", path.c_str());
  return true;
}

// --speed: what language detection and sentiment cost per post at ingest.
int RunSpeed(const Config& config) {
  const std::vector<std::string> texts = DemoPostTexts(config.posts);
  if (texts.empty()) {
    std::fprintf(stderr, "eval_language: could not generate demo posts\n");
    return 1;
  }
  const json speed = MeasureSpeed(texts, config.rounds);
  const std::string out = config.out == Config().out ? "build/bench/eval_speed.json" : config.out;
  return WriteJson(out, {{"speed", speed}}) ? 0 : 1;
}

int Run(const Config& config) {
  if (config.speed) return RunSpeed(config);
  const std::string root = FindDataRoot(config.data);
  if (root.empty()) {
    std::printf(
        "eval_language: skipped: data set not found (shared/data/langid/lingua_testdata; "
        "use --data DIR)\n");
    return 0;
  }
  const std::vector<EvalSet> lingua = LoadLingua(root);
  const std::vector<EvalSet> tweets = LoadTweets(root);
  const std::vector<EvalSet> demo = LoadDemoTemplates();
  std::vector<EvalSet> tunable = lingua;
  tunable.insert(tunable.end(), tweets.begin(), tweets.end());

  lang::DetectOptions options;
  if (config.tune) options = Tune(tunable, options);

  std::printf("Language identification: accuracy (share of samples whose language is found)\n");
  std::printf("data: %s\n", root.c_str());
  std::printf(
      "ours = analysis::language::Detect; held-out = the odd lines, never used for tuning;\n"
      "CLD2 plain = one CLD2 call on the raw text; best-eff = with kCLDFlagBestEffort;\n"
      "CLD2 publ. = lingua-py's published CLD2 report for the same set\n");
  json rows = EvaluateSets(lingua, options, "lingua-py test sets (Leipzig corpora)");
  PrintMeans(rows, "lingua");
  json tweet_rows = EvaluateSets(tweets, options,
                                 "Tweets (nl: Dutch MPs, en: SemEval-2017), whole and first words");
  PrintMeans(tweet_rows, "tweets");
  json demo_rows = EvaluateSets(demo, options, "Demo world templates");
  for (json& row : tweet_rows) rows.push_back(std::move(row));
  for (json& row : demo_rows) rows.push_back(std::move(row));

  if (!config.errors.empty()) {
    std::vector<EvalSet> all = tunable;
    all.insert(all.end(), demo.begin(), demo.end());
    WriteErrors(config.errors, all, options);
  }
  const json hashtags = CompareHashtags(tweets, options);
  const json calibration = Calibration(tunable, options, "Detect");
  const json calibration_fast = Calibration(tunable, WithFastPath(options), "DetectFast");
  const json throughput = Throughput(config.posts);

  const json document = {
      {"meta",
       {{"data", root}, {"options", OptionsJson(options)}, {"tuned_in_this_run", config.tune}}},
      {"rows", rows},
      {"hashtags", hashtags},
      {"calibration", calibration},
      {"calibration_fast", calibration_fast},
      {"throughput", throughput}};
  return WriteJson(config.out, document) ? 0 : 1;
}

}  // namespace
}  // namespace webcare::bench::eval_language

int main(int argc, char** argv) {
  webcare::bench::eval_language::Config config;
  bool help = false;
  if (!webcare::bench::eval_language::ParseFlags(argc, argv, config, help)) return help ? 0 : 2;
  return webcare::bench::eval_language::Run(config);
}
