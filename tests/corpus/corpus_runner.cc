// The corpus runner (README.md): runs every case in tests/corpus through the analysis pipeline
// and prints how often each field is as a webcare agent expects, then every failure with the
// case's file and line. Exit status: 0 when every field is at or above its floor, 1 when one
// falls below, 2 when a file is missing or malformed.
//
//   corpus_runner [--corpus DIR] [--floors FILE] [--field NAME] [--quiet]

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/pipeline/pipeline.h"
#include "base/strings.h"
#include "corpus/corpus.h"

namespace webcare::corpus {
namespace {

namespace fs = std::filesystem;

bool ReadFile(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

std::string Fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// "storing -3.00 (lexicon+negative-weight), !! -0.45 (exclamation)".
std::string Explain(const analysis::sentiment::SentimentResult& result) {
  if (result.explanation.empty()) return "no sentiment words";
  std::string out;
  for (const auto& line : result.explanation) {
    if (!out.empty()) out += ", ";
    base::StrAppend(out, "\"", line.token, "\" ", Fixed(line.contribution, 2), " (", line.rule,
                    ")");
  }
  return out;
}

std::string Join(const std::vector<std::string>& names) {
  return names.empty() ? "none" : base::StrJoin(names, ", ");
}

struct Tally {
  int correct = 0;
  int total = 0;
  double Percent() const { return total == 0 ? 100.0 : 100.0 * correct / total; }
};

struct Options {
  fs::path corpus = WEBCARE_CORPUS_DIR;
  fs::path floors;
  std::string field;  // Only list failures of this field.
  bool quiet = false;
};

int Run(const Options& options) {
  std::string text;
  const fs::path setup_path = options.corpus / "streams.def";
  if (!ReadFile(setup_path, text)) {
    std::cerr << "cannot read " << setup_path << "\n";
    return 2;
  }
  auto setup = ParseSetup(text, "streams.def");
  if (!setup.ok()) {
    std::cerr << setup.status().message() << "\n";
    return 2;
  }
  for (const core::Stream& stream : setup->streams) {
    if (absl::Status status = analysis::CheckStream(stream); !status.ok()) {
      std::cerr << "streams.def: stream \"" << stream.name << "\": " << status.message() << "\n";
      return 2;
    }
  }
  analysis::Pipeline pipeline;
  if (absl::Status status = pipeline.SetStreams(setup->streams); !status.ok()) {
    std::cerr << "streams.def: " << status.message() << "\n";
    return 2;
  }
  pipeline.SetRules(setup->rules);

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(options.corpus)) {
    if (entry.is_regular_file() && entry.path().extension() == ".case") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const fs::path& file : files) {
    if (!ReadFile(file, text)) {
      std::cerr << "cannot read " << file << "\n";
      return 2;
    }
    auto parsed = ParseCases(text, file.filename().string(), *setup);
    if (!parsed.ok()) {
      std::cerr << parsed.status().message() << "\n";
      return 2;
    }
    cases.insert(cases.end(), parsed->begin(), parsed->end());
  }
  if (cases.empty()) {
    std::cerr << "no .case files in " << options.corpus << "\n";
    return 2;
  }
  std::vector<Floor> floors;
  if (!options.floors.empty()) {
    if (!ReadFile(options.floors, text)) {
      std::cerr << "cannot read " << options.floors << "\n";
      return 2;
    }
    auto parsed = ParseFloors(text, options.floors.filename().string());
    if (!parsed.ok()) {
      std::cerr << parsed.status().message() << "\n";
      return 2;
    }
    floors = *parsed;
  }

  // The corpus at a glance: cases per file (category) and per expected language.
  std::map<std::string, int> per_file;
  std::map<std::string, int> per_language;
  for (const Case& c : cases) {
    ++per_file[c.file];
    ++per_language[c.language];
  }
  std::cout << "Corpus: " << cases.size() << " cases in " << files.size()
            << " files\n  by language:";
  for (const auto& [language, count] : per_language) std::cout << " " << language << " " << count;
  std::cout << "\n  by file:";
  for (const auto& [file, count] : per_file) std::cout << " " << file << " " << count;
  std::cout << "\n\n";

  std::map<std::string, Tally> tallies;
  std::ostringstream failures;
  int failed_cases = 0;
  for (const Case& c : cases) {
    core::NewPost post;
    post.network = c.network;
    post.channel = c.channel;
    post.external_id = base::StrCat(c.file, ":", c.line);
    post.author.network = c.network;
    post.author.handle = c.author;
    post.author.name = c.author_name;
    post.author.followers = c.followers;
    post.text = c.text;
    post.is_private = c.is_private;
    post.direction = c.outbound ? core::Direction::kOutbound : core::Direction::kInbound;
    if (c.reply) post.in_reply_to = "parent";
    const analysis::PostAnalysis got = pipeline.Analyze(
        post, {.customer_value = c.customer_value, .recent_contacts = c.recent_contacts});

    std::vector<std::string> got_streams;
    for (const analysis::StreamHit& hit : got.streams) got_streams.push_back(hit.name);
    std::sort(got_streams.begin(), got_streams.end());
    const std::string got_team = setup->TeamName(got.routing.team);
    const std::string got_sentiment(analysis::sentiment::LabelName(got.sentiment.label));
    const std::string got_intent(analysis::intent::IntentName(got.intent.intent));

    std::vector<std::string> lines;  // This case's failures.
    auto score = [&](std::string_view field, bool ok, std::string detail) {
      Tally& tally = tallies[std::string(field)];
      ++tally.total;
      if (ok) {
        ++tally.correct;
      } else if (options.field.empty() || options.field == field) {
        lines.push_back(base::StrCat("  ", field, ": ", detail));
      }
    };
    score(
        "language", got.language.code == c.language,
        base::StrCat("expected ", c.language, ", got ", got.language.code, " (",
                     got.language.method, ", confidence ", Fixed(got.language.confidence, 2), ")"));
    score("sentiment", got_sentiment == c.sentiment,
          base::StrCat("expected ", c.sentiment, ", got ", got_sentiment, " (score ",
                       Fixed(got.sentiment.score, 2), ": ", Explain(got.sentiment), ")"));
    score("intent", got_intent == c.intent,
          base::StrCat("expected ", c.intent, ", got ", got_intent, " (cue: ", got.intent.cue,
                       "; sentiment ", got_sentiment, ")"));
    score("question", got.intent.is_question == c.question,
          base::StrCat("expected ", c.question ? "yes" : "no", ", got ",
                       got.intent.is_question ? "yes" : "no"));
    score("streams", got_streams == c.streams,
          base::StrCat("expected ", Join(c.streams), ", got ", Join(got_streams)));
    score("team", got_team == c.team, base::StrCat("expected ", c.team, ", got ", got_team));
    std::string reasons;
    for (const auto& reason : got.routing.reasons) {
      if (!reasons.empty()) reasons += ", ";
      base::StrAppend(reasons, reason.text, " ", reason.points >= 0 ? "+" : "", reason.points);
    }
    score("priority",
          got.routing.priority >= c.priority_min && got.routing.priority <= c.priority_max,
          base::StrCat("expected ", c.priority_min, "..", c.priority_max, ", got ",
                       got.routing.priority, " (", reasons, ")"));
    if (!lines.empty()) {
      ++failed_cases;
      failures << c.file << ":" << c.line << ": " << c.title << "\n  post: " << c.text << "\n";
      for (const std::string& line : lines) failures << line << "\n";
    }
  }

  if (!options.quiet && failed_cases > 0) {
    std::cout << "Failures" << (options.field.empty() ? "" : " of " + options.field) << ":\n"
              << failures.str() << "\n";
  }

  bool below = false;
  std::cout << "field       correct  total  accuracy  floor\n";
  for (std::string_view field : kFields) {
    const Tally& tally = tallies[std::string(field)];
    std::string floor_text = "-";
    bool fails = false;
    for (const Floor& floor : floors) {
      if (floor.field != field) continue;
      floor_text = Fixed(floor.percent, 1) + "%";
      // Compared at the printed precision, so a floor written from this report holds.
      fails = std::round(tally.Percent() * 10) < std::round(floor.percent * 10);
    }
    char row[128];
    std::snprintf(row, sizeof row, "%-10s  %7d  %5d  %7.1f%%  %s%s\n", std::string(field).c_str(),
                  tally.correct, tally.total, tally.Percent(), floor_text.c_str(),
                  fails ? "  BELOW THE FLOOR" : "");
    std::cout << row;
    below = below || fails;
  }
  std::cout << "\n"
            << cases.size() - failed_cases << " of " << cases.size()
            << " cases fully as expected.\n";
  if (below) {
    std::cout << "A field fell below its floor: a change made the analysis worse on the corpus. "
              << (options.quiet ? "Run without --quiet to see the failures.\n"
                                : "Look at the failures above.\n");
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace webcare::corpus

int main(int argc, char** argv) {
  webcare::corpus::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--corpus") {
      options.corpus = value();
    } else if (arg == "--floors") {
      options.floors = value();
    } else if (arg == "--field") {
      options.field = value();
    } else if (arg == "--quiet") {
      options.quiet = true;
    } else {
      std::cerr << "usage: corpus_runner [--corpus DIR] [--floors FILE] [--field NAME] [--quiet]\n";
      return 2;
    }
  }
  return webcare::corpus::Run(options);
}
