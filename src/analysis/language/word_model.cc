#include "analysis/language/word_model.h"

#include <algorithm>
#include <bit>
#include <bitset>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace webcare::analysis::language {
namespace {

struct WordEntry {
  std::string_view word;
  uint8_t languages = 0;  // Mask of LanguageBit.
};

// All frequent words, sorted, each with the languages that list it. A sorted vector and binary
// search: a few hundred entries, no hashing of std::string_view needed.
const std::vector<WordEntry>& WordIndex() {
  static const std::vector<WordEntry>* const index = [] {
    std::vector<WordEntry> entries;
    for (int i = 0; i < kModelLanguageCount; ++i) {
      const auto language = static_cast<ModelLanguage>(i);
      for (std::string_view word : FrequentWords(language)) {
        entries.push_back({word, LanguageBit(language)});
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const WordEntry& a, const WordEntry& b) { return a.word < b.word; });
    auto* merged = new std::vector<WordEntry>();
    for (const WordEntry& entry : entries) {
      if (!merged->empty() && merged->back().word == entry.word) {
        merged->back().languages |= entry.languages;
      } else {
        merged->push_back(entry);
      }
    }
    return merged;
  }();
  return *index;
}

uint8_t LookUp(std::string_view word) {
  const std::vector<WordEntry>& index = WordIndex();
  const auto it =
      std::lower_bound(index.begin(), index.end(), word,
                       [](const WordEntry& e, std::string_view w) { return e.word < w; });
  return it != index.end() && it->word == word ? it->languages : 0;
}

void AddToLanguages(uint8_t mask, double amount, std::array<double, kModelLanguageCount>& out) {
  for (int i = 0; i < kModelLanguageCount; ++i) {
    if ((mask >> i) & 1) out[i] += amount;
  }
}

// The spelling hints grouped by their first byte, so a word is compared only with the hints that
// can start at each of its positions instead of with all of them.
struct HintIndex {
  std::array<std::vector<uint8_t>, 256> by_first_byte;
};

constexpr size_t kMaxHints = 256;  // Hint numbers are stored as uint8_t.

const HintIndex& Hints() {
  static const HintIndex* const index = [] {
    auto* built = new HintIndex();
    const std::span<const SpellingHint> hints = SpellingHints();
    for (size_t i = 0; i < hints.size() && i < kMaxHints; ++i) {
      built->by_first_byte[static_cast<uint8_t>(hints[i].pattern[0])].push_back(
          static_cast<uint8_t>(i));
    }
    return built;
  }();
  return *index;
}

// Adds the weight of every hint `word` matches, each hint once.
void AddSpelling(std::string_view word, std::array<double, kModelLanguageCount>& out) {
  const std::span<const SpellingHint> hints = SpellingHints();
  const HintIndex& index = Hints();
  std::bitset<kMaxHints> matched;
  for (size_t at = 0; at < word.size(); ++at) {
    for (const uint8_t number : index.by_first_byte[static_cast<uint8_t>(word[at])]) {
      const SpellingHint& hint = hints[number];
      if (matched[number] || word.compare(at, hint.pattern.size(), hint.pattern) != 0) continue;
      const bool placed =
          hint.place == HintPlace::kAnywhere || (hint.place == HintPlace::kPrefix && at == 0) ||
          // An ending must leave a stem: "ed" is telling in "delayed", not as the word "ed".
          (hint.place == HintPlace::kSuffix && at > 0 && at + hint.pattern.size() == word.size());
      if (!placed) continue;
      matched[number] = true;
      AddToLanguages(hint.languages, hint.weight, out);
    }
  }
}

}  // namespace

std::string LowerForModel(std::string_view word) {
  std::string lower(word);
  for (size_t i = 0; i < lower.size(); ++i) {
    const auto c = static_cast<uint8_t>(lower[i]);
    if (c >= 'A' && c <= 'Z') {
      lower[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < lower.size()) {
      // U+00C0..U+00DE (except U+00D7 ×) lower-case to U+00E0..U+00FE: second byte + 0x20.
      const auto next = static_cast<uint8_t>(lower[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        lower[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return lower;
}

WordEvidence ScoreWords(std::string_view clean_text) {
  WordEvidence evidence;
  std::string word;
  size_t start = 0;
  while (start < clean_text.size()) {
    size_t end = clean_text.find(' ', start);
    if (end == std::string_view::npos) end = clean_text.size();
    if (end > start) {
      word = LowerForModel(clean_text.substr(start, end - start));
      ++evidence.words;
      if (const uint8_t mask = LookUp(word); mask != 0) {
        ++evidence.known_words;
        AddToLanguages(mask, 1.0 / std::popcount(mask), evidence.frequent_words);
      }
      AddSpelling(word, evidence.spelling);
    }
    start = end + 1;
  }
  return evidence;
}

}  // namespace webcare::analysis::language
