#include "bench/eval_sentiment/corpus_sets.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/strings.h"

#ifdef WEBCARE_EVAL_CORPUS
#include "corpus/corpus.h"
#endif

namespace webcare::bench::eval_sentiment {

#ifdef WEBCARE_EVAL_CORPUS

namespace {

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

Dataset MakeSet(const std::string& language, bool development) {
  Dataset set;
  set.name = base::StrCat("corpus_", language, development ? "_dev" : "_test");
  set.language = language;
  set.development = development;
  set.path = "tests/corpus/*.case";
  set.gold_rule = base::StrCat(
      "expect sentiment: of the cases whose expect language: is ", language, "; ",
      development ? "odd cases of each file (1st, 3rd, ...): development, tune on these"
                  : "even cases of each file (2nd, 4th, ...): test, never tuned on");
  set.corpus = true;
  return set;
}

}  // namespace

bool CorpusSupported() { return true; }

std::vector<Dataset> LoadCorpusSets(const std::string& corpus_dir, int& left_out,
                                    std::string& error) {
  namespace fs = std::filesystem;
  left_out = 0;
  const fs::path dir(corpus_dir);
  std::string text;
  if (!ReadFile(dir / "streams.def", text)) {
    error = base::StrCat("cannot read ", (dir / "streams.def").string());
    return {};
  }
  absl::StatusOr<corpus::CorpusSetup> setup = corpus::ParseSetup(text, "streams.def");
  if (!setup.ok()) {
    error = std::string(base::ToStd(setup.status().message()));
    return {};
  }
  std::vector<fs::path> files;
  std::error_code code;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, code)) {
    if (entry.path().extension() == ".case") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  // nl dev, nl test, en dev, en test.
  std::vector<Dataset> sets = {MakeSet("nl", true), MakeSet("nl", false), MakeSet("en", true),
                               MakeSet("en", false)};
  for (const fs::path& file : files) {
    if (!ReadFile(file, text)) {
      error = base::StrCat("cannot read ", file.string());
      return {};
    }
    absl::StatusOr<std::vector<corpus::Case>> cases =
        corpus::ParseCases(text, file.filename().string(), *setup);
    if (!cases.ok()) {
      error = std::string(base::ToStd(cases.status().message()));
      return {};
    }
    for (size_t i = 0; i < cases->size(); ++i) {
      const corpus::Case& c = (*cases)[i];
      Polarity gold = Polarity::kNeutral;
      if (c.sentiment == "negative") gold = Polarity::kNegative;
      if (c.sentiment == "positive") gold = Polarity::kPositive;
      const int language = c.language == "nl" ? 0 : c.language == "en" ? 2 : -1;
      if (language < 0) {
        ++left_out;
        continue;
      }
      Example example{OneLine(c.text), gold, {}};
      if (example.text != c.text) example.as_written = c.text;
      sets[language + (IsDevelopmentCase(static_cast<int>(i)) ? 0 : 1)].examples.push_back(
          std::move(example));
    }
  }
  if (sets[0].examples.empty() && sets[2].examples.empty()) {
    error = base::StrCat("no Dutch or English cases in ", corpus_dir);
    return {};
  }
  return sets;
}

#else  // !WEBCARE_EVAL_CORPUS

bool CorpusSupported() { return false; }

std::vector<Dataset> LoadCorpusSets(const std::string&, int& left_out, std::string& error) {
  left_out = 0;
  error =
      "this build has no corpus parser (target webcare_corpus, tests/corpus, is built only "
      "with the tests and the analysis pipeline)";
  return {};
}

#endif

}  // namespace webcare::bench::eval_sentiment
