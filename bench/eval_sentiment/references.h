#pragma once
// The reference tools a user would otherwise pick, run in the same command: VADER under node
// (vader_eval.mjs) for English and Pattern under /usr/bin/python3 (pattern_eval.py) for Dutch.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/eval_sentiment/datasets.h"

namespace webcare::bench::eval_sentiment {

struct ReferenceTool {
  std::string name;      // "vader" or "pattern".
  std::string language;  // The language it serves: "en" or "nl".
  std::string command;   // A shell command reading texts on stdin, writing one score per line.
  // The tool's own documented labels: VADER's README says compound >= 0.05 is positive and
  // <= -0.05 negative; Pattern's pattern.nl.positive() says polarity >= 0.1 is positive (and
  // so, symmetrically, <= -0.1 negative).
  double negative_threshold = 0;
  double positive_threshold = 0;
  std::string unavailable;  // Why it cannot run; empty when it can.
};

// The two tools, with paths below `source_dir` (the project's source folder).
std::vector<ReferenceTool> ReferenceTools(const std::string& source_dir);

// Runs `tool` on `texts` (one line each) and returns one score per text. With `seconds`, the
// tool also times its scoring loop alone (no process start, lexicon loading, input or output;
// after a warm-up pass over the first 1,000 texts) and reports it there.
absl::StatusOr<std::vector<double>> RunReference(const ReferenceTool& tool,
                                                 const std::vector<std::string>& texts,
                                                 double* seconds = nullptr);

Polarity ReferenceLabel(const ReferenceTool& tool, double score);

}  // namespace webcare::bench::eval_sentiment
