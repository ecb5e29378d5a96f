#include "bench/eval_sentiment/references.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/strings.h"

namespace webcare::bench::eval_sentiment {
namespace {

std::string ShellQuote(const std::string& text) {
  return base::StrCat("'", base::ReplaceAll(text, "'", "'\\''"), "'");
}

bool CommandExists(const std::string& name) {
  return std::system(base::StrCat("command -v ", name, " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

std::vector<ReferenceTool> ReferenceTools(const std::string& source_dir) {
  const std::filesystem::path root(source_dir);
  const std::filesystem::path lexicons = root / "tools" / "lexicons";
  const std::filesystem::path script_dir = root / "bench" / "eval_sentiment";
  std::vector<ReferenceTool> tools;

  ReferenceTool vader{"vader",
                      "en",
                      base::StrCat("node ", ShellQuote((script_dir / "vader_eval.mjs").string()),
                                   " ", ShellQuote(lexicons.string())),
                      -0.05,
                      0.05,
                      ""};
  if (!CommandExists("node")) {
    vader.unavailable = "node is not installed";
  } else if (!std::filesystem::exists(lexicons / "node_modules" / "vader-sentiment")) {
    vader.unavailable =
        base::StrCat("npm vader-sentiment missing: run `npm ci` in ", lexicons.string());
  }
  tools.push_back(std::move(vader));

  ReferenceTool pattern{
      "pattern",
      "nl",
      base::StrCat("/usr/bin/python3 ", ShellQuote((script_dir / "pattern_eval.py").string())),
      -0.1,
      0.1,
      ""};
  if (std::system("/usr/bin/python3 -c 'import pattern.nl' >/dev/null 2>&1") != 0) {
    pattern.unavailable = "Debian package python3-pattern is not installed";
  }
  tools.push_back(std::move(pattern));
  return tools;
}

absl::StatusOr<std::vector<double>> RunReference(const ReferenceTool& tool,
                                                 const std::vector<std::string>& texts,
                                                 double* seconds) {
  char input_path[] = "/tmp/eval_sentiment_XXXXXX";
  const int fd = mkstemp(input_path);
  if (fd < 0) return absl::InternalError("cannot create a temporary file");
  close(fd);
  {
    std::ofstream input(input_path, std::ios::binary);
    for (const std::string& text : texts) input << text << '\n';
  }
  const std::string command =
      base::StrCat(tool.command, seconds != nullptr ? " --time" : "", " < ", input_path);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    std::remove(input_path);
    return absl::InternalError(base::StrCat("cannot run ", tool.name));
  }
  std::vector<double> scores;
  bool timed = false;
  char line[256];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    // "#seconds S ...": the tool's own timing of its scoring loop, after the scores.
    if (std::strncmp(line, "#seconds ", 9) == 0) {
      if (seconds != nullptr) *seconds = std::strtod(line + 9, nullptr);
      timed = true;
      continue;
    }
    scores.push_back(std::strtod(line, nullptr));
  }
  const int status = pclose(pipe);
  std::remove(input_path);
  if (status != 0) {
    return absl::InternalError(
        base::StrCat(tool.name, " failed (exit status ", status, "): ", command));
  }
  if (seconds != nullptr && !timed) {
    return absl::InternalError(base::StrCat(tool.name, " gave no timing: ", command));
  }
  if (scores.size() != texts.size()) {
    return absl::InternalError(base::StrCat(tool.name, " returned ", scores.size(), " scores for ",
                                            texts.size(), " texts"));
  }
  return scores;
}

Polarity ReferenceLabel(const ReferenceTool& tool, double score) {
  if (score >= tool.positive_threshold) return Polarity::kPositive;
  if (score <= tool.negative_threshold) return Polarity::kNegative;
  return Polarity::kNeutral;
}

}  // namespace webcare::bench::eval_sentiment
