// eval_sentiment: accuracy and macro-F1 of our sentiment analysis on the labelled sets in
// ../shared/data, side by side with VADER (English) and Pattern (Dutch) run in the same
// command. See README.md.
//
//   eval_sentiment [--data DIR] [--out PATH] [--scores PATH] [--no-reference] [--sweep]

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
#include "bench/eval_sentiment/datasets.h"
#include "bench/eval_sentiment/metrics.h"
#include "bench/eval_sentiment/references.h"

namespace webcare::bench::eval_sentiment {
namespace {

namespace sentiment = ::webcare::analysis::sentiment;

struct Options {
  std::string data_dir;
  std::string out = "build/bench/eval_sentiment.json";
  std::string scores_path;
  bool reference = true;
  bool sweep = false;
};

constexpr std::string_view kUsage =
    "usage: eval_sentiment [--data DIR] [--out PATH] [--scores PATH] [--no-reference] "
    "[--sweep]\n"
    "  --data DIR      the shared data folder (default: the first shared/data above the\n"
    "                  current folder)\n"
    "  --out PATH      JSON results (default build/bench/eval_sentiment.json)\n"
    "  --scores PATH   also write every example's gold label and scores as TSV\n"
    "  --no-reference  skip VADER and Pattern\n"
    "  --sweep         also print our macro-F1 for other symmetric label thresholds\n";

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
    } else if (arg == "--sweep") {
      options.sweep = true;
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
    const std::string set = row.development ? row.set + " (dev)" : row.set;
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

int Run(const Options& options) {
  std::string data_dir = options.data_dir;
  if (data_dir.empty()) {
    const std::optional<std::string> found = FindDataDir(std::filesystem::current_path().string());
    if (!found) {
      std::printf(
          "eval_sentiment: no shared/data folder above %s; nothing to evaluate "
          "(give one with --data DIR).\n",
          std::filesystem::current_path().c_str());
      return 0;
    }
    data_dir = *found;
  }
  std::vector<std::string> missing;
  std::vector<Dataset> sets = LoadDatasets(data_dir, missing);
  for (const std::string& path : missing) {
    std::fprintf(stderr, "eval_sentiment: %s/%s not found; that set is skipped\n", data_dir.c_str(),
                 path.c_str());
  }
  if (sets.empty()) {
    std::printf("eval_sentiment: no labelled sets in %s; nothing to evaluate.\n", data_dir.c_str());
    return 0;
  }
  std::vector<ReferenceTool> tools;
  if (options.reference) tools = ReferenceTools(WEBCARE_SOURCE_DIR);
  for (const ReferenceTool& tool : tools) {
    if (!tool.unavailable.empty()) {
      std::fprintf(stderr, "eval_sentiment: %s skipped: %s\n", tool.name.c_str(),
                   tool.unavailable.c_str());
    }
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
    for (const std::string& text : texts) {
      const sentiment::SentimentResult result = sentiment::Analyze(text, set.language);
      our_scores.push_back(result.score);
      predicted.push_back(FromLabel(result.label));
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
  PrintTable(rows);

  // The targets: English macro-F1 at least VADER's, Dutch at least Pattern's + 0.05.
  nlohmann::json targets = nlohmann::json::array();
  std::map<std::string, const Row*> ours_by_set;
  for (const Row& row : rows) {
    if (row.tool == "webcare") ours_by_set[row.set] = &row;
  }
  for (const Row& row : rows) {
    if (row.tool == "webcare" || row.development) continue;
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
