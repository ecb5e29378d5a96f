#pragma once
// The labelled sentiment sets of ../shared/data (see its README.md), read into one shape.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace webcare::bench::eval_sentiment {

enum class Polarity { kNegative = 0, kNeutral = 1, kPositive = 2 };

struct Example {
  std::string text;  // One line: tabs, carriage returns and newlines became spaces.
  Polarity gold = Polarity::kNeutral;
  // The post as written, line breaks kept, when that differs from `text` (corpus e-mails): our
  // analyzer reads this, as the pipeline does, since a line break ends a sentence. The
  // reference tools read `text`, one line per post.
  std::string as_written;
};

struct Dataset {
  std::string name;      // "semeval2017_test", ...
  std::string language;  // "en" or "nl".
  // Binary sets (positive vs negative reviews) are scored on two classes: a tool's
  // "positive" against everything else it says.
  bool binary = false;
  bool development = false;  // Used to choose thresholds; reported, but not a target.
  std::string path;          // Relative to the data folder.
  std::string gold_rule;     // How gold labels were derived, for the report.
  std::vector<Example> examples;
  // From tests/corpus rather than ../shared/data: reported beside the shared sets, but the
  // issue's targets are about the shared sets only.
  bool corpus = false;
};

// Reads every set that exists under `data_dir`; a missing file is reported in `missing`.
std::vector<Dataset> LoadDatasets(const std::string& data_dir, std::vector<std::string>& missing);

// A text on one line: tabs, carriage returns and newlines become spaces.
std::string OneLine(std::string_view text);

// The first `shared/data` folder in `start` or one of its parents, or nullopt.
std::optional<std::string> FindDataDir(const std::string& start);

// VADER tweets: the mean of about 20 ratings from -4 to +4. A mean within half a point of 0
// rounds to the raters' "neutral" and is neutral gold; beyond it the sign decides.
inline constexpr double kVaderNeutralBand = 0.5;

}  // namespace webcare::bench::eval_sentiment
