// eval_sentiment: accuracy and macro-F1 of our sentiment analysis on the labelled sets in
// ../shared/data and on the corpus of tests/corpus, side by side with VADER (English) and
// Pattern (Dutch) run in the same command, and the throughput of all three on the same demo
// posts. See README.md.
//
//   eval_sentiment [--data DIR] [--corpus DIR] [--out PATH] [--scores PATH] [--no-reference]
//                  [--sweep] [--dev-misses] [--posts N] [--throughput | --no-throughput]

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/sentiment/sentiment.h"
#include "base/strings.h"
#include "bench/eval_sentiment/corpus_sets.h"
#include "bench/eval_sentiment/datasets.h"
#include "bench/eval_sentiment/metrics.h"
#include "bench/eval_sentiment/references.h"
#include "bench/eval_sentiment/throughput.h"

namespace webcare::bench::eval_sentiment {
namespace {

namespace sentiment = ::webcare::analysis::sentiment;

struct Options {
  std::string data_dir;
  std::string corpus_dir = WEBCARE_SOURCE_DIR "/tests/corpus";
  std::string out = "build/bench/eval_sentiment.json";
  std::string scores_path;
  bool reference = true;
  bool sweep = false;
  bool dev_misses = false;
  bool evaluate = true;    // False with --throughput.
  bool throughput = true;  // False with --no-throughput.
  int posts = 20000;
};

constexpr std::string_view kUsage =
    "usage: eval_sentiment [--data DIR] [--corpus DIR] [--out PATH] [--scores PATH]\n"
    "                      [--no-reference] [--sweep] [--dev-misses] [--posts N]\n"
    "                      [--throughput | --no-throughput]\n"
    "  --data DIR       the shared data folder (default: the first shared/data above the\n"
    "                   current folder)\n"
    "  --corpus DIR     the corpus folder (default: tests/corpus of the source tree)\n"
    "  --out PATH       JSON results (default build/bench/eval_sentiment.json)\n"
    "  --scores PATH    also write every example's gold label and scores as TSV\n"
    "  --no-reference   skip VADER and Pattern\n"
    "  --sweep          also print our macro-F1 for other symmetric label thresholds\n"
    "  --dev-misses     print our misses on the corpus development half, with explanations\n"
    "                   (never the test half's)\n"
    "  --posts N        demo posts for the throughput (default 20000)\n"
    "  --throughput     only the throughput of the three tools; no labelled sets\n"
    "  --no-throughput  only the labelled sets\n";

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&](std::string& target) {
      if (i + 1 >= argc) return false;
      target = argv[++i];
      return true;
    };
    if (arg == "--data") {
      if (!value(options.data_dir)) return false;
    } else if (arg == "--out") {
      if (!value(options.out)) return false;
    } else if (arg == "--scores") {
      if (!value(options.scores_path)) return false;
    } else if (arg == "--no-reference") {
      options.reference = false;
    } else if (arg == "--corpus") {
      if (!value(options.corpus_dir)) return false;
    } else if (arg == "--sweep") {
      options.sweep = true;
    } else if (arg == "--dev-misses") {
      options.dev_misses = true;
    } else if (arg == "--throughput") {
      options.evaluate = false;
      options.throughput = true;
    } else if (arg == "--no-throughput") {
      options.throughput = false;
    } else if (arg == "--posts") {
      std::string posts;
      if (!value(posts) || !base::ParseInt(posts, options.posts) || options.posts <= 0) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

Polarity FromLabel(sentiment::SentimentLabel label) {
  switch (label) {
    case sentiment::SentimentLabel::kNegative:
      return Polarity::kNegative;
    case sentiment::SentimentLabel::kNeutral:
      return Polarity::kNeutral;
    case sentiment::SentimentLabel::kPositive:
      return Polarity::kPositive;
  }
  return Polarity::kNeutral;
}

struct Row {
  std::string set;
  std::string tool;
  bool development = false;
  Scores scores;
  double seconds = 0;
};

std::string Format(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

void PrintTable(const std::vector<Row>& rows) {
  std::printf("%-22s %-8s %6s %9s %9s %10s\n", "set", "tool", "n", "accuracy", "macro-F1",
              "texts/s");
  for (const Row& row : rows) {
    // The corpus halves say "dev" and "test" in their names.
    const bool corpus = row.set.starts_with("corpus_");
    const std::string set = row.development && !corpus ? row.set + " (dev)" : row.set;
    const double rate = row.seconds > 0 ? row.scores.n / row.seconds : 0;
    std::printf("%-22s %-8s %6d %9s %9s %10.0f\n", set.c_str(), row.tool.c_str(), row.scores.n,
                Format(row.scores.accuracy, 3).c_str(), Format(row.scores.macro_f1, 3).c_str(),
                rate);
  }
}

void PrintSweep(const Dataset& set, const std::vector<double>& ours) {
  std::printf("sweep %-22s", set.name.c_str());
  std::vector<Polarity> gold;
  for (const Example& example : set.examples) gold.push_back(example.gold);
  for (double threshold : {0.0001, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6}) {
    std::vector<Polarity> predicted;
    for (double score : ours) {
      predicted.push_back(score >= threshold    ? Polarity::kPositive
                          : score <= -threshold ? Polarity::kNegative
                                                : Polarity::kNeutral);
    }
    std::printf(" %.2f:%.3f", threshold, Score(gold, predicted, set.binary).macro_f1);
  }
  std::printf("\n");
}

nlohmann::json RowJson(const Row& row) {
  return {{"set", row.set},
          {"tool", row.tool},
          {"development", row.development},
          {"n", row.scores.n},
          {"accuracy", row.scores.accuracy},
          {"macro_f1", row.scores.macro_f1},
          {"f1",
           {{"negative", row.scores.f1[0]},
            {"neutral", row.scores.f1[1]},
            {"positive", row.scores.f1[2]}}},
          {"confusion", row.scores.confusion},
          {"seconds", row.seconds}};
}

std::string PolarityName(Polarity polarity) {
  switch (polarity) {
    case Polarity::kNegative:
      return "negative";
    case Polarity::kNeutral:
      return "neutral";
    case Polarity::kPositive:
      return "positive";
  }
  return "neutral";
}

// A miss on a corpus development half, with what gave the score, for tuning. Test halves are
// never printed: what generalises is judged on them.
void PrintDevMiss(const Dataset& set, const Example& example,
                  const sentiment::SentimentResult& result) {
  std::printf("miss %s: expected %s, got %s (%.2f): %s\n", set.name.c_str(),
              PolarityName(example.gold).c_str(), PolarityName(FromLabel(result.label)).c_str(),
              result.score, example.text.c_str());
  for (const sentiment::Contribution& line : result.explanation) {
    std::printf("    %-28s %+6.2f  %s (%s)\n", line.token.c_str(), line.contribution,
                line.rule.c_str(), line.source.c_str());
  }
}

// The labelled sets: ../shared/data (when there is one) and the corpus (when this build can
// read it). A source that is missing is reported and skipped.
std::vector<Dataset> LoadSets(const Options& options, std::string& data_dir) {
  std::vector<Dataset> sets;
  data_dir = options.data_dir;
  if (data_dir.empty()) {
    const std::optional<std::string> found = FindDataDir(std::filesystem::current_path().string());
    if (!found) {
      std::fprintf(stderr,
                   "eval_sentiment: no shared/data folder above %s; the shared sets are skipped "
                   "(give one with --data DIR)\n",
                   std::filesystem::current_path().c_str());
    } else {
      data_dir = *found;
    }
  }
  if (!data_dir.empty()) {
    std::vector<std::string> missing;
    sets = LoadDatasets(data_dir, missing);
    for (const std::string& path : missing) {
      std::fprintf(stderr, "eval_sentiment: %s/%s not found; that set is skipped\n",
                   data_dir.c_str(), path.c_str());
    }
  }
  int left_out = 0;
  std::string error;
  std::vector<Dataset> corpus = LoadCorpusSets(options.corpus_dir, left_out, error);
  if (!error.empty()) {
    std::fprintf(stderr, "eval_sentiment: the corpus rows are skipped: %s\n", error.c_str());
  } else if (left_out > 0) {
    std::fprintf(stderr,
                 "eval_sentiment: %d corpus cases in neither Dutch nor English (emoji only) are "
                 "left out of the corpus rows\n",
                 left_out);
  }
  for (Dataset& set : corpus) {
    if (!set.examples.empty()) sets.push_back(std::move(set));
  }
  return sets;
}

int Run(const Options& options) {
  std::vector<ReferenceTool> tools;
  if (options.reference) tools = ReferenceTools(WEBCARE_SOURCE_DIR);
  for (const ReferenceTool& tool : tools) {
    if (!tool.unavailable.empty()) {
      std::fprintf(stderr, "eval_sentiment: %s skipped: %s\n", tool.name.c_str(),
                   tool.unavailable.c_str());
    }
  }
  std::string data_dir;
  std::vector<Dataset> sets;
  if (options.evaluate) {
    sets = LoadSets(options, data_dir);
    if (sets.empty()) std::printf("eval_sentiment: no labelled sets to evaluate.\n");
  }

  std::ofstream scores_out;
  if (!options.scores_path.empty()) {
    scores_out.open(options.scores_path);
    scores_out << "set\tgold\tours\treference\ttext\n";
  }
  std::vector<Row> rows;
  nlohmann::json errors = nlohmann::json::array();
  for (const Dataset& set : sets) {
    std::vector<Polarity> gold;
    std::vector<std::string> texts;
    for (const Example& example : set.examples) {
      gold.push_back(example.gold);
      texts.push_back(example.text);
    }
    Row ours{set.name, "webcare", set.development, {}, 0};
    std::vector<double> our_scores;
    std::vector<Polarity> predicted;
    const auto start = std::chrono::steady_clock::now();
    for (const Example& example : set.examples) {
      const sentiment::SentimentResult result = sentiment::Analyze(
          example.as_written.empty() ? example.text : example.as_written, set.language);
      our_scores.push_back(result.score);
      predicted.push_back(FromLabel(result.label));
      if (options.dev_misses && set.corpus && set.development && predicted.back() != example.gold) {
        PrintDevMiss(set, example, result);
      }
    }
    ours.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ours.scores = Score(gold, predicted, set.binary);
    rows.push_back(ours);
    if (options.sweep) PrintSweep(set, our_scores);

    std::vector<double> reference_scores(texts.size(), 0);
    for (const ReferenceTool& tool : tools) {
      if (tool.language != set.language || !tool.unavailable.empty()) continue;
      std::fprintf(stderr, "eval_sentiment: running %s on %s (%zu texts)\n", tool.name.c_str(),
                   set.name.c_str(), texts.size());
      const auto tool_start = std::chrono::steady_clock::now();
      absl::StatusOr<std::vector<double>> result = RunReference(tool, texts);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - tool_start).count();
      if (!result.ok()) {
        const std::string message(base::ToStd(result.status().message()));
        std::fprintf(stderr, "eval_sentiment: %s\n", message.c_str());
        errors.push_back(message);
        continue;
      }
      reference_scores = *result;
      std::vector<Polarity> reference_labels;
      for (double score : *result) reference_labels.push_back(ReferenceLabel(tool, score));
      rows.push_back(Row{set.name, tool.name, set.development,
                         Score(gold, reference_labels, set.binary), seconds});
    }
    if (scores_out.is_open()) {
      for (size_t i = 0; i < texts.size(); ++i) {
        scores_out << set.name << '\t' << static_cast<int>(gold[i]) << '\t' << our_scores[i] << '\t'
                   << reference_scores[i] << '\t' << texts[i] << '\n';
      }
    }
  }
  if (!rows.empty()) PrintTable(rows);

  // The targets: English macro-F1 at least VADER's, Dutch at least Pattern's + 0.05.
  nlohmann::json targets = nlohmann::json::array();
  std::map<std::string, const Row*> ours_by_set;
  for (const Row& row : rows) {
    if (row.tool == "webcare") ours_by_set[row.set] = &row;
  }
  for (const Row& row : rows) {
    // The targets are about the shared sets; the corpus rows are reported only.
    if (row.tool == "webcare" || row.development || row.set.starts_with("corpus_")) continue;
    const Row& ours = *ours_by_set[row.set];
    const double margin = row.tool == "pattern" ? 0.05 : 0.0;
    const bool met = ours.scores.macro_f1 >= row.scores.macro_f1 + margin;
    std::printf("target %-18s macro-F1 %.3f %s %s %.3f%s: %s\n", row.set.c_str(),
                ours.scores.macro_f1, met ? ">=" : "<", row.tool.c_str(), row.scores.macro_f1,
                margin > 0 ? " + 0.05" : "", met ? "met" : "NOT met");
    targets.push_back({{"set", row.set},
                       {"reference", row.tool},
                       {"margin", margin},
                       {"ours", ours.scores.macro_f1},
                       {"theirs", row.scores.macro_f1},
                       {"met", met}});
  }

  nlohmann::json json;
  json["data_dir"] = data_dir;
  json["sets"] = nlohmann::json::array();
  for (const Dataset& set : sets) {
    json["sets"].push_back({{"name", set.name},
                            {"language", set.language},
                            {"path", set.path},
                            {"binary", set.binary},
                            {"development", set.development},
                            {"gold", set.gold_rule},
                            {"corpus", set.corpus},
                            {"n", set.examples.size()}});
  }
  json["labels"] = {
      {"webcare", "sentiment::LabelForScore (thresholds in src/analysis/sentiment/sentiment.cc)"},
      {"vader", "compound >= 0.05 positive, <= -0.05 negative (VADER's README)"},
      {"pattern", "polarity >= 0.1 positive (pattern.nl.positive), <= -0.1 negative"},
      {"binary", "a tool's positive label against everything else"}};
  json["rows"] = nlohmann::json::array();
  for (const Row& row : rows) json["rows"].push_back(RowJson(row));
  json["targets"] = targets;
  if (options.throughput) json["throughput"] = MeasureThroughput(options.posts, tools, errors);
  json["errors"] = errors;
  std::error_code error;
  const std::filesystem::path out(options.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), error);
  std::ofstream file(out);
  file << json.dump(2) << '\n';
  if (!file) {
    std::fprintf(stderr, "eval_sentiment: cannot write %s\n", options.out.c_str());
    return 1;
  }
  std::fprintf(stderr, "eval_sentiment: wrote %s\n", options.out.c_str());
  return errors.empty() ? 0 : 1;
}

}  // namespace
}  // namespace webcare::bench::eval_sentiment

int main(int argc, char** argv) {
  webcare::bench::eval_sentiment::Options options;
  if (!webcare::bench::eval_sentiment::ParseOptions(argc, argv, options)) {
    std::cerr << webcare::bench::eval_sentiment::kUsage;
    return 2;
  }
  return webcare::bench::eval_sentiment::Run(options);
}
