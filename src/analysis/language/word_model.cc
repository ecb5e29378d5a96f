#include "analysis/language/word_model.h"

#include <bit>
#include <bitset>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace webcare::analysis::language {
namespace {

// Spelling-hint weights per language (index: ModelLanguage).
using Spelling = std::array<double, kModelLanguageCount>;

void AddToLanguages(uint8_t mask, double amount, std::array<double, kModelLanguageCount>& out) {
  for (int i = 0; i < kModelLanguageCount; ++i) {
    if ((mask >> i) & 1) out[i] += amount;
  }
}

// The spelling hints by where they can stand, so that a word is compared with few of them: the
// hints that may stand anywhere by their first byte (tried at every position), the prefixes by
// their first byte (tried at the start only), the endings by their last byte (tried at the end
// only). The weights are floats, so their sums in doubles are exact and the order in which the
// hints are tried does not change the evidence.
struct HintIndex {
  std::array<std::vector<uint8_t>, 256> anywhere_by_first_byte;
  std::array<std::vector<uint8_t>, 256> prefix_by_first_byte;
  std::array<std::vector<uint8_t>, 256> suffix_by_last_byte;
  // The first two bytes of every anywhere hint, as a bitmap over byte pairs: most positions of
  // most words start none, and one bit test says so. A one-byte anywhere hint would start at
  // any pair, so it sets every pair of its first byte.
  std::bitset<65536> anywhere_pairs;
};

size_t BytePair(char first, char second) {
  return static_cast<size_t>(static_cast<uint8_t>(first)) << 8 | static_cast<uint8_t>(second);
}

constexpr size_t kMaxHints = 256;  // Hint numbers are stored as uint8_t.

const HintIndex& Hints() {
  static const HintIndex* const index = [] {
    auto* built = new HintIndex();
    const std::span<const SpellingHint> hints = SpellingHints();
    for (size_t i = 0; i < hints.size() && i < kMaxHints; ++i) {
      const std::string_view pattern = hints[i].pattern;
      const auto number = static_cast<uint8_t>(i);
      switch (hints[i].place) {
        case HintPlace::kAnywhere:
          built->anywhere_by_first_byte[static_cast<uint8_t>(pattern.front())].push_back(number);
          if (pattern.size() >= 2) {
            built->anywhere_pairs.set(BytePair(pattern[0], pattern[1]));
          } else {
            for (int second = 0; second < 256; ++second) {
              built->anywhere_pairs.set(BytePair(pattern[0], static_cast<char>(second)));
            }
          }
          break;
        case HintPlace::kPrefix:
          built->prefix_by_first_byte[static_cast<uint8_t>(pattern.front())].push_back(number);
          break;
        case HintPlace::kSuffix:
          built->suffix_by_last_byte[static_cast<uint8_t>(pattern.back())].push_back(number);
          break;
      }
    }
    return built;
  }();
  return *index;
}

// Whether `pattern` stands in `word` at `at`, given that its byte at `known` already matched.
bool MatchesAt(std::string_view word, size_t at, std::string_view pattern, size_t known) {
  if (at + pattern.size() > word.size()) return false;
  for (size_t k = 0; k < pattern.size(); ++k) {
    if (k != known && word[at + k] != pattern[k]) return false;
  }
  return true;
}

// Adds the weight of every hint `word` matches, each hint once.
void AddSpelling(std::string_view word, Spelling& out) {
  if (word.empty()) return;
  const std::span<const SpellingHint> hints = SpellingHints();
  const HintIndex& index = Hints();
  for (const uint8_t number : index.prefix_by_first_byte[static_cast<uint8_t>(word.front())]) {
    const SpellingHint& hint = hints[number];
    if (MatchesAt(word, 0, hint.pattern, 0)) AddToLanguages(hint.languages, hint.weight, out);
  }
  std::bitset<kMaxHints> matched;  // An anywhere hint counts once however often it occurs.
  for (size_t at = 0; at < word.size(); ++at) {
    // A hint of two bytes or more cannot start at the last byte; a one-byte hint sets every
    // pair of its byte, so the pair with the byte 0 after the word's end stands for it.
    const char next = at + 1 < word.size() ? word[at + 1] : '\0';
    if (!index.anywhere_pairs[BytePair(word[at], next)]) continue;
    for (const uint8_t number : index.anywhere_by_first_byte[static_cast<uint8_t>(word[at])]) {
      const SpellingHint& hint = hints[number];
      if (matched[number] || !MatchesAt(word, at, hint.pattern, 0)) continue;
      matched[number] = true;
      AddToLanguages(hint.languages, hint.weight, out);
    }
  }
  for (const uint8_t number : index.suffix_by_last_byte[static_cast<uint8_t>(word.back())]) {
    const SpellingHint& hint = hints[number];
    const size_t size = hint.pattern.size();
    // An ending must leave a stem: "ed" is telling in "delayed", not as the word "ed".
    if (size < word.size() && MatchesAt(word, word.size() - size, hint.pattern, size - 1)) {
      AddToLanguages(hint.languages, hint.weight, out);
    }
  }
}

// A hash of a short word: FNV-1a over its bytes, then a final mix so that the low bits (which
// pick the slot) depend on every byte. No std::hash: it would hash the same bytes slower.
uint64_t HashWord(std::string_view word) {
  uint64_t hash = 0xcbf29ce484222325u;
  for (char c : word) hash = (hash ^ static_cast<uint8_t>(c)) * 0x100000001b3u;
  hash ^= hash >> 29;
  hash *= 0xbf58476d1ce4e5b9u;
  return hash ^ (hash >> 32);
}

// All frequent words, each with the mask of the languages that list it and its spelling
// evidence (AddSpelling, computed once here), in an open-addressing table with at most 25%
// load: a lookup is one hash and, nearly always, one comparison. Every word of every post goes
// through it in DetectFast, and most words of a post are frequent words.
class WordIndex {
 public:
  struct Entry {
    uint8_t languages = 0;               // 0: not a frequent word.
    const Spelling* spelling = nullptr;  // Null when not a frequent word.
  };

  WordIndex() {
    size_t words = 0;
    for (int i = 0; i < kModelLanguageCount; ++i) {
      words += FrequentWords(static_cast<ModelLanguage>(i)).size();
    }
    size_t size = 64;
    while (size < 4 * words) size *= 2;
    slots_.resize(size);
    for (int i = 0; i < kModelLanguageCount; ++i) {
      const auto language = static_cast<ModelLanguage>(i);
      for (std::string_view word : FrequentWords(language)) {
        Slot& slot = SlotFor(word);
        slot.word = word;
        slot.languages |= LanguageBit(language);
      }
    }
    // Few distinct spelling vectors: most frequent words have none or one hint.
    std::map<Spelling, uint16_t> numbers;
    for (Slot& slot : slots_) {
      if (slot.languages == 0) continue;
      Spelling spelling{};
      AddSpelling(slot.word, spelling);
      const auto [it, added] = numbers.try_emplace(spelling, spellings_.size());
      if (added) spellings_.push_back(spelling);
      slot.spelling = it->second;
    }
  }

  // What the table knows of `word` (lower case).
  Entry Find(std::string_view word) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = HashWord(word) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.languages == 0) return {};
      if (slot.word == word) return {slot.languages, &spellings_[slot.spelling]};
    }
  }

 private:
  struct Slot {
    std::string_view word;
    uint8_t languages = 0;  // Mask of LanguageBit; 0 for an empty slot (no word is empty).
    uint16_t spelling = 0;  // Index into spellings_.
  };

  Slot& SlotFor(std::string_view word) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = HashWord(word) & mask;; i = (i + 1) & mask) {
      if (slots_[i].languages == 0 || slots_[i].word == word) return slots_[i];
    }
  }

  std::vector<Slot> slots_;
  std::vector<Spelling> spellings_;
};

WordIndex::Entry LookUp(std::string_view word) {
  static const WordIndex* const index = new WordIndex();
  return index->Find(word);
}

// LowerForModel in place.
void LowerInPlace(std::string& word) {
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<uint8_t>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      word[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < word.size()) {
      // U+00C0..U+00DE (except U+00D7 ×) lower-case to U+00E0..U+00FE: second byte + 0x20.
      const auto next = static_cast<uint8_t>(word[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) {
        word[i + 1] = static_cast<char>(next + 0x20);
      }
      ++i;
    }
  }
}

// Whether LowerInPlace would change `word`; the same walk over its bytes.
bool NeedsLowering(std::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<uint8_t>(word[i]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c == 0xC3 && i + 1 < word.size()) {
      const auto next = static_cast<uint8_t>(word[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) return true;
      ++i;
    }
  }
  return false;
}

// 1 / (languages in a mask), the share of a frequent word listed under several languages.
// A table, because std::popcount is a library call without -mpopcnt.
constexpr auto kShare = [] {
  std::array<double, 1 << kModelLanguageCount> share{};
  for (unsigned mask = 1; mask < share.size(); ++mask) {
    share[mask] = 1.0 / std::popcount(mask);
  }
  return share;
}();

}  // namespace

std::string LowerForModel(std::string_view word) {
  std::string lower(word);
  LowerInPlace(lower);
  return lower;
}

WordEvidence ScoreWords(std::string_view clean_text) {
  WordEvidence evidence;
  // The current word in lower case, in a buffer that keeps its capacity: no allocation per
  // word, nor per post once a thread has seen a word as long.
  thread_local std::string word;
  size_t start = 0;
  while (start < clean_text.size()) {
    size_t end = clean_text.find(' ', start);
    if (end == std::string_view::npos) end = clean_text.size();
    if (end > start) {
      // Lower case (LowerForModel), copied only when that changes something.
      std::string_view lower = clean_text.substr(start, end - start);
      if (NeedsLowering(lower)) {
        word.assign(lower);
        LowerInPlace(word);
        lower = word;
      }
      ++evidence.words;
      const WordIndex::Entry entry = LookUp(lower);
      if (entry.languages != 0) {
        ++evidence.known_words;
        AddToLanguages(entry.languages, kShare[entry.languages], evidence.frequent_words);
      }
      if (entry.spelling != nullptr) {
        // A frequent word's hints, added up once. The weights are floats, so sums of them in
        // doubles are exact, and adding the word's sum equals adding its hints one by one.
        for (int i = 0; i < kModelLanguageCount; ++i) evidence.spelling[i] += (*entry.spelling)[i];
      } else {
        AddSpelling(lower, evidence.spelling);
      }
    }
    start = end + 1;
  }
  return evidence;
}

}  // namespace webcare::analysis::language
