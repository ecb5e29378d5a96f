#include "bench/eval_language/eval_data.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <string_view>

#include "analysis/language/text_cleaner.h"
#include "core/post.h"
#include "ingest/demo/demo_phrases.h"
#include "ingest/demo/demo_world.h"

namespace webcare::bench::eval_language {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLinguaPath = "langid/lingua_testdata";

struct LinguaLanguage {
  const char* code;
  const char* report_name;  // File name of lingua-py's per-language accuracy report.
};
constexpr LinguaLanguage kLinguaLanguages[] = {{"nl", "Dutch"},     {"en", "English"},
                                               {"de", "German"},    {"fr", "French"},
                                               {"af", "Afrikaans"}, {"es", "Spanish"}};

std::vector<std::string> ReadLines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The accuracy after ">> Detection of 1000 <what>" in a lingua-py report, as a fraction.
std::optional<double> PublishedAccuracy(const fs::path& report, std::string_view what) {
  bool in_section = false;
  for (const std::string& line : ReadLines(report)) {
    if (line.starts_with(">> Detection of")) in_section = line.find(what) != std::string::npos;
    if (in_section && line.starts_with("Accuracy: ")) {
      return std::stod(line.substr(10)) / 100.0;  // "Accuracy: 10.60%".
    }
  }
  return std::nullopt;
}

EvalSet MakeSet(std::string source, std::string kind, std::string lang,
                const std::vector<std::string>& texts) {
  EvalSet set{std::move(source), std::move(kind), std::move(lang), {}, std::nullopt};
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    set.samples.push_back({texts[i], i % 2 == 0});
  }
  return set;
}

// The first `n` words a post shows once links, mentions and hashtags are gone: what a very short
// post in that language looks like ("Waarom duurt dat", "thanks for nothing").
std::vector<std::string> FirstWords(const std::vector<std::string>& tweets, int n) {
  analysis::language::CleanOptions options;
  options.hashtags = analysis::language::HashtagMode::kDrop;
  std::vector<std::string> out;
  for (const std::string& tweet : tweets) {
    const std::string clean = analysis::language::CleanForDetection(tweet, options).text;
    std::string cut;
    int words = 0;
    size_t start = 0;
    while (words < n && start < clean.size()) {
      size_t end = clean.find(' ', start);
      if (end == std::string::npos) end = clean.size();
      if (!cut.empty()) cut.push_back(' ');
      cut.append(clean, start, end - start);
      ++words;
      start = end + 1;
    }
    out.push_back(words == n ? cut : std::string());  // Too short: left out.
  }
  return out;
}

}  // namespace

std::string FindDataRoot(const std::string& flag_value) {
  std::error_code error;
  if (!flag_value.empty()) {
    const fs::path given(flag_value);
    if (fs::is_directory(given / kLinguaPath, error)) return given.string();
    // The lingua folder itself: its root is three levels up (shared/data/langid/lingua_testdata).
    if (fs::is_directory(given / "single-words", error)) {
      return fs::weakly_canonical(given / ".." / "..", error).string();
    }
    return {};
  }
  for (fs::path dir = fs::current_path(error); !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / "shared" / "data";
    if (fs::is_directory(candidate / kLinguaPath, error)) return candidate.string();
    if (dir == dir.root_path()) break;
  }
  return {};
}

std::vector<EvalSet> LoadLingua(const std::string& root) {
  const fs::path base = fs::path(root) / kLinguaPath;
  std::vector<EvalSet> sets;
  const std::pair<const char*, const char*> kinds[] = {{"single-words", "word"},
                                                       {"word-pairs", "pair"}};
  for (const auto& [folder, kind] : kinds) {
    for (const LinguaLanguage& language : kLinguaLanguages) {
      const fs::path file = base / folder / (std::string(language.code) + ".txt");
      if (!fs::exists(file)) continue;
      EvalSet set = MakeSet("lingua", kind, language.code, ReadLines(file));
      set.published_cld2 = PublishedAccuracy(
          base / "accuracy-reports" / "cld2" / (std::string(language.report_name) + ".txt"),
          std::string_view(kind) == "word" ? "single words" : "word pairs");
      sets.push_back(std::move(set));
    }
  }
  return sets;
}

std::vector<EvalSet> LoadTweets(const std::string& root) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_language;
  // Dutch: "text \t polarity" with a header line.
  const fs::path dutch = fs::path(root) / "sentiment_nl" / "dutch_mp_tweets" / "gold-polarity.tsv";
  if (fs::exists(dutch)) {
    std::vector<std::string> texts;
    const std::vector<std::string> lines = ReadLines(dutch);
    for (size_t i = 1; i < lines.size(); ++i) {
      const size_t tab = lines[i].rfind('\t');
      texts.push_back(tab == std::string::npos ? lines[i] : lines[i].substr(0, tab));
    }
    by_language.emplace_back("nl", std::move(texts));
  }
  // English: "label \t text", no header.
  const fs::path english = fs::path(root) / "sentiment_en" / "semeval2017" / "test_dev_half.tsv";
  if (fs::exists(english)) {
    std::vector<std::string> texts;
    for (const std::string& line : ReadLines(english)) {
      const size_t tab = line.find('\t');
      texts.push_back(tab == std::string::npos ? line : line.substr(tab + 1));
    }
    by_language.emplace_back("en", std::move(texts));
  }
  std::vector<EvalSet> sets;
  for (const auto& [lang, texts] : by_language) {
    sets.push_back(MakeSet("tweets", "tweet", lang, texts));
    for (int n = 1; n <= 3; ++n) {
      sets.push_back(
          MakeSet("tweets", "tweet-" + std::to_string(n) + "w", lang, FirstWords(texts, n)));
    }
  }
  return sets;
}

std::vector<EvalSet> LoadDemoTemplates() {
  using ingest::demo::Lang;
  using ingest::demo::Phrase;
  using ingest::demo::Topic;
  std::vector<EvalSet> sets;
  for (const Lang lang : {Lang::kNl, Lang::kEn}) {
    std::set<std::string> seen;
    std::vector<std::string> texts;
    for (int phrase = 0; phrase < ingest::demo::kPhraseCount; ++phrase) {
      for (int topic = 0; topic < ingest::demo::kTopicCount; ++topic) {
        const auto p = static_cast<Phrase>(phrase);
        const auto t = static_cast<Topic>(topic);
        const size_t count = ingest::demo::TemplateCount(lang, p, t);
        for (size_t index = 0; index < count; ++index) {
          ingest::demo::SlotValues values;
          values.lang = lang;
          values.salt = index;
          values.first_name = "Sanne";
          values.agent_name = "Joost";
          values.mention = "@ovpas";
          values.amount_cents = 1250;
          std::string text;
          ingest::demo::RenderTemplate(lang, p, t, index, values, &text);
          if (seen.insert(text).second) texts.push_back(std::move(text));
        }
      }
    }
    sets.push_back(MakeSet("demo", "demo", lang == Lang::kNl ? "nl" : "en", texts));
  }
  return sets;
}

std::vector<std::string> DemoPostTexts(int posts) {
  std::vector<std::string> texts;
  ingest::demo::DemoOptions options;
  options.posts = posts;
  options.seed = 1;
  options.end_time = int64_t{1793491200} * 1000000;  // 2026-11-01T00:00:00Z, as webcare_bench.
  const absl::Status status = ingest::demo::GenerateDemoWorld(options, [&](core::NewPost&& post) {
    texts.push_back(std::move(post.text));
    return absl::OkStatus();
  });
  if (!status.ok()) texts.clear();
  return texts;
}

}  // namespace webcare::bench::eval_language
