#include "bench/eval_sentiment/datasets.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/strings.h"

namespace webcare::bench::eval_sentiment {
namespace {

std::optional<std::vector<std::string>> ReadLines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

// "label<TAB>text" with labels 0/1/2 (SemEval) or -1/1 (bol.com).
void ReadLabelFirst(const std::vector<std::string>& lines, Dataset& set) {
  for (const std::string& line : lines) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    int label = 0;
    if (!base::ParseInt(std::string_view(line).substr(0, tab), label)) continue;
    Polarity gold = Polarity::kNeutral;
    if (set.binary) {
      gold = label > 0 ? Polarity::kPositive : Polarity::kNegative;
    } else if (label >= 0 && label <= 2) {
      gold = static_cast<Polarity>(label);
    } else {
      continue;
    }
    set.examples.push_back({OneLine(std::string_view(line).substr(tab + 1)), gold, {}});
  }
}

void ReadVaderTweets(const std::vector<std::string>& lines, Dataset& set) {
  for (const std::string& line : lines) {
    const std::vector<std::string_view> fields = base::Split(line, '\t');
    if (fields.size() < 3) continue;
    char* end = nullptr;
    const std::string mean_text(fields[1]);
    const double mean = std::strtod(mean_text.c_str(), &end);
    if (end == mean_text.c_str()) continue;
    Polarity gold = Polarity::kNeutral;
    if (mean >= kVaderNeutralBand) gold = Polarity::kPositive;
    if (mean <= -kVaderNeutralBand) gold = Polarity::kNegative;
    const size_t text_start = fields[0].size() + fields[1].size() + 2;
    set.examples.push_back({OneLine(std::string_view(line).substr(text_start)), gold, {}});
  }
}

void ReadDutchMpTweets(const std::vector<std::string>& lines, Dataset& set) {
  for (size_t i = 1; i < lines.size(); ++i) {  // Line 0 is the header.
    const size_t tab = lines[i].rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string_view label = std::string_view(lines[i]).substr(tab + 1);
    Polarity gold = Polarity::kNeutral;
    if (label == "positive") {
      gold = Polarity::kPositive;
    } else if (label == "negative") {
      gold = Polarity::kNegative;
    } else if (label != "neutral") {
      continue;
    }
    set.examples.push_back({OneLine(std::string_view(lines[i]).substr(0, tab)), gold, {}});
  }
}

void ReadSemevalValidation(const std::filesystem::path& dir, Dataset& set) {
  const auto texts = ReadLines(dir / "val_text.txt");
  const auto labels = ReadLines(dir / "val_labels.txt");
  if (!texts || !labels) return;
  for (size_t i = 0; i < texts->size() && i < labels->size(); ++i) {
    int label = 0;
    if (!base::ParseInt((*labels)[i], label) || label < 0 || label > 2) continue;
    set.examples.push_back({OneLine((*texts)[i]), static_cast<Polarity>(label), {}});
  }
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

std::vector<Dataset> LoadDatasets(const std::string& data_dir, std::vector<std::string>& missing) {
  const std::filesystem::path root(data_dir);
  std::vector<Dataset> sets;
  const auto load = [&](Dataset set, auto reader) {
    const auto lines = ReadLines(root / set.path);
    if (!lines) {
      missing.push_back(set.path);
      return;
    }
    reader(*lines, set);
    sets.push_back(std::move(set));
  };
  load(Dataset{"semeval2017_test",
               "en",
               false,
               false,
               "sentiment_en/semeval2017/test_dev_half.tsv",
               "0 negative, 1 neutral, 2 positive",
               {}},
       ReadLabelFirst);
  load(Dataset{"vader_tweets",
               "en",
               false,
               false,
               "sentiment_en/vader_hutto_icwsm2014/tweets_GroundTruth.txt",
               "mean rating >= +0.5 positive, <= -0.5 negative, else neutral",
               {}},
       ReadVaderTweets);
  load(Dataset{"dutch_mp_tweets",
               "nl",
               false,
               false,
               "sentiment_nl/dutch_mp_tweets/gold-polarity.tsv",
               "positive/neutral/negative",
               {}},
       ReadDutchMpTweets);
  load(Dataset{"bolcom_reviews",
               "nl",
               true,
               false,
               "sentiment_nl/bolcom_reviews/dev_half.tsv",
               "1 positive, -1 negative (binary)",
               {}},
       ReadLabelFirst);
  Dataset validation{"semeval2017_val",
                     "en",
                     false,
                     true,
                     "sentiment_en/semeval2017/val_text.txt",
                     "0 negative, 1 neutral, 2 positive (val_labels.txt)",
                     {}};
  ReadSemevalValidation(root / "sentiment_en/semeval2017", validation);
  if (validation.examples.empty()) {
    missing.push_back(validation.path);
  } else {
    sets.push_back(std::move(validation));
  }
  return sets;
}

std::optional<std::string> FindDataDir(const std::string& start) {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::absolute(start, error);
  if (error) return std::nullopt;
  while (true) {
    const std::filesystem::path candidate = dir / "shared" / "data";
    if (std::filesystem::is_directory(candidate, error)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace webcare::bench::eval_sentiment
